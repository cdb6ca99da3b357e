/**
 * Killed with SIGKILL in the middle of the initial sync or of an outbox flush, then started again:
 * nothing lost, nothing twice. The sync runs in a child process (tsx) against the stand-in here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, afterEach, describe, expect, it } from 'vitest';
import { bundleChild } from '../support/node-child';
import { openStore } from '../../electron/services/store';
import { HubSpotGateway } from '../../electron/services/crm/hubspot-client';
import { SyncEngine } from '../../electron/services/crm/sync-engine';
import { Outbox } from '../../electron/services/crm/outbox';
import { startHubSpotStandIn, type HubSpotStandIn } from '../support/hubspot-standin';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'test/support/hubspot-standin/run-sync.ts');
/** The child as plain Node runs it (bundled once: a start per kill costs a few hundred ms, not a compile). */
let bundled: string;
beforeAll(async () => {
  bundled = await bundleChild(SCRIPT);
}, 60_000);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function run(hs: HubSpotStandIn, db: string, mode: 'initial' | 'flush', env: Record<string, string> = {}): { child: ChildProcess; done: Promise<number | null> } {
  // node itself, not a wrapper: SIGKILL must hit the process that runs the sync.
  // scripts/import-glob.mjs: the sources find areas' modules with import.meta.glob (Vite's).
  const child = spawn(process.execPath, [bundled, mode], {
    cwd: ROOT,
    env: { ...process.env, ACCUEIL_TEST_DB: db, ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl, ACCUEIL_HUBSPOT_TOKEN: hs.token, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(err);
      resolve(code);
    }),
  );
  return { child, done };
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-crash-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'accueil.db');
}

describe('kill -9 during the initial sync', () => {
  for (const [label, killWhen] of [
    ['among the contacts', (hs: HubSpotStandIn) => hs.requests.filter((r) => r.path === '/crm/v3/objects/contacts').length >= 4],
    ['among the engagements', (hs: HubSpotStandIn) => hs.requests.filter((r) => r.path === '/crm/v3/objects/notes').length >= 1],
  ] as const) {
    it(`resumes after its last page when killed ${label}: every record once, none missing`, async () => {
      const hs = await startHubSpotStandIn({ seed: { contacts: 1200, companies: 120, engagements: 600, tickets: 50, deals: 50 }, rateLimit: false, faults: { latencyMs: 25 } });
      cleanups.push(() => hs.stop());
      const db = tempDb();
      const first = run(hs, db, 'initial');
      await until(() => killWhen(hs));
      first.child.kill('SIGKILL');
      await first.done;
      // Requests it sent before dying are logged when handled (the stand-in handles several at once,
      // after its latency): let those finish, then nothing more may reach HubSpot from it.
      await until(() => hs.handling === 0);
      const listedBefore = hs.requests.filter((r) => r.path === '/crm/v3/objects/contacts').length;
      // Really dead: nothing more reaches HubSpot from it.
      const seenAtKill = hs.requests.length;
      await new Promise((r) => setTimeout(r, 300));
      expect(hs.requests.length).toBe(seenAtKill);

      hs.setFaults({});
      const second = run(hs, db, 'initial');
      expect(await second.done).toBe(0);

      const store = openStore(db);
      cleanups.push(() => store.close());
      const n = (sql: string) => store.database.prepare<{ n: number }>(sql).get()!.n;
      for (const [table, type] of [
        ['contacts', 'contacts'],
        ['companies', 'companies'],
        ['tickets', 'tickets'],
        ['quotes', 'deals'],
        ['calls', 'calls'],
        ['notes', 'notes'],
        ['emails', 'emails'],
        ['interventions', 'meetings'],
        ['crm_tasks', 'tasks'],
      ] as const) {
        expect(n(`SELECT count(*) AS n FROM ${table}`), table).toBe(hs.state.count(type));
        expect(n(`SELECT count(DISTINCT hubspot_id) AS n FROM ${table}`), table).toBe(hs.state.count(type));
      }
      const expectedPhones =
        [...hs.state.table('contacts').values()].reduce((k, r) => k + (r.properties.phone ? 1 : 0) + (r.properties.mobilephone ? 1 : 0), 0) +
        [...hs.state.table('companies').values()].reduce((k, r) => k + (r.properties.phone ? 1 : 0), 0);
      expect(n('SELECT count(*) AS n FROM phones')).toBe(expectedPhones);
      expect(n('SELECT count(*) AS n FROM (SELECT 1 FROM phones GROUP BY coalesce(contact_id, company_id), raw HAVING count(*) > 1)')).toBe(0);
      // Resumed, not restarted: the contact pages were read once, plus at most the two the kill
      // caught between answer and commit (the page being stored and the next, already asked for).
      const contactPages = Math.ceil(hs.state.count('contacts') / 100);
      const listedTotal = hs.requests.filter((r) => r.path === '/crm/v3/objects/contacts').length;
      expect(listedTotal).toBeLessThanOrEqual(contactPages + 2);
      expect(listedBefore).toBeGreaterThan(0);
    });
  }
});

