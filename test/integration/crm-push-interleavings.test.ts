/**
 * Work recorded in Accueil reaches HubSpot once, and the last version wins, whatever the timing:
 * the HubSpot stand-in holds a request open (a gate) while Claire keeps working, or drops the
 * connection after applying it (the outcome unknown to Accueil).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../../electron/services/store';
import type { SyncService } from '../../electron/services/crm/sync-service';
import { EventBus } from '../../electron/services/event-bus';
import { CallWrapUp } from '../../electron/services/work/wrapup/call-wrap-up';
import { TicketDesk } from '../../electron/services/work/tickets/ticket-desk';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import type { CallName, CallInput, CallOutput } from '../../electron/contract';
import type { Envelope } from '../../electron/contract/envelope';
import { startSyncedStore } from '../support/sync-fixture';
import { waitFor } from '../support/wait';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn, type StandInRecord } from '../support/hubspot-standin';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});



interface Desk {
  hs: HubSpotStandIn;
  store: AccueilStore;
  sync: SyncService;
  wrapUp: CallWrapUp;
  tickets: TicketDesk;
  contactId: string;
}

/** A synced cache, the real wrap-up and ticket services queueing into the real outbox. */
async function setup(options: { searchLagMs?: number; lookupGraceMs?: number } = {}): Promise<Desk> {
  const hs = await startHubSpotStandIn({ seed: { contacts: 12, companies: 3, engagements: 6, tickets: 2 }, rateLimit: false, searchLagMs: options.searchLagMs ?? 0 });
  cleanups.push(() => hs.stop());
  const { store, sync } = await startSyncedStore(hs, cleanups, {
    lookupGraceMs: options.lookupGraceMs ?? 800,
    overlapMs: 0,
    gateway: { baseBackoffMs: 20, maxBackoffMs: 200, maxAttempts: 1, searchPerSecond: 50 },
  });
  await sync.pull();
  expect(sync.status().lastSuccessAt).not.toBeNull();
  const events = new EventBus();
  const wrapUp = new CallWrapUp(store, sync.outbox, events, () => 'Claire');
  const tickets = new TicketDesk(store, wrapUp, sync.outbox, events, () => 'Claire');
  const contactId = store.database.prepare<{ id: string }>(`SELECT id FROM contacts WHERE hubspot_id IS NOT NULL ORDER BY seq LIMIT 1`).get()!.id;
  return { hs, store, sync, wrapUp, tickets, contactId };
}

/** Pushes until the outbox is empty, as the background loop would (waits made due at once). */
async function drain({ sync, store }: Desk, timeoutMs = 20_000): Promise<void> {
  await waitFor('the outbox to drain', async () => {
    store.database.prepare(`UPDATE jobs SET next_attempt_at = '1970-01-01T00:00:00.000Z' WHERE queue = 'hubspot'`).run();
    await sync.push();
    return sync.outbox.pendingCount() === 0;
  }, timeoutMs);
}

function withAccueilId(hs: HubSpotStandIn, type: 'calls' | 'tickets' | 'contacts' | 'notes', localId: string): StandInRecord[] {
  return [...hs.state.table(type).values()].filter((r) => !r.archived && r.properties.accueil_id === localId);
}

function endedCall(store: AccueilStore, contactId: string | null, id: string): string {
  const ringAt = new Date(Date.now() - 10 * 60_000).toISOString();
  store.calls.insertPast({
    id, sipCallId: `${id}@pbx.example`, direction: 'inbound', state: 'ended', fromRaw: '0612345678', fromE164: '+33612345678',
    fromDisplay: '06 12 34 56 78', callerName: null, toRaw: 'claire', ringAt, answerAt: ringAt, endAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    contactId, companyId: null, matchLabel: null, endReason: 'bye',
  });
  return id;
}

