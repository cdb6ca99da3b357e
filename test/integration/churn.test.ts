/**
 * Risque de départ on a real data folder: eight years of a generated company's history written to
 * its SQLite tables (visits, calls, quotes, complaints, survey answers), then the product opened on
 * it. The model is learned from that history (not the rules), the list ranks customers who left in
 * the history's last months first, a record's risk reads with its reasons, and `accueil churn`
 * prints the same list. The clock is injected.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../electron/contract/calls';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { generateHistories } from '../support/churn-histories';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NOW = Date.parse('2026-11-30T12:00:00Z');
let dir: string;
let accueil: Accueil;

function writeHistories(file: string): void {
  const db = new BetterSqlite3(file);
  const iso = (t: number) => new Date(t).toISOString();
  const stamp = iso(NOW);
  const company = db.prepare(`INSERT INTO companies (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`);
  const visit = db.prepare(`INSERT INTO interventions (id, kind, status, scheduled_at, company_id, created_at, updated_at) VALUES (?, ?, 'terminee', ?, ?, ?, ?)`);
  const call = db.prepare(`INSERT INTO calls (id, direction, state, from_raw, from_display, to_raw, ring_at, company_id, updated_at) VALUES (?, 'inbound', 'ended', '0600000000', '06 00 00 00 00', '100', ?, ?, ?)`);
  const ticket = db.prepare(`INSERT INTO tickets (id, subject, status, priority, category, company_id, created_at, updated_at) VALUES (?, 'Réclamation', 'ferme', 'normale', 'reclamation', ?, ?, ?)`);
  const quote = db.prepare(`INSERT INTO quotes (id, number, title, amount_cents, status, company_id, created_at, updated_at) VALUES (?, ?, 'Travaux', 100000, ?, ?, ?, ?)`);
  const survey = db.prepare(
    `INSERT INTO surveys (id, source_kind, source_id, company_id, state, due_at, score, answered_at, created_at, updated_at) VALUES (?, 'intervention', ?, ?, 'sent', ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  const id = (prefix: string) => `${prefix}-${++n}`;
  db.transaction(() => {
    for (const h of generateHistories({ customers: 1200, now: NOW, seed: 5 })) {
      company.run(h.key, h.label, stamp, stamp);
      for (const v of h.visits) visit.run(id('i'), v.maintenance ? 'Entretien chaudière gaz' : 'Dépannage chaudière', iso(v.at), h.key, stamp, stamp);
      for (const t of h.inboundCalls) call.run(id('c'), iso(t), h.key, iso(t));
      for (const t of h.complaints) ticket.run(id('t'), h.key, iso(t), iso(t));
      for (const t of h.lostQuotes) quote.run(id('q'), id('DV'), 'refuse', h.key, iso(t - 20 * 86_400_000), iso(t));
      for (const t of h.wonQuotes) quote.run(id('q'), id('DV'), 'accepte', h.key, iso(t - 10 * 86_400_000), iso(t));
      for (const a of h.answers) survey.run(id('s'), id('src'), h.key, iso(a.at), a.score, iso(a.at), iso(a.at), iso(a.at));
    }
  })();
  db.close();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-churn-'));
  const options = { dataDir: dir, mode: 'web' as const, version: 'test', logger: createMemoryLogger(), startTelephony: false, startSync: false, seedDemo: false, clock: () => new Date(NOW) };
  // Created once for its tables, filled, then opened as the product opens it.
  await (await createAccueil(options)).close();
  writeHistories(path.join(dir, 'accueil.db'));
  accueil = await createAccueil(options);
}, 120_000);

afterAll(async () => {
  await accueil?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = (await accueil.dispatch(name as never, input, { access: 'agent' })) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

describe('risque de départ on a company’s history', () => {
  it('learns from the history and lists first the customers whose silence and reasons say they are leaving', async () => {
    const list = await call<CallOutput<'churn.list'>>('churn.list', { limit: 50 });
    expect(list.model.method).toBe('learned');
    expect(list.model.examples).toBeGreaterThan(1000);
    const top = list.customers.slice(0, 10);
    expect(top.every((c) => c.level === 'eleve')).toBe(true);
    expect(top.every((c) => c.reasons.length > 0)).toBe(true);
    expect(top.map((c) => c.reasons.join(' '))).toEqual(expect.arrayContaining([expect.stringMatching(/entretien en retard de \d+ mois|aucun contact depuis \d+ mois/)]));
    // Ordered by risk.
    expect(list.customers.map((c) => c.probability)).toEqual([...list.customers.map((c) => c.probability)].sort((a, b) => b - a));
  });

  it('gives a record its risk with the same reasons, and nothing for a customer no longer active', async () => {
    const list = await call<CallOutput<'churn.list'>>('churn.list', { limit: 1 });
    const first = list.customers[0]!;
    const record = await call<CallOutput<'churn.forRecord'>>('churn.forRecord', { companyId: first.companyId, contactId: null });
    expect(record.risk).toEqual(first);
    const none = await call<CallOutput<'churn.forRecord'>>('churn.forRecord', { companyId: 'nobody', contactId: null });
    expect(none.risk).toBeNull();
  });

  it('prints the same list from the command line (beside the running product: SQLite in WAL)', () => {
    {
      // The command reads the real clock: it runs at the history's « now » under libfaketime (as CI's faked-date runs).
      const out = execFileSync('faketime', ['2026-11-30 12:00:00', process.execPath, path.join(ROOT, 'bin/accueil.mjs'), 'churn', '--data-dir', dir, '--limit', '3', '--json'], {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
      });
      const printed = JSON.parse(out) as { method: string; computedAt: string; customers: Array<{ companyId: string; reasons: string[] }> };
      expect(printed.computedAt.slice(0, 10)).toBe('2026-11-30');
      expect(printed.method).toBe('learned');
      const listed = accueil.port('churn').top(3);
      expect(printed.customers.map((c) => c.companyId)).toEqual(listed.map((c) => c.companyId));
    }
  });
});
