/**
 * SMS to HubSpot, once: a customer's text (read from the OVH stand-in's incoming list) and Claire's
 * answer (sent through it) each become one communication (hs_communication_channel_type SMS, logged
 * from the CRM) on the contact's timeline in the HubSpot stand-in — and still exactly one when the
 * connection is cut after HubSpot created it and the product restarts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';
import { startOvhSmsStandIn, type OvhSmsStandIn } from '../support/ovh-sms-standin';
import { startWhatsAppStandIn, type WhatsAppStandIn } from '../support/whatsapp-standin';
import { messagingEnv } from '../support/survey-loop';

let hs: HubSpotStandIn;
let ovh: OvhSmsStandIn;
let wa: WhatsAppStandIn;
let dir: string;
let accueil: Accueil;

const env = () => ({
  ACCUEIL_HUBSPOT_TOKEN: hs.token,
  ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl,
  ACCUEIL_HUBSPOT_POLL_MS: '1000',
  // Search lags writes by 300 ms: a lost answer is looked up for 2 s before anything is sent again.
  ACCUEIL_MESSAGING_LOOKUP_GRACE_MS: '2000',
  ACCUEIL_MESSAGING_RETRY_MS: '200',
  ...messagingEnv(wa, ovh),
});
const open = () => createAccueil({ dataDir: dir, mode: 'web', version: 'test', logger: createMemoryLogger(), env: env() });

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function read<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new Database(path.join(dir, 'accueil.db'), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}
const jobState = (messageId: string) => read<{ state: string }>(`SELECT state FROM jobs WHERE queue = 'messaging-hubspot' AND subject = ?`, messageId)?.state;
const communicationsOf = (messageId: string) => [...hs.state.table('communications').values()].filter((c) => c.properties['accueil_id'] === `message-${messageId}`);
const messageWith = (body: string) => read<{ id: string; createdAt: string; hubspotId: string | null }>(`SELECT id, created_at AS createdAt, hubspot_id AS hubspotId FROM messages WHERE body = ?`, body);

let contactId: string;
let contactHubspotId: string;

beforeAll(async () => {
  hs = await startHubSpotStandIn({ seed: { contacts: 20, companies: 4, engagements: 10 }, rateLimit: false, searchLagMs: 300 });
  ovh = await startOvhSmsStandIn();
  wa = await startWhatsAppStandIn();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-messaging-hs-'));
  accueil = await open();
  await waitFor('the first sync', async () => (await call<{ lastSuccessAt: string | null }>('sync.status', {})).lastSuccessAt !== null);
  contactId = accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!.id;
  contactHubspotId = read<{ hubspot_id: string }>(`SELECT hubspot_id FROM contacts WHERE id = ?`, contactId)!.hubspot_id;
  expect(contactHubspotId).toBeTruthy();
}, 60_000);

afterAll(async () => {
  await accueil?.close();
  await hs?.stop();
  await ovh?.stop();
  await wa?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SMS reach HubSpot as communications, once', () => {
  it('logs the customer’s text and the answer on the contact’s timeline, each once', async () => {
    const text = 'Bonjour, le technicien passe à quelle heure ?';
    ovh.customerTexts(FIXTURE_CONTACT.e164, text);
    const incoming = await waitFor('the text read from OVH', () => messageWith(text), 20_000);
    const logged = await waitFor('its communication', () => communicationsOf(incoming.id)[0]);
    expect(logged.properties).toMatchObject({
      hs_communication_channel_type: 'SMS',
      hs_communication_logged_from: 'CRM',
      hs_communication_body: `Reçu : ${text}`,
      hs_timestamp: incoming.createdAt,
    });
    expect(hs.state.associationsOf('communications', logged.id, 'contacts').map((a) => a.toId)).toEqual([contactHubspotId]);
    await waitFor('recorded on the message', () => messageWith(text)?.hubspotId === logged.id);

    const answer = 'Il arrive vers 14 h. Durand Chauffage';
    const sent = await call<{ id: string }>('messaging.send', { channel: 'sms', contactId, companyId: null, text: answer, purpose: 'reply', draftId: 'draft-hubspot-1' });
    await waitFor('the answer at OVH', () => ovh.jobs.some((j) => j.message.startsWith(answer)));
    const out = await waitFor('the answer’s communication', () => communicationsOf(sent.id)[0]);
    expect(out.properties['hs_communication_body']).toBe(`Envoyé : ${answer}`);
    // Asked again (a double click): one message, one communication.
    await call('messaging.send', { channel: 'sms', contactId, companyId: null, text: answer, purpose: 'reply', draftId: 'draft-hubspot-1' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(communicationsOf(sent.id)).toHaveLength(1);
    expect(communicationsOf(incoming.id)).toHaveLength(1);
  }, 60_000);

  it('creates the communication once when the connection is cut after HubSpot created it, across a restart', async () => {
    const gate = hs.gate({ method: 'POST', path: /^\/crm\/v3\/objects\/communications$/ }, 'after');
    const text = 'STOP merci';
    ovh.customerTexts(FIXTURE_CONTACT.e164, text);
    await gate.reached;
    gate.cut();
    const message = await waitFor('the text stored', () => messageWith(text));
    await waitFor('the cut seen', () => jobState(message.id) === 'in_flight');
    await accueil.close();
    expect(communicationsOf(message.id)).toHaveLength(1);
    accueil = await open();
    await waitFor('recorded after the restart', () => messageWith(text)?.hubspotId);
    expect(messageWith(text)!.hubspotId).toBe(communicationsOf(message.id)[0]!.id);
    // Past the lookup grace: nothing more is sent.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(communicationsOf(message.id)).toHaveLength(1);
  }, 60_000);
});
