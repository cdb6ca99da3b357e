/**
 * Poisoned HubSpot data (issue 9, item 2): a call whose hs_call_duration is 1e20 used to make the
 * mapping throw "Invalid time value", failing every cycle for good — watermark frozen, status
 * "offline", every note and call recorded afterwards stuck in the outbox. Here every mapped type
 * serves values of every wrong kind, and some records cannot be mapped at all: the rest of the
 * sync goes on, local work reaches HubSpot, and the unreadable ones are counted in the status.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../../electron/services/store';
import { Directory } from '../../electron/services/directory';
import { SyncService } from '../../electron/services/crm/sync-service';
import { PROPERTIES, SYNC_ORDER } from '../../electron/services/crm/mapping';
import { MemorySecrets } from '../support/memory-secrets';
import { drainOutbox } from '../support/sync-fixture';
import { silentLogger, type Logger } from '../../electron/services/log';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn, type ObjectType } from '../support/hubspot-standin';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});


/** Every kind of value HubSpot could send where a string was documented. */
const POISON: unknown[] = [
  '100000000000000000000',
  '-100000000000000000000',
  1e20,
  true,
  { value: '1', nested: { deep: [1] } },
  ['a', 1, null],
  '',
  'constructor',
  '__proto__',
  // Beyond what is kept of one property (100 000 characters); the unit tests go to 2 million.
  'é'.repeat(300_000),
  null,
  '31/02/2026 à midi',
];

/** One record of each type serves a poisoned value in every property it is read for. */
function poisonEveryProperty(hs: HubSpotStandIn, type: ObjectType, id: string, offset: number): void {
  const properties: Record<string, unknown> = { createdate: POISON[offset % POISON.length], hs_createdate: POISON[(offset + 1) % POISON.length] };
  PROPERTIES[type].forEach((name, i) => (properties[name] = POISON[(offset + i) % POISON.length]));
  // The reported one, on every call.
  if (type === 'calls') properties.hs_call_duration = '100000000000000000000';
  // Associations of the wrong shape too (lists inline on the list endpoint).
  const associations = { contacts: { results: 'aucun' }, companies: { results: [{ id: { x: 1 } }, null, { id: '1e20', type: 42 }] }, tickets: [] };
  hs.state.poison(type, id, { properties, object: { createdAt: 'jamais', associations } });
}

function recordingLogger(lines: Array<{ message: string; fields: Record<string, unknown> }>): Logger {
  const logger: Logger = {
    ...silentLogger,
    warn: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields: fields ?? {} }),
    child: () => logger,
  };
  return logger;
}

