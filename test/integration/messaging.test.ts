/**
 * SMS and WhatsApp against stand-ins that follow the providers' documentation (test/support/
 * whatsapp-standin.ts, ovh-sms-standin.ts), with the product as a company server and its public
 * surface over HTTP: signed webhooks, the subscription handshake, forged and replayed posts, a
 * reply sent once however often it is asked, delivery statuses, STOP by SMS, the 24-hour window.
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
const received: unknown[] = [];

async function call<N extends string>(name: N, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string; reason?: string } }> {
  return (await accueil.dispatch(name, input, { access: 'agent' })) as never;
}
const conversation = async () => (await call('messaging.conversation', { contactId, companyId: null })).value as CallOutput<'messaging.conversation'>;

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const started = Date.now();
  const clock = () => BASE + (Date.now() - started);
  wa = await startWhatsAppStandIn({ now: clock });
  ovh = await startOvhSmsStandIn();
  loop = await startSurveyLoop(BASE, {}, messagingEnv(wa, ovh));
  accueil = loop.accueil;
  accueil.events.on('messaging.received', (event) => received.push(event));
  wa.subscribe(`${loop.surface.url}/webhooks/whatsapp`);
  contactId = accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!.id;
}, 120_000);

afterAll(async () => {
  await loop?.stop();
  await wa?.stop();
  await ovh?.stop();
});

describe('WhatsApp webhook', () => {
  it('answers Meta’s subscription check with the challenge, and only with the right verify token', async () => {
    const good = await fetch(`${loop.surface.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${wa.verifyToken}&hub.challenge=1158201444`);
    expect([good.status, await good.text()]).toEqual([200, '1158201444']);
    const bad = await fetch(`${loop.surface.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
    expect(await bad.text()).not.toContain('1158201444');
  });

  it('puts the customer’s message on the right customer, once, and tells the consoles', async () => {
    wa.faults.deliverTwice = true;
    const { status } = await wa.customerWrites(FRANCOIS, 'Bonjour, le technicien arrive quand ?', { name: 'François' });
    wa.faults.deliverTwice = false;
    expect(status).toBe(200);
    const state = await conversation();
    expect(state.messages.filter((m) => m.direction === 'in').map((m) => [m.channel, m.body, m.status])).toEqual([['whatsapp', 'Bonjour, le technicien arrive quand ?', 'received']]);
    expect(state.whatsappOpenUntil).not.toBeNull();
    const unread = (await call('messaging.unread', {})).value as CallOutput<'messaging.unread'>;
    expect(unread.map((m) => [m.name, m.body])).toEqual([['François Lefèvre', 'Bonjour, le technicien arrive quand ?']]);
    expect(received).toHaveLength(1);
    // One timeline: the message is in his history with the calls and e-mails.
    const history = accueil.lookup(FIXTURE_CONTACT.e164).card!.recent;
    expect(history.find((i) => i.kind === 'whatsapp')).toMatchObject({ title: 'WhatsApp reçu', summary: 'Bonjour, le technicien arrive quand ?', facts: { direction: 'in' } });
  });

  it('refuses a forged or unsigned post and stores nothing', async () => {
    const before = (await conversation()).messages.length;
    const fake = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messages: [{ from: FRANCOIS, id: 'wamid.FAKE', timestamp: '1764000000', type: 'text', text: { body: 'STOP' } }] } }] }] };
    expect(await wa.post(fake, 'forged')).toBe(401);
    expect(await wa.post(fake, 'none')).toBe(401);
    expect((await conversation()).messages).toHaveLength(before);
    expect((await conversation()).optedOutAt).toBeNull();
  });
});

describe('Claire answers', () => {
  it('sends her reply once however often it is asked, and shows « distribué » from the status webhook', async () => {
    const input = { channel: 'whatsapp', contactId, companyId: null, text: 'Bonjour, il arrive vers 14 h.', purpose: 'reply', draftId: 'draft-reply-0001' };
    const [a, b] = await Promise.all([call('messaging.send', input), call('messaging.send', input)]);
    expect(a.ok && b.ok).toBe(true);
    await until(() => wa.sent.length === 1, 'the reply at the stand-in');
    expect(wa.sent[0]).toMatchObject({ to: FRANCOIS, type: 'text' });
    await until(async () => (await conversation()).messages.some((m) => m.direction === 'out' && m.status === 'delivered'), 'the delivered status');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(wa.sent.filter((m) => m.type === 'text')).toHaveLength(1);
  });

  it('outside the 24-hour window, free text is refused with the reason and an approved template goes', async () => {
    // Another customer of the portal, with a mobile, who never wrote on WhatsApp.
    const other = loop.hs.state
      .liveIds('contacts')
      .map((id) => loop.hs.state.live('contacts', id)!)
      .find((c) => c.properties['lastname'] !== FIXTURE_CONTACT.lastName && /^0[67]/.test(String(c.properties['mobilephone'] ?? '').replace(/\D/g, '').replace(/^33/, '0')));
    const otherId = accueil.lookup(String(other!.properties['mobilephone'])).card!.contact!.id;
    const refused = await call('messaging.send', { channel: 'whatsapp', contactId: otherId, companyId: null, text: 'Bonjour', purpose: 'service', draftId: 'draft-window-0001' });
    expect(refused.ok).toBe(false);
    expect(refused.error!.message).toBe('Le client n’a pas écrit sur WhatsApp depuis plus de 24 heures : seul un modèle approuvé peut partir (règle de WhatsApp).');
    const template = await call('messaging.send', {
      channel: 'whatsapp',
      contactId: otherId,
      companyId: null,
      template: { name: 'rappel_rdv', language: 'fr', parameters: ['mercredi 25 novembre', '14 h'] },
      purpose: 'service',
      draftId: 'draft-window-0002',
    });
    expect(template.ok, JSON.stringify(template.error)).toBe(true);
    await until(() => wa.sent.some((m) => m.type === 'template'), 'the template at the stand-in');
    expect(wa.sent.find((m) => m.type === 'template')!.body).toMatchObject({ template: { name: 'rappel_rdv', language: { code: 'fr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'mercredi 25 novembre' }, { type: 'text', text: '14 h' }] }] } });
  });
});

describe('SMS through OVHcloud', () => {
  it('signs its requests as OVH checks them, and sends a service message without the STOP mention', async () => {
    const sent = await call('messaging.send', { channel: 'sms', contactId, companyId: null, text: 'Votre technicien Karim arrive vers 14 h. Durand Chauffage', purpose: 'service', draftId: 'draft-sms-0001' });
    expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
    await until(() => ovh.jobs.length === 1, 'the SMS at the gateway');
    expect(ovh.jobs[0]).toMatchObject({ receivers: [FIXTURE_CONTACT.e164], sender: 'DURANDCHAUF', noStopClause: true });
    expect(ovh.refusedSignatures).toBe(0);
    await until(async () => (await conversation()).messages.some((m) => m.channel === 'sms' && m.status === 'sent'), 'sent');
    // The operator's receipt, read from OVH's outgoing list: « distribué ».
    ovh.receipt(ovh.jobs[0]!.id, 1);
    await until(async () => (await conversation()).messages.some((m) => m.channel === 'sms' && m.status === 'delivered'), 'the delivery receipt', 20_000);
  });

  it('a marketing SMS goes only with the consent recorded from the console, with its date and source', async () => {
    const before = ovh.jobs.length;
    const refused = await call('messaging.send', { channel: 'sms', contactId, companyId: null, text: 'Contrat d’entretien : -10 % en décembre', purpose: 'marketing', draftId: 'draft-sms-consent-1' });
    expect(refused.value).toMatchObject({ status: 'blocked', statusText: 'Non envoyé : pas de consentement aux messages commerciaux sur ce canal' });
    const state = (await call('messaging.setConsent', { contactId, channel: 'sms', granted: true, givenAt: '2026-11-20T10:00:00.000Z', source: 'au téléphone' })).value as CallOutput<'messaging.setConsent'>;
    expect(state.consents).toEqual([{ channel: 'sms', granted: true, givenAt: '2026-11-20T10:00:00.000Z', source: 'au téléphone', recordedBy: null }]);
    expect(state.mayMarket).toEqual({ sms: true, whatsapp: false, email: true });
    const sent = await call('messaging.send', { channel: 'sms', contactId, companyId: null, text: 'Contrat d’entretien : -10 % en décembre', purpose: 'marketing', draftId: 'draft-sms-consent-2' });
    expect(sent.value).toMatchObject({ status: 'queued' });
    await until(() => ovh.jobs.length === before + 1, 'the marketing SMS at the gateway');
    expect(ovh.jobs.at(-1)).toMatchObject({ noStopClause: false });
    // Not delivered (a dead number): « échec », and why.
    ovh.receipt(ovh.jobs.at(-1)!.id, 2);
    await until(async () => (await conversation()).messages.some((m) => m.purpose === 'marketing' && m.status === 'failed'), 'the failure receipt', 20_000);
    expect((await conversation()).messages.find((m) => m.purpose === 'marketing' && m.status === 'failed')!.statusText).toContain('Non distribué');
  });

  it('a STOP texted back opts the number out at once: a later message is not sent, and says why', async () => {
    ovh.customerTexts(FIXTURE_CONTACT.e164, 'Stop merci');
    await until(async () => (await conversation()).optedOutAt !== null, 'the opt-out from the incoming SMS', 20_000);
    const blocked = await call('messaging.send', { channel: 'sms', contactId, companyId: null, text: 'Profitez de -10 % sur votre entretien', purpose: 'marketing', draftId: 'draft-sms-0002' });
    expect(blocked.ok).toBe(true);
    expect(blocked.value).toMatchObject({ status: 'blocked', statusText: 'Non envoyé : le client a répondu STOP' });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(ovh.jobs).toHaveLength(2);
    // One ledger: the STOP by SMS stops marketing on every channel, e-mail included, whatever the consent.
    const consent = (await call('messaging.consents', { contactId })).value as CallOutput<'messaging.consents'>;
    expect(consent.mayMarket).toEqual({ sms: false, whatsapp: false, email: false });
    expect(consent.optedOutAt).not.toBeNull();
  });
});

describe('too many posts', () => {
  // Last in this file: it spends the loopback address's webhook allowance (burst 200).
  it('a flood of forged webhooks is cut off with 429 and stores nothing', async () => {
    const before = (await conversation()).messages.length;
    const statuses: number[] = [];
    for (let i = 0; i < 230; i++) statuses.push(await wa.post({ object: 'whatsapp_business_account', entry: [] }, 'forged'));
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
    expect((await conversation()).messages).toHaveLength(before);
  });
});
