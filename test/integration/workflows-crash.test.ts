/**
 * kill -9 at random points of a batch of due steps, again and again, then a last run to the end:
 * no e-mail reaches the (real) SMTP server twice, every callback is on the list exactly once, and
 * every step ends — sent, on the list, or (the kill fell during its SMTP request) waiting in
 * « À vérifier » for Claire, never resent by itself. The engine runs in a child process (node + tsx).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, afterEach, describe, expect, it } from 'vitest';
import { bundleChild } from '../support/node-child';
import { SeededRandom } from '../../electron/services/demo/seeded-random';
import { createWorkflowHarness, recordingMail } from '../support/workflow-harness';
import { startSmtpInbox } from '../support/smtp-inbox';

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'test/support/workflow-crash-child.ts');
/** The child as plain Node runs it (bundled once: a start per kill costs a few hundred ms, not a compile). */
let bundled: string;
beforeAll(async () => {
  bundled = await bundleChild(CHILD);
}, 60_000);
/** Tuesday 1 December 2026, 10:00 in Paris: inside office hours. */
const NOW = '2026-12-01T09:00:00.000Z';
const DAY = 86_400_000;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Runs the child; kills it `killAfterMs` after it said ready (null: lets it finish). True when it finished by itself. */
function runChild(db: string, smtpPort: number, killAfterMs: number | null): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundled], {
      cwd: ROOT,
      env: { ...process.env, ACCUEIL_TEST_DB: db, ACCUEIL_TEST_NOW: NOW, ACCUEIL_TEST_SMTP_PORT: String(smtpPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      if (killAfterMs !== null && d.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(false);
      else if (code === 0) resolve(true);
      else reject(new Error(`child exited ${code}: ${err}`));
    });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  });
}

describe('workflows killed with SIGKILL in the middle of a batch', () => {
  it('never sends twice, loses nothing, and every step ends', { timeout: 240_000 }, async () => {
    const inbox = await startSmtpInbox();
    cleanups.push(() => inbox.stop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-wf-crash-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const db = path.join(dir, 'accueil.db');

    // 90 devis sent eight days ago (their J+7 is due) and 30 accepted ones (a chantier and an acknowledgement each).
    const now = new Date(NOW);
    const seed = createWorkflowHarness({ file: db, clock: () => now, mail: recordingMail(), canAct: () => false });
    for (let i = 0; i < 120; i++) {
      const contact = seed.store.contacts.create({ firstName: 'Client', lastName: `N${i}`, email: `client${i}@example.fr`, companyId: null, phone: `06 12 ${String(10 + Math.floor(i / 10)).padStart(2, '0')} 34 ${String(10 + (i % 10)).padStart(2, '0')}` }).id;
      // Due ten minutes ago: on time, not a catch-up after a stop.
      const sentAt = new Date(now.getTime() - 7 * DAY - 600_000).toISOString();
      seed.store.quotes.insert({ number: `DV-2026-${String(i + 1).padStart(5, '0')}`, title: 'Travaux', amountCents: 100_000, status: i < 90 ? 'envoye' : 'accepte', contactId: contact, sentAt });
    }
    seed.engine.enrolPending();
    const dueSteps = seed.store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM workflow_steps WHERE state = 'planned' AND due_at <= ?`).get(NOW)!.n;
    expect(dueSteps).toBe(90 + 30 * 2);
    seed.store.close();

    const random = new SeededRandom(1201);
    let kills = 0;
    let finished = false;
    while (!finished && kills < 20) {
      finished = await runChild(db, inbox.port, random.int(5, 120));
      if (!finished) kills++;
    }
    if (!finished) finished = await runChild(db, inbox.port, null);
    expect(finished).toBe(true);
    expect(kills).toBeGreaterThanOrEqual(20);

    // Nothing twice at the SMTP server.
    const delivered = inbox.received.map((m) => `${m.headers.get('x-accueil-workflow')}|${m.to}|${m.subject}`);
    expect(new Set(delivered).size).toBe(delivered.length);

    const check = createWorkflowHarness({ file: db, clock: () => now, mail: recordingMail(), canAct: () => false });
    cleanups.push(() => check.store.close());
    const steps = check.store.database
      .prepare<{ state: string; reason: string | null; n: number }>(`SELECT state, reason, count(*) AS n FROM workflow_steps WHERE due_at <= ? GROUP BY state, reason`)
      .all(NOW);
    // Every due step ended: sent, on the list, or held for Claire after a cut (at most one per kill).
    expect(steps.filter((s) => s.state !== 'done' && !(s.state === 'held' && s.reason === 'cut_uncertain'))).toEqual([]);
    const byReason = new Map(steps.map((s) => [s.reason, s.n]));
    const cut = byReason.get('cut_uncertain') ?? 0;
    expect(cut).toBeLessThanOrEqual(kills);
    expect((byReason.get('sent') ?? 0) + cut).toBe(120);
    expect(byReason.get('chantier_created')).toBe(30);
    // Every e-mail recorded as sent reached the server; a cut one may or may not have.
    expect(delivered.length).toBeGreaterThanOrEqual(byReason.get('sent')!);
    expect(delivered.length).toBeLessThanOrEqual(120);
    // Exactly one chantier per accepted devis on Claire's list.
    const chantiers = check.store.database.prepare<{ reason: string }>(`SELECT request_reason AS reason FROM callbacks WHERE request_reason LIKE 'Chantier%'`).all();
    expect(chantiers).toHaveLength(30);
    console.log(`workflows crash: ${kills} kills, ${delivered.length} e-mails delivered once each, ${cut} cut and held for Claire`);
  });
});