async function setup() {
  const hs = await startHubSpotStandIn({ seed: { contacts: 30, companies: 6, engagements: 30, tickets: 6, deals: 6 }, rateLimit: false });
  cleanups.push(() => hs.stop());
  const francois = [...hs.state.table('contacts').values()].find((r) => r.properties.lastname === FIXTURE_CONTACT.lastName)!;
  // Before the first copy: each type has a record with poisoned values and one without a usable id.
  const unmappable: string[] = [];
  SYNC_ORDER.forEach((type, i) => {
    const ids = hs.state.liveIds(type).filter((id) => id !== francois.id);
    poisonEveryProperty(hs, type, ids[0]!, i);
    hs.state.poison(type, ids[1]!, { object: { id: i % 2 === 0 ? null : { not: 'an id' } }, properties: { hs_object_id: i % 2 === 0 ? ['x'] : null } });
    unmappable.push(`${type}:${ids[1]}`);
  });
  hs.state.rawOwners.push({ id: 4242, firstName: { x: 1 }, lastName: 1e20, email: ['a'] }, { id: null, firstName: 'Sans', lastName: 'Id' }, 'pas un propriétaire');
  // A pipeline stage and a pipeline HubSpot would never send, beside the real ones.
  const pipelines = hs.state.pipelines.tickets as unknown as Array<Record<string, unknown>>;
  (pipelines[0]!.stages as unknown[]).push({ id: null, label: { fr: 'x' }, displayOrder: 'premier', metadata: 'fermé' });
  pipelines.push({ id: { x: 1 }, label: 'Sans id', stages: 'aucune' });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-poison-'));
  const store = openStore(path.join(dir, 'accueil.db'));
  const secrets = new MemorySecrets();
  secrets.set('hubspot.token', hs.token);
  const logs: Array<{ message: string; fields: Record<string, unknown> }> = [];
  const sync = new SyncService({
    store,
    secrets,
    env: { ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl },
    logger: recordingLogger(logs),
    pollIntervalMs: 60_000,
    overlapMs: 5_000,
    archivedEveryMs: 0,
    lookupGraceMs: 800,
    // The stand-in is not limiting here: neither is the gateway (limits have their own tests).
    gateway: { baseBackoffMs: 20, maxBackoffMs: 200, maxAttempts: 2, searchPerSecond: 50, burstPerTenSeconds: 10_000 },
  });
  cleanups.push(async () => {
    await sync.stop();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  // Builds the engine and pusher, keeps the background timers off: the test drives cycle().
  sync.start();
  await sync.stop();
  return { hs, store, sync, logs, francois, unmappable, directory: new Directory(store) };
}


function recordNoteAndCall(store: AccueilStore, sync: SyncService, contactId: string, tag: string): { noteId: string; callId: string } {
  return store.transaction(() => {
    const noteId = store.history.addNote({ contactId, body: `Note ${tag}` });
    sync.outbox.enqueue({ kind: 'note', localId: noteId, op: 'create' });
    const callId = `call-${tag}`;
    store.database
      .prepare(
        `INSERT INTO calls (id, sip_call_id, direction, state, from_raw, from_e164, from_display, to_raw, ring_at, answer_at, end_at, contact_id, match_label, updated_at)
         VALUES (?, ?, 'inbound', 'ended', '06 12 34 56 78', '+33612345678', 'François Lefèvre', '201', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:05.000Z', '2026-03-02T09:02:05.000Z', ?, 'François Lefèvre', '2026-03-02T09:02:05.000Z')`,
      )
      .run(callId, `sip-${tag}`, contactId);
    sync.outbox.enqueue({ kind: 'call', localId: callId, op: 'create' });
    return { noteId, callId };
  });
}

const sentWith = (hs: HubSpotStandIn, type: ObjectType, accueilId: string) => [...hs.state.table(type).values()].filter((r) => r.properties.accueil_id === accueilId && !r.archived);

describe('poisoned HubSpot records', () => {
  it('copies everything readable, skips and counts the unmappable records, and logs each with its type and id', async () => {
    const { hs, store, sync, logs, unmappable } = await setup();
    await sync.cycle();
    const status = sync.status();
    expect(status.lastError).toBeNull();
    expect(status.state).toBe('idle');
    expect(status.lastSuccessAt).not.toBeNull();
    // One record without a usable id per type, and two owners without one.
    expect(status.unreadableRecords).toBe(SYNC_ORDER.length + 2);
    const skipped = logs.filter((l) => l.message === 'unreadable HubSpot record skipped');
    expect(new Set(skipped.map((l) => l.fields.type))).toEqual(new Set([...SYNC_ORDER, 'owners']));
    expect(skipped.every((l) => typeof l.fields.id === 'string' && l.fields.id !== '')).toBe(true);
    // Every other record is in the cache, poisoned values included (with fallbacks).
    const tables: Record<ObjectType, string> = { contacts: 'contacts', companies: 'companies', tickets: 'tickets', deals: 'quotes', calls: 'calls', notes: 'notes', emails: 'emails', meetings: 'interventions', tasks: 'crm_tasks' };
    for (const type of SYNC_ORDER) {
      const cached = store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${tables[type]} WHERE hubspot_id IS NOT NULL`).get()!.n;
      expect(cached, type).toBe(hs.state.count(type) - 1);
    }
    expect(unmappable).toHaveLength(SYNC_ORDER.length);
    // The owner with odd names is kept (readable id), its unreadable names left empty.
    expect(store.database.prepare<{ first_name: string | null }>(`SELECT first_name FROM crm_owners WHERE hubspot_id = '4242'`).get()).toEqual({ first_name: null });
  });

  it('keeps pulling other changes and pushing local work while poisoned records keep arriving', async () => {
    const { hs, store, sync, francois, directory } = await setup();
    await sync.cycle();
    const contact = store.database.prepare<{ id: string }>('SELECT id FROM contacts WHERE hubspot_id = ?').get(francois.id)!;
    const before = recordNoteAndCall(store, sync, contact.id, 'avant');

    // Later: the reported call appears in HubSpot (duration 1e20, modified "in 1e20 ms"), and a
    // record of every type is poisoned again, while someone renames François.
    const call = hs.state.create('calls', { hs_timestamp: new Date().toISOString(), hs_call_status: 'COMPLETED' });
    hs.state.poison('calls', call.id, { properties: { hs_call_duration: '100000000000000000000', hs_lastmodifieddate: '100000000000000000000' } });
    SYNC_ORDER.forEach((type, i) => poisonEveryProperty(hs, type, hs.state.liveIds(type).filter((id) => id !== francois.id).at(-1)!, i + 3));
    hs.state.update('contacts', francois.id, { firstname: 'Franck' });

    await drainOutbox(sync, store);
    const after = recordNoteAndCall(store, sync, contact.id, 'apres');
    await drainOutbox(sync, store);

    for (const { noteId, callId } of [before, after]) {
      expect(sentWith(hs, 'notes', noteId)).toHaveLength(1);
      expect(sentWith(hs, 'calls', callId)).toHaveLength(1);
    }
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.firstName).toBe('Franck');
    expect(store.database.prepare<{ end_at: string | null }>('SELECT end_at FROM calls WHERE hubspot_id = ?').get(call.id)).toEqual({ end_at: null });
    // The poisoned modification date did not carry the watermark into the future.
    const watermark = Number(store.database.prepare<{ value: string }>("SELECT value FROM sync_state WHERE key = 'watermark.calls'").get()!.value);
    expect(watermark).toBeLessThanOrEqual(hs.state.now() + 1);
    hs.state.update('contacts', francois.id, { firstname: 'Francis' });
    await sync.cycle();
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.firstName).toBe('Francis');
    // The same unreadable records, read again at each poll, still count once each.
    expect(sync.status()).toMatchObject({ state: 'idle', lastError: null, pendingOutbox: 0, unreadableRecords: SYNC_ORDER.length + 2 });
  });

  it('pushes local work while the pull fails, and reports that failure as what it is, not as the network', async () => {
    const { hs, store, sync, francois } = await setup();
    await sync.cycle();
    const contact = store.database.prepare<{ id: string }>('SELECT id FROM contacts WHERE hubspot_id = ?').get(francois.id)!;
    hs.setFaults({ garbleSearch: true });
    const { noteId, callId } = recordNoteAndCall(store, sync, contact.id, 'panne');
    await sync.cycle();
    const status = sync.status();
    expect(status.pendingOutbox).toBe(0);
    expect(sentWith(hs, 'notes', noteId)).toHaveLength(1);
    expect(sentWith(hs, 'calls', callId)).toHaveLength(1);
    expect(status.state).toBe('error');
    expect(status.lastError).not.toMatch(/injoignable|réseau/);
    expect(status.lastError).toMatch(/illisible|interne/);
  });
});