describe('pushing while Claire keeps working', () => {
  it('ends with HubSpot and the cache holding the last of several edits made while the record was being sent', async () => {
    const desk = await setup();
    const { hs, store, sync, tickets, contactId } = desk;
    const ticketId = tickets.create({ subject: 'Fuite sous évier', description: null, category: 'depannage', priority: 'normale', status: 'nouveau', contactId, companyId: null, siteAddress: null, callId: null }).ticket.id;
    await drain(desk);
    const hubspotId = store.database.prepare<{ hubspot_id: string }>(`SELECT hubspot_id FROM tickets WHERE id = ?`).get(ticketId)!.hubspot_id;
    expect(hubspotId).toBeTruthy();

    const held = hs.gate({ method: 'PATCH', path: new RegExp(`/crm/v3/objects/tickets/${hubspotId}$`) }, 'after');
    tickets.update({ ticketId, subject: 'Fuite sous évier — v1', callId: null });
    const pushing = sync.push();
    await held.reached; // HubSpot has v1; its answer is held
    tickets.update({ ticketId, subject: 'Fuite sous évier — v2', callId: null });
    tickets.update({ ticketId, subject: 'Fuite sous évier — v3', callId: null, priority: 'haute' });
    held.release();
    await pushing;
    await drain(desk);
    await sync.pull(); // the next poll must not bring an older HubSpot version back over the local one

    expect(hs.state.live('tickets', hubspotId)?.properties).toMatchObject({ subject: 'Fuite sous évier — v3', hs_ticket_priority: 'HIGH' });
    expect(tickets.get(ticketId).ticket).toMatchObject({ subject: 'Fuite sous évier — v3', priority: 'haute' });
    expect(withAccueilId(hs, 'tickets', ticketId)).toHaveLength(1);
  });

  it('creates one call engagement when the create was cut after HubSpot applied it and the wrap-up was corrected meanwhile', async () => {
    // Search lags writes by 1.5 s: the look-up after the cut finds nothing at first.
    const desk = await setup({ searchLagMs: 1_500, lookupGraceMs: 10_000 });
    const { hs, wrapUp, store, sync, contactId } = desk;
    const callId = endedCall(store, contactId, 'call-cut-1');

    const cut = hs.gate({ method: 'POST', path: /^\/crm\/v3\/objects\/calls$/ }, 'after');
    wrapUp.save({ callId, outcome: 'connecte', body: 'Chaudière en sécurité', ticketId: null });
    const pushing = sync.push();
    await cut.reached;
    cut.cut();
    await pushing;
    expect(withAccueilId(hs, 'calls', callId)).toHaveLength(1); // applied; Accueil does not know it
    expect(store.database.prepare(`SELECT state FROM jobs WHERE queue = 'hubspot' AND kind = 'call'`).all()).toEqual([{ state: 'in_flight' }]);

    wrapUp.save({ callId, outcome: 'connecte', body: 'Chaudière en sécurité — passage demain 9 h', ticketId: null });
    await drain(desk);

    const engagements = withAccueilId(hs, 'calls', callId);
    expect(engagements).toHaveLength(1);
    expect(engagements[0]!.properties.hs_call_body).toBe('Chaudière en sécurité — passage demain 9 h');
    expect(store.database.prepare<{ hubspot_id: string }>(`SELECT hubspot_id FROM calls WHERE id = ?`).get(callId)!.hubspot_id).toBe(engagements[0]!.id);
  });

  it('sends an edit made while a create is in flight as an update of the one engagement', async () => {
    const desk = await setup();
    const { hs, wrapUp, store, sync, contactId } = desk;
    const callId = endedCall(store, contactId, 'call-inflight-1');
    const held = hs.gate({ method: 'POST', path: /^\/crm\/v3\/objects\/calls$/ }, 'before');
    wrapUp.save({ callId, outcome: 'connecte', body: 'Premier jet', ticketId: null });
    const pushing = sync.push();
    await held.reached;
    wrapUp.save({ callId, outcome: 'message_laisse', body: 'Version finale', ticketId: null });
    held.release();
    await pushing;
    await drain(desk);
    const engagements = withAccueilId(hs, 'calls', callId);
    expect(engagements).toHaveLength(1);
    expect(engagements[0]!.properties.hs_call_body).toBe('Version finale');
  });
});

