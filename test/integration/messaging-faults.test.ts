/**
 * SMS and WhatsApp when the providers misbehave, against the stand-ins over HTTP: a 429 with
 * Retry-After is waited out and the message leaves once; an answer that never comes in time (the
 * provider took the message, the connection did not say so) leaves the message « peut-être parti »
 * and it is never sent again by itself. ACCUEIL_MESSAGING_TIMEOUT_S=1 keeps the waits short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Accueil } from '../../electron/services/accueil';
import type { CallOutput } from '../../electron/contract';
import { FIXTURE_CONTACT } from '../support/hubspot-standin';
import { messagingEnv, startSurveyLoop, type SurveyLoop } from '../support/survey-loop';
import { startWhatsAppStandIn, type WhatsAppStandIn } from '../support/whatsapp-standin';
import { startOvhSmsStandIn, type OvhSmsStandIn } from '../support/ovh-sms-standin';

/** Tuesday 24 November 2026, 10:00 in Paris. */
const BASE = Date.parse('2026-11-24T09:00:00Z');
const FRANCOIS = FIXTURE_CONTACT.e164.replace(/^\+/, '');

let loop: SurveyLoop;
let accueil: Accueil;
let wa: WhatsAppStandIn;
let ovh: OvhSmsStandIn;
let contactId: string;

async function call(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  return (await accueil.dispatch(name as never, input as never, { access: 'agent' })) as never;
}
const conversation = async () => (await call('messaging.conversation', { contactId, companyId: null })).value as CallOutput<'messaging.conversation'>;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await pause(100);
  }
}

beforeAll(async () => {
  const started = Date.now();
  const clock = () => BASE + (Date.now() - started);
  wa = await startWhatsAppStandIn({ now: clock });
  ovh = await startOvhSmsStandIn();
  loop = await startSurveyLoop(BASE, {}, { ...messagingEnv(wa, ovh), ACCUEIL_MESSAGING_TIMEOUT_S: '1' });
  accueil = loop.accueil;
  wa.subscribe(`${loop.surface.url}/webhooks/whatsapp`);
  contactId = accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!.id;
  expect((await wa.customerWrites(FRANCOIS, 'Bonjour, vous passez quand ?')).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await loop?.stop();
  await wa?.stop();
  await ovh?.stop();
});

describe('a provider that says « too many requests »', () => {
  it('WhatsApp 429 with Retry-After: waited out, then sent once', async () => {
    wa.faults.rateLimit = true;
    const sent = await call('messaging.send', { channel: 'whatsapp', contactId, companyId: null, text: 'Il arrive vers 14 h.', purpose: 'reply', draftId: 'draft-fault-0001' });
    expect(sent.ok).toBe(true);
    await until(() => wa.rateLimited() >= 2, 'two refusals');
    expect(wa.sent).toHaveLength(0);
    expect((await conversation()).messages.find((m) => m.body === 'Il arrive vers 14 h.')!.status).toBe('queued');
    wa.faults.rateLimit = false;
    await until(async () => (await conversation()).messages.some((m) => m.body === 'Il arrive vers 14 h.' && m.status === 'delivered'), 'delivered');
    await pause(1_500);
    expect(wa.sent.map((m) => (m.body as { text?: { body?: string } }).text?.body)).toEqual(['Il arrive vers 14 h.']);
  });

  it('OVH 429: the SMS waits, then leaves once', async () => {
    ovh.faults.rateLimit = true;
    await call('messaging.send', { channel: 'sms', contactId, companyId: null, text: 'Votre technicien arrive vers 14 h.', purpose: 'service', draftId: 'draft-fault-0002' });
    await pause(2_500);
    expect(ovh.jobs).toHaveLength(0);
    ovh.faults.rateLimit = false;
    await until(() => ovh.jobs.length === 1, 'the SMS at the gateway');
    await pause(1_500);
    expect(ovh.jobs.map((j) => j.message)).toEqual(['Votre technicien arrive vers 14 h.']);
  });
});

describe('a provider that does not answer in time', () => {
  it('the message may have left: it says so, and is never sent again by itself', async () => {
    wa.faults.hangMs = 3_000;
    wa.faults.noStatuses = true;
    const before = wa.sent.length;
    await call('messaging.send', { channel: 'whatsapp', contactId, companyId: null, text: 'Karim a un peu de retard.', purpose: 'reply', draftId: 'draft-fault-0003' });
    await until(async () => (await conversation()).messages.some((m) => m.body === 'Karim a un peu de retard.' && m.status === 'failed'), 'the cut send settled');
    const cut = (await conversation()).messages.find((m) => m.body === 'Karim a un peu de retard.')!;
    expect(cut.statusText).toBe('Envoi interrompu : il est peut-être parti — vérifiez avant de renvoyer');
    wa.faults.hangMs = 0;
    wa.faults.noStatuses = false;
    await pause(4_000);
    // WhatsApp did take it, once: nothing sent it again.
    expect(wa.sent.slice(before).map((m) => (m.body as { text?: { body?: string } }).text?.body)).toEqual(['Karim a un peu de retard.']);
    // Asking again with the same draft returns the same message, not a new send.
    const again = await call('messaging.send', { channel: 'whatsapp', contactId, companyId: null, text: 'Karim a un peu de retard.', purpose: 'reply', draftId: 'draft-fault-0003' });
    expect((again.value as { id: string }).id).toBe(cut.id);
    await pause(500);
    expect(wa.sent.length - before).toBe(1);
  });

  it('when WhatsApp’s statuses do come, they carry our reference: the message it took shows « distribué », sent once', async () => {
    wa.faults.hangMs = 3_000;
    const before = wa.sent.length;
    await call('messaging.send', { channel: 'whatsapp', contactId, companyId: null, text: 'Il sera là dans 10 minutes.', purpose: 'reply', draftId: 'draft-fault-0004' });
    await until(async () => (await conversation()).messages.some((m) => m.body === 'Il sera là dans 10 minutes.' && m.status === 'delivered'), 'delivered from the statuses');
    wa.faults.hangMs = 0;
    // The client gave up on the answer meanwhile; the message stays « distribué », and leaves once.
    await pause(4_000);
    expect((await conversation()).messages.find((m) => m.body === 'Il sera là dans 10 minutes.')).toMatchObject({ status: 'delivered', statusText: null });
    expect(wa.sent.length - before).toBe(1);
  });
});
