/**
 * HubSpot misbehaving: bursts of 429 and 5xx, an outage, a revoked token. The outbox drains once
 * HubSpot is back, every record once; pops keep answering from the cache throughout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccueilStore } from '../../electron/services/store';
import { Directory } from '../../electron/services/directory';
import type { SyncService } from '../../electron/services/crm/sync-service';
import type { MemorySecrets } from '../support/memory-secrets';
import { drainOutbox, startSyncedStore } from '../support/sync-fixture';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(): Promise<{ hs: HubSpotStandIn; store: AccueilStore; sync: SyncService; secrets: MemorySecrets; directory: Directory; notes: string[] }> {
  const hs = await startHubSpotStandIn({ seed: { contacts: 20, companies: 4, engagements: 10, tickets: 3, deals: 2 }, rateLimit: false, searchLagMs: 300 });
  cleanups.push(() => hs.stop());
  const { store, sync, secrets } = await startSyncedStore(hs, cleanups, {
    lookupGraceMs: 800,
    gateway: { baseBackoffMs: 20, maxBackoffMs: 200, maxAttempts: 2, searchPerSecond: 50 },
  });
  await sync.cycle();
  expect(sync.status().lastSuccessAt).not.toBeNull();
  const contacts = store.database.prepare<{ id: string }>('SELECT id FROM contacts ORDER BY seq LIMIT 8').all();
  const notes: string[] = [];
  for (const c of contacts) {
    store.transaction(() => {
      const id = store.history.addNote({ contactId: c.id, body: `Appel de suivi ${c.id.slice(0, 4)}` });
      sync.outbox.enqueue({ kind: 'note', localId: id, op: 'create' });
      notes.push(id);
    });
  }
  return { hs, store, sync, secrets, directory: new Directory(store), notes };
}


function expectEachOnce(hs: HubSpotStandIn, localIds: string[]): void {
  const counts = new Map<string, number>();
  for (const r of hs.state.table('notes').values()) {
    const id = r.properties.accueil_id;
    if (id && !r.archived) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  expect([...counts.keys()].sort()).toEqual([...localIds].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe('HubSpot faults', () => {
  it('drains the outbox through a burst of 429 (waiting out Retry-After) and of 5xx, each note once', async () => {
    const { hs, store, sync, notes, directory } = await setup();
    hs.setFaults({ burst429: 4, retryAfterSeconds: 1, burst5xx: 3 });
    await drainOutbox(sync, store);
    expectEachOnce(hs, notes);
    const limited = hs.requests.findIndex((r) => r.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    // Nothing left within the Retry-After second after a 429.
    const after = hs.requests.slice(limited + 1).find((r) => r.status !== 429);
    expect(after!.at - hs.requests[limited]!.at).toBeGreaterThanOrEqual(900);
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.lastName).toBe(FIXTURE_CONTACT.lastName);
  });

  it('keeps popping from the cache during an outage, reports it in plain French, and drains after', async () => {
    const { hs, store, sync, notes, directory } = await setup();
    hs.setFaults({ down: true });
    await sync.cycle();
    const status = sync.status();
    expect(status.state).toBe('offline');
    expect(status.lastError).toMatch(/injoignable/);
    expect(status.pendingOutbox).toBe(notes.length);
    const started = performance.now();
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.lastName).toBe(FIXTURE_CONTACT.lastName);
    expect(performance.now() - started).toBeLessThan(1_000);
    hs.setFaults({});
    await drainOutbox(sync, store);
    expectEachOnce(hs, notes);
  });

  it('stops on a revoked token with an actionable message, keeps the outbox, and drains once a new token is set', async () => {
    const { hs, store, sync, notes, directory } = await setup();
    hs.revokeToken();
    await sync.cycle();
    expect(sync.status().state).toBe('error');
    expect(sync.status().lastError).toMatch(/401/);
    expect(sync.status().lastError).toMatch(/Paramètres/);
    expect(sync.status().pendingOutbox).toBe(notes.length);
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.lastName).toBe(FIXTURE_CONTACT.lastName);
    sync.setToken(hs.token);
    await sync.stop();
    await drainOutbox(sync, store);
    expectEachOnce(hs, notes);
  });

  it('sends a finished call as a call engagement with direction, numbers, duration in ms and its contact', async () => {
    const { hs, store, sync } = await setup();
    const contact = store.database.prepare<{ id: string; hubspot_id: string }>('SELECT id, hubspot_id FROM contacts WHERE last_name = ?').get(FIXTURE_CONTACT.lastName)!;
    const callId = 'call-local-1';
    store.transaction(() => {
      store.database
        .prepare(
          `INSERT INTO calls (id, sip_call_id, direction, state, from_raw, from_e164, from_display, to_raw, ring_at, answer_at, end_at, contact_id, match_label, updated_at)
           VALUES (?, 'sip-1', 'inbound', 'ended', '06 12 34 56 78', '+33612345678', 'François Lefèvre', '201', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:05.000Z', '2026-03-02T09:02:05.000Z', ?, 'François Lefèvre', '2026-03-02T09:02:05.000Z')`,
        )
        .run(callId, contact.id);
      sync.outbox.enqueue({ kind: 'call', localId: callId, op: 'create' });
    });
    await drainOutbox(sync, store);
    const sent = [...hs.state.table('calls').values()].find((r) => r.properties.accueil_id === callId)!;
    expect(sent.properties).toMatchObject({
      hs_call_direction: 'INBOUND',
      hs_call_duration: '120000',
      hs_call_from_number: '+33612345678',
      hs_call_status: 'COMPLETED',
      hs_timestamp: '2026-03-02T09:00:00.000Z',
    });
    expect(hs.state.associationsOf('calls', sent.id, 'contacts').map((a) => a.toId)).toEqual([contact.hubspot_id]);
    expect(store.database.prepare<{ hubspot_id: string }>('SELECT hubspot_id FROM calls WHERE id = ?').get(callId)!.hubspot_id).toBe(sent.id);
    // Polled back, it stays one call.
    await sync.cycle();
    expect(store.database.prepare<{ n: number }>("SELECT count(*) AS n FROM calls WHERE from_e164 = '+33612345678' AND ring_at = '2026-03-02T09:00:00.000Z'").get()!.n).toBe(1);
  });

  it('creates a new contact once (upsert by accueil_id) even when sent twice, and a ticket with a stage of its pipeline', async () => {
    const { hs, store, sync } = await setup();
    const contactId = store.transaction(() => {
      const id = store.contacts.create({ firstName: 'Soizic', lastName: 'Le Bihan', phone: '06 45 67 89 01' }).id;
      sync.outbox.enqueue({ kind: 'contact', localId: id, op: 'create' });
      return id;
    });
    // Simulate a crash after the send: the item is left 'sending' and will be sent again.
    hs.setFaults({ responseDelayMs: 0 });
    await drainOutbox(sync, store);
    store.database.prepare(`INSERT INTO jobs (queue, kind, subject, payload, state, next_attempt_at, created_at, updated_at) VALUES ('hubspot', 'contact', ?, '{"op":"create"}', 'in_flight', '1970-01-01T00:00:00.000Z', '1970-01-01', '1970-01-01')`).run(contactId);
    store.database.prepare('UPDATE contacts SET hubspot_id = NULL WHERE id = ?').run(contactId);
    await drainOutbox(sync, store);
    const twins = [...hs.state.table('contacts').values()].filter((r) => r.properties.accueil_id === contactId);
    expect(twins).toHaveLength(1);
    expect(twins[0]!.properties).toMatchObject({ firstname: 'Soizic', lastname: 'Le Bihan', mobilephone: '+33645678901' });

    const ticketId = 'ticket-local-1';
    store.transaction(() => {
      store.tickets.insert({ id: ticketId, subject: 'Chaudière en panne', status: 'en_attente', priority: 'urgente', category: 'depannage', contactId });
      sync.outbox.enqueue({ kind: 'ticket', localId: ticketId, op: 'create' });
    });
    await drainOutbox(sync, store);
    const ticket = [...hs.state.table('tickets').values()].find((r) => r.properties.accueil_id === ticketId)!;
    expect(ticket.properties).toMatchObject({ subject: 'Chaudière en panne', hs_pipeline: '0', hs_pipeline_stage: '2', hs_ticket_priority: 'URGENT' });
    expect(hs.state.associationsOf('tickets', ticket.id, 'contacts').map((a) => a.toId)).toEqual([twins[0]!.id]);
  });
});
