/**
 * The Bilan over a generated year (speed, printed, never asserted): a SQLite file holding a seeded
 * year of inbound calls (~13 000, three wrap-ups in four saved), call-backs, e-mails from templates
 * and ~1 100 survey answers, measured by the Bilan area's own code as `bilan.table` would. Cold is the
 * first table after opening (statements prepared, pages read), warm the median of the next ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../electron/services/store';
import { satisfactionMigrations } from '../electron/services/satisfaction/satisfaction-migrations';
import { SurveysRepository } from '../electron/services/satisfaction/surveys-repository';
import { BilanMeasurer } from '../electron/services/bilan/bilan-measurer';
import { BilanRepository } from '../electron/services/bilan/bilan-repository';
import { BilanSettingsStore } from '../electron/services/bilan/bilan-settings';
import { generateCallHistory } from '../test/support/call-history.ts';

const NOW = new Date('2026-03-18T10:00:00Z');

export async function benchBilan() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-bilan-'));
  const history = generateCallHistory({ until: '2026-03-18', days: 365, seed: 750 });
  const store = openStore(path.join(dir, 'accueil.db'));
  try {
    const db = store.database;
    db.migrateArea('satisfaction', satisfactionMigrations);
    db.prepare(`INSERT INTO templates (id, name, category, subject, body, created_at, updated_at) VALUES ('tpl-bench', 'Bench', 'autre', 'S', 'B', 't', 't')`).run();
    const call = db.prepare(
      `INSERT INTO calls (id, sip_call_id, direction, state, from_raw, from_e164, from_display, to_raw, ring_at, answer_at, end_at, contact_id, logged_at, updated_at)
       VALUES (@id, @id, @direction, @state, @from, @from, @from, 'claire', @ring, @answer, @end, @contact, @logged, @end)`,
    );
    const email = db.prepare(`INSERT INTO emails (id, direction, subject, body, template_id, sent_at, updated_at) VALUES (?, 'out', 'S', '', 'tpl-bench', ?, ?)`);
    const survey = db.prepare(
      `INSERT INTO surveys (id, source_kind, source_id, state, due_at, sent_at, score, answered_at, created_at, updated_at) VALUES (?, 'intervention', ?, 'sent', ?, ?, ?, ?, ?, ?)`,
    );
    let surveys = 0;
    db.transaction(() => {
      history.calls.forEach((c, i) => {
        const answered = c.answerAt !== null;
        call.run({ id: `c${i}`, direction: 'inbound', state: c.state, from: c.number, ring: c.ringAt, answer: c.answerAt, end: c.endAt, contact: i % 3 ? `k${i % 900}` : null, logged: answered && i % 4 ? c.endAt : null });
        if (i % 10 === 0) call.run({ id: `o${i}`, direction: 'outbound', state: 'ended', from: 'claire', ring: c.endAt, answer: c.endAt, end: c.endAt, contact: null, logged: c.endAt });
        if (i % 8 === 0) email.run(`e${i}`, c.endAt, c.endAt);
        if (i % 8 === 4) {
          const answeredAt = i % 3 ? c.endAt : null;
          survey.run(`s${i}`, `v${i}`, c.ringAt, c.ringAt, answeredAt ? (i * 7) % 11 : null, answeredAt, c.ringAt, c.ringAt);
          if (answeredAt) surveys++;
        }
      });
    });
    const surveysRepository = new SurveysRepository(db);
    const measurer = new BilanMeasurer({ repository: new BilanRepository(db), settings: new BilanSettingsStore(dir), surveys: () => surveysRepository, clock: () => NOW });

    let started = performance.now();
    const first = measurer.table();
    const cold = performance.now() - started;
    const runs: number[] = [];
    for (let i = 0; i < 20; i++) {
      started = performance.now();
      measurer.table();
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    const warm = runs[Math.floor(runs.length / 2)]!;
    const p95 = runs[Math.ceil(runs.length * 0.95) - 1]!;
    const lines = [
      `bilan     table du plan sur ${first.months.length} mois (${history.calls.length} appels entrants, ${surveys} réponses d’enquête) : ` +
        `${cold.toFixed(0)} ms à froid, ${warm.toFixed(1)} ms médiane à chaud (p95 ${p95.toFixed(1)} ms, ${runs.length} mesures)`,
    ];
    return { lines, figures: { months: first.months.length, calls: history.calls.length, answers: surveys, coldMs: Math.round(cold), warmMedianMs: Math.round(warm * 10) / 10, warmP95Ms: Math.round(p95 * 10) / 10 } };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