describe('kill -9 during an outbox flush', () => {
  it('creates each note and call exactly once in HubSpot when killed between the send and the recorded answer', async () => {
    const hs = await startHubSpotStandIn({ seed: { contacts: 30, companies: 5, engagements: 0, tickets: 0, deals: 0 }, rateLimit: false, searchLagMs: 800 });
    cleanups.push(() => hs.stop());
    const db = tempDb();
    const store = openStore(db);
    await new SyncEngine({ gateway: new HubSpotGateway({ token: hs.token, baseUrl: hs.baseUrl }), store }).initialSync();
    const contacts = store.database.prepare<{ id: string }>('SELECT id FROM contacts ORDER BY seq LIMIT 10').all();
    const outbox = new Outbox(store);
    const localNotes: string[] = [];
    for (const [i, c] of contacts.entries()) {
      store.transaction(() => {
        const id = store.history.addNote({ contactId: c.id, body: `Rappel chaudière n°${i}` });
        outbox.enqueue({ kind: 'note', localId: id, op: 'create' });
        localNotes.push(id);
      });
    }
    store.close();

    // The answer to a create is held back; the process dies while HubSpot has already written it.
    hs.setFaults({ responseDelayMs: 400 });
    const first = run(hs, db, 'flush');
    await until(() => hs.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v3/objects/notes').length >= 3);
    first.child.kill('SIGKILL');
    await first.done;
    hs.setFaults({});
    const createdBeforeRestart = hs.state.count('notes');
    expect(createdBeforeRestart).toBeGreaterThanOrEqual(3);

    const second = run(hs, db, 'flush', { ACCUEIL_TEST_GRACE_MS: '3000' });
    expect(await second.done).toBe(0);

    const notes = [...hs.state.table('notes').values()].filter((r) => !r.archived);
    const byAccueil = new Map<string, number>();
    for (const n of notes) byAccueil.set(n.properties.accueil_id ?? '', (byAccueil.get(n.properties.accueil_id ?? '') ?? 0) + 1);
    expect([...byAccueil.keys()].sort()).toEqual([...localNotes].sort());
    expect([...byAccueil.values()].every((k) => k === 1)).toBe(true);
    const after = openStore(db);
    cleanups.push(() => after.close());
    expect(after.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM jobs WHERE queue = 'hubspot'`).get()!.n).toBe(0);
    const linked = after.database.prepare<{ id: string; hubspot_id: string }>('SELECT id, hubspot_id FROM notes').all();
    for (const row of linked) expect(hs.state.live('notes', row.hubspot_id)?.properties.accueil_id).toBe(row.id);
    // Associated with the right contact.
    for (const row of linked) {
      const contactHs = after.database.prepare<{ hs: string }>('SELECT c.hubspot_id AS hs FROM notes n JOIN contacts c ON c.id = n.contact_id WHERE n.id = ?').get(row.id)!.hs;
      expect(hs.state.associationsOf('notes', row.hubspot_id, 'contacts').map((a) => a.toId)).toEqual([contactHs]);
    }
  });
});