async function call<N extends CallName>(accueil: Accueil, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = (await accueil.dispatch(name, input, { access: 'agent' })) as Envelope<CallOutput<N>>;
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value;
}

describe('records Claire creates from the pop', () => {
  it('sends a quick-created contact and a number attached to a HubSpot contact, then associates the calls linked to them', async () => {
    const hs = await startHubSpotStandIn({ seed: { contacts: 15, companies: 3, engagements: 5 }, rateLimit: false });
    cleanups.push(() => hs.stop());
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-quick-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const accueil = await createAccueil({
      dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false,
      env: { ACCUEIL_HUBSPOT_TOKEN: hs.token, ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl, ACCUEIL_HUBSPOT_POLL_MS: '1000' },
    });
    cleanups.push(() => accueil.close());
    await waitFor('the initial sync', async () => (await call(accueil, 'sync.status', {})).lastSuccessAt !== null);
    const side = openStore(path.join(dataDir, 'accueil.db'));
    cleanups.push(() => side.close());

    // An unknown caller, created from the new-caller card during the call; the call then wrapped up.
    endedCall(side, null, 'call-new-caller');
    const lucie = await call(accueil, 'directory.createContact', { firstName: 'Lucie', lastName: 'Marchand', phone: '06 11 22 33 44' });
    await call(accueil, 'calls.chooseMatch', { callId: 'call-new-caller', contactId: lucie.id, companyId: null });
    await call(accueil, 'wrapup.save', { callId: 'call-new-caller', outcome: 'connecte', body: 'Demande de devis PAC', ticketId: null });

    // A second number of a known HubSpot contact, attached from another call already logged.
    const francois = [...hs.state.table('contacts').values()].find((r) => r.properties.lastname === FIXTURE_CONTACT.lastName)!;
    const francoisLocal = side.database.prepare<{ id: string }>(`SELECT id FROM contacts WHERE hubspot_id = ?`).get(francois.id)!.id;
    endedCall(side, null, 'call-landline');
    await call(accueil, 'wrapup.save', { callId: 'call-landline', outcome: 'connecte', body: 'Appel depuis le fixe', ticketId: null });
    await call(accueil, 'sync.runNow', {});
    await waitFor('the unmatched call to reach HubSpot', () => withAccueilId(hs, 'calls', 'call-landline').length === 1);
    await call(accueil, 'directory.attachNumber', { number: '02 99 11 22 33', contactId: francoisLocal, companyId: null, kind: 'fixe', callId: 'call-landline' });
    await call(accueil, 'sync.runNow', {});

    await waitFor('everything to reach HubSpot', async () => {
      const pending = (await call(accueil, 'sync.status', {})).pendingOutbox;
      const [created] = withAccueilId(hs, 'contacts', lucie.id);
      const landline = withAccueilId(hs, 'calls', 'call-landline')[0];
      return pending === 0 && created !== undefined && landline !== undefined && hs.state.associationsOf('calls', landline.id, 'contacts').length > 0;
    });
    const [created] = withAccueilId(hs, 'contacts', lucie.id);
    expect(created!.properties).toMatchObject({ firstname: 'Lucie', lastname: 'Marchand', mobilephone: '+33611223344' });
    const [newCallerCall] = withAccueilId(hs, 'calls', 'call-new-caller');
    expect(hs.state.associationsOf('calls', newCallerCall!.id, 'contacts').map((a) => a.toId)).toEqual([created!.id]);
    expect(hs.state.live('contacts', francois.id)!.properties.phone).toBe('+33299112233');
    const [landline] = withAccueilId(hs, 'calls', 'call-landline');
    expect(hs.state.associationsOf('calls', landline!.id, 'contacts').map((a) => a.toId)).toEqual([francois.id]);
    expect(withAccueilId(hs, 'contacts', lucie.id)).toHaveLength(1);
  });
});
