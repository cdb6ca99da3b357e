/**
 * From a real call to HubSpot: the product with a HubSpot token (the stand-in over HTTP) and a real
 * Kamailio line; sipp's call is taken on the desk phone, Claire adds a note, a ticket and the wrap-up
 * through the contract, and after the outbox is flushed the stand-in holds the call engagement, the
 * note and the ticket exactly once, associated call↔contact↔ticket.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../electron/contract/model';
import type { Note, TicketDetail } from '../../electron/contract/work-calls';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startKamailio, type KamailioServer } from '../support/kamailio';
import { placeCall, startAnsweringDevice } from '../support/sipp';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';

let kamailio: KamailioServer;
let hs: HubSpotStandIn;
let dir: string;
let accueil: Accueil;

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  kamailio = await startKamailio();
  hs = await startHubSpotStandIn({ seed: { contacts: 40, companies: 8, engagements: 20 }, rateLimit: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-work-crm-'));
  accueil = await createAccueil({
    dataDir: dir,
    mode: 'web',
    version: 'test',
    logger: createMemoryLogger(),
    env: {
      ACCUEIL_HUBSPOT_TOKEN: hs.token,
      ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl,
      ACCUEIL_HUBSPOT_POLL_MS: '1000',
      ACCUEIL_SIP_WS_URL: kamailio.wsUrl,
      ACCUEIL_SIP_URI: 'sip:claire@127.0.0.1',
      ACCUEIL_SIP_USER: 'claire',
      ACCUEIL_SIP_PASSWORD: 'x',
    },
    sipReconnect: { initialMs: 150, maxMs: 600 },
  });
  await waitFor('the first sync', async () => {
    const s = await call<{ lastSuccessAt: string | null }>('sync.status', {});
    return s.lastSuccessAt !== null;
  });
  await waitFor('registered', () => accueil.telephonyStatus().state === 'registered');
}, 90_000);

afterAll(async () => {
  await accueil?.close();
  await hs?.stop();
  await kamailio?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('work the call reaches HubSpot', () => {
  it('pushes the call engagement, the note and the ticket exactly once, associated with the contact and each other', async () => {
    const contact = accueil.lookup(FIXTURE_CONTACT.e164).card?.contact;
    expect(contact?.lastName).toBe(FIXTURE_CONTACT.lastName);
    const desk = await startAnsweringDevice({ kamailio, user: 'claire', answerAfterMs: 300 });
    const caller = await placeCall({ kamailio, to: 'claire', from: '0612345678', scenario: 'ring-until-answered', holdMs: 500 });
    expect(caller.code).toBe(0);
    expect((await desk.done).code).toBe(0);
    const taken = await waitFor('the call journaled', async () =>
      (await call<CallRecord[]>('calls.recent', { limit: 5 })).find((c) => c.fromE164 === FIXTURE_CONTACT.e164 && c.state === 'answered_elsewhere'),
    );
    expect(taken.contactId).toBe(contact!.id);

    const note = await call<Note>('notes.add', { body: 'Fuite sous évier <b>urgent</b>', callId: taken.id });
    const ticket = await call<TicketDetail>('tickets.create', { subject: 'Fuite sous évier', category: 'depannage', priority: 'haute', callId: taken.id });
    await call('wrapup.save', { callId: taken.id, outcome: 'connecte', body: 'Plombier demain matin' });
    await call('wrapup.save', { callId: taken.id, outcome: 'connecte', body: 'Plombier demain 9 h' });
    await call('sync.runNow', {});
    await waitFor('the outbox drained', async () => (await call<{ pendingOutbox: number }>('sync.status', {})).pendingOutbox === 0);

    const mine = (type: 'calls' | 'notes' | 'tickets', localId: string) =>
      [...hs.state.table(type).values()].filter((r) => r.properties['accueil_id'] === localId);
    const calls = mine('calls', taken.id);
    const notes = mine('notes', note.id);
    const tickets = mine('tickets', ticket.ticket.id);
    expect([calls.length, notes.length, tickets.length]).toEqual([1, 1, 1]);
    expect(calls[0]!.properties['hs_call_body']).toContain('Plombier demain 9 h');
    const hsContact = [...hs.state.table('contacts').values()].find((r) => r.properties['lastname'] === FIXTURE_CONTACT.lastName)!;
    const linked = (type: 'calls' | 'notes' | 'tickets', id: string, to: 'contacts' | 'tickets') => hs.state.associationsOf(type, id, to).map((a) => a.toId);
    expect(linked('calls', calls[0]!.id, 'contacts')).toContain(hsContact.id);
    expect(linked('calls', calls[0]!.id, 'tickets')).toContain(tickets[0]!.id);
    expect(linked('notes', notes[0]!.id, 'contacts')).toContain(hsContact.id);
    expect(linked('tickets', tickets[0]!.id, 'contacts')).toContain(hsContact.id);
  });
});
