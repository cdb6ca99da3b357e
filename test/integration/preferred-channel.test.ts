/**
 * « Canal préféré » end to end, with the product as a company server: the HubSpot stand-in gives the
 * visits, the OVHcloud SMS stand-in receives the SMS (test/support/ovh-sms-standin.ts, following OVH's
 * API), a real SMTP server the e-mails, the public surface answers the survey link.
 *
 * - the reminder the day before, for a customer preferring SMS: one SMS, no e-mail;
 * - after that customer's number texted STOP: the next customer's reminder goes by e-mail (STOP
 *   closes SMS to automations) and the step says why;
 * - the survey link, for a customer preferring SMS: one SMS with the signed link, no e-mail, and the
 *   link opens the answer page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Accueil } from '../../electron/services/accueil';
import type { CallOutput } from '../../electron/contract';
import { toE164 } from '../../electron/services/shared/phone-number';
import { FIXTURE_CONTACT } from '../support/hubspot-standin';
import { messagingEnv, startSurveyLoop, type SurveyLoop } from '../support/survey-loop';
import { startWhatsAppStandIn, type WhatsAppStandIn } from '../support/whatsapp-standin';
import { startOvhSmsStandIn, type OvhSmsStandIn } from '../support/ovh-sms-standin';

/** Tuesday 24 November 2026, 10:00 in Paris: the reminders of Wednesday's visits are due now. */
const BASE = Date.parse('2026-11-24T09:00:00Z');
/** Wednesday 25 November 2026, 14:00 in Paris. */
const TOMORROW_2PM = '2026-11-25T13:00:00.000Z';
const REMINDER_SUBJECT = 'Rappel : notre technicien passe demain';

let loop: SurveyLoop;
let accueil: Accueil;
let wa: WhatsAppStandIn;
let ovh: OvhSmsStandIn;
let francois: string;

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A visit tomorrow at 14:00 by Karim Benali for a contact of the stand-in; resolves once it is in the product's cache. */
async function visitTomorrow(contactHubspotId: string, e164: string): Promise<void> {
  const owner = loop.hs.state.live('meetings', loop.meetingId)!.properties['hubspot_owner_id'];
  const meeting = loop.hs.state.create('meetings', {
    hs_timestamp: TOMORROW_2PM,
    hs_meeting_title: 'Dépannage chaudière',
    hs_meeting_start_time: TOMORROW_2PM,
    hs_meeting_outcome: 'SCHEDULED',
    hubspot_owner_id: owner,
  });
  loop.hs.state.associate('meetings', meeting.id, 'contacts', contactHubspotId);
  await until(() => accueil.lookup(e164).card?.interventions.some((i) => i.kind === 'Dépannage chaudière') === true, 'the visit in the cache');
}

const smsTo = (e164: string) => ovh.jobs.filter((j) => j.receivers.includes(e164));

/** The n-th other customer of the stand-in with a mobile, given an e-mail address in HubSpot; once in the product's cache. */
async function anotherCustomer(n: number, email: string) {
  const other = loop.hs.state
    .liveIds('contacts')
    .map((id) => loop.hs.state.live('contacts', id)!)
    .filter((c) => c.properties['lastname'] !== FIXTURE_CONTACT.lastName && /^0[67]/.test(String(c.properties['mobilephone'] ?? '').replace(/\D/g, '').replace(/^33/, '0')))[n]!;
  loop.hs.state.update('contacts', other.id, { email });
  const mobile = String(other.properties['mobilephone']);
  await until(() => accueil.lookup(mobile).card?.contact?.email === email, 'the address in the cache');
  return { other, mobile, otherId: accueil.lookup(mobile).card!.contact!.id };
}

beforeAll(async () => {
  wa = await startWhatsAppStandIn({ now: () => BASE });
  ovh = await startOvhSmsStandIn();
  loop = await startSurveyLoop(BASE, {}, messagingEnv(wa, ovh));
  accueil = loop.accueil;
  await until(async () => (await call<{ lastSuccessAt: string | null }>('sync.status', {})).lastSuccessAt !== null, 'the first sync');
  francois = accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!.id;
  // The company's name and number, as Paramètres › E-mail sets them: the texts' {{societe.…}}.
  const mail = await call<CallOutput<'mail.settings'>>('mail.settings', {});
  await call('mail.updateSettings', {
    host: mail.host, port: mail.port, security: mail.security, user: mail.user, fromAddress: mail.fromAddress, fromName: mail.fromName || 'Claire Moreau',
    companyName: 'Durand Chauffage', companyPhone: '02 99 00 11 22', reviewUrl: '',
  });
}, 120_000);

afterAll(async () => {
  await loop?.stop();
  await wa?.stop();
  await ovh?.stop();
});

describe('the reminder the day before', () => {
  it('goes once by SMS, and not by e-mail, to a customer whose preferred channel is SMS', async () => {
    const state = await call<CallOutput<'messaging.setPreferredChannel'>>('messaging.setPreferredChannel', { contactId: francois, channel: 'sms' });
    expect(state.preferredChannel).toBe('sms');
    await visitTomorrow(loop.contactHubspotId, FIXTURE_CONTACT.e164);
    await until(() => smsTo(FIXTURE_CONTACT.e164).some((j) => j.message.startsWith('Rappel ')), 'the reminder SMS at the gateway');
    // Several more ticks of the engine and of the messaging queue: nothing more leaves.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const reminders = smsTo(FIXTURE_CONTACT.e164).filter((j) => j.message.startsWith('Rappel '));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ sender: 'DURANDCHAUF', noStopClause: true });
    expect(reminders[0]!.message).toBe('Rappel Durand Chauffage : Karim Benali passe demain, mercredi 25 novembre 2026, à partir de 14 h. Un imprévu ? Appelez le 02 99 00 11 22');
    expect(loop.inbox.received.filter((m) => m.subject === REMINDER_SUBJECT)).toHaveLength(0);
    const history = await call<CallOutput<'workflows.history'>>('workflows.history', { limit: 10, ruleId: 'rappel-rdv', contactId: francois });
    expect(history.map((i) => i.reason)).toContainEqual(expect.stringMatching(/^Envoyé par SMS au 0\d( \d\d){4}, canal préféré du client$/));
  });

  it('goes by e-mail after the customer’s number texted STOP, and says why', async () => {
    const { other, mobile, otherId } = await anotherCustomer(0, 'client.stop@example.test');
    const e164Number = toE164(mobile)!;
    await call('messaging.setPreferredChannel', { contactId: otherId, channel: 'sms' });
    ovh.customerTexts(e164Number, 'STOP');
    await until(async () => (await call<CallOutput<'messaging.conversation'>>('messaging.conversation', { contactId: otherId, companyId: null })).optedOutAt !== null, 'the STOP read from the gateway');
    const before = smsTo(e164Number).length;
    await visitTomorrow(other.id, mobile);
    const reminderTo = () => loop.inbox.received.find((m) => m.subject === REMINDER_SUBJECT && m.to.includes('client.stop@example.test'));
    await until(() => reminderTo() !== undefined, 'the reminder e-mail');
    const mail = reminderTo()!;
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(smsTo(e164Number)).toHaveLength(before);
    const history = await call<CallOutput<'workflows.history'>>('workflows.history', { limit: 10, ruleId: 'rappel-rdv', contactId: otherId });
    expect(history.map((i) => i.reason)).toContain('Envoyé à client.stop@example.test — pas par SMS : le numéro a répondu STOP');
  });
});

describe('on WhatsApp', () => {
  it('outside the 24-hour window, the reminder goes once as the approved template bound to the step, filled with the visit', async () => {
    const saved = await call<{ id: string }>('templates.save', {
      name: 'Rappel de rendez-vous (WhatsApp)',
      category: 'confirmation_rdv',
      subject: '',
      body: 'Bonjour, nous vous rappelons votre rendez-vous du {{intervention.date}} à {{intervention.heure}}. Répondez à ce message pour toute question.',
      channel: 'whatsapp',
      whatsapp: { name: 'rappel_rdv', language: 'fr' },
    });
    expect(saved.id).toBeTruthy();
    const { other, mobile, otherId } = await anotherCustomer(1, 'client.whatsapp@example.test');
    await call('messaging.setPreferredChannel', { contactId: otherId, channel: 'whatsapp' });
    const to = toE164(mobile)!.replace(/^\+/, '');
    await visitTomorrow(other.id, mobile);
    await until(() => wa.sent.some((m) => m.to === to), 'the WhatsApp reminder at the stand-in');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const sent = wa.sent.filter((m) => m.to === to);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({
      type: 'template',
      template: { name: 'rappel_rdv', language: { code: 'fr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'mercredi 25 novembre 2026' }, { type: 'text', text: '14 h' }] }] },
    });
    expect(loop.inbox.received.filter((m) => m.to.includes('client.whatsapp@example.test'))).toHaveLength(0);
    const history = await call<CallOutput<'workflows.history'>>('workflows.history', { limit: 10, ruleId: 'rappel-rdv', contactId: otherId });
    expect(history.map((i) => i.reason)).toContainEqual(expect.stringMatching(/^Envoyé par WhatsApp \(modèle approuvé « rappel_rdv »\) au 0\d( \d\d){4}, canal préféré du client$/));
  });
});

describe('the satisfaction survey', () => {
  it('sends its signed link once by SMS, and no e-mail, to a customer preferring SMS; the link opens the answer page', async () => {
    const mailsBefore = loop.inbox.received.length;
    loop.hs.state.update('meetings', loop.meetingId, { hs_meeting_outcome: 'COMPLETED' });
    await until(() => smsTo(FIXTURE_CONTACT.e164).some((j) => j.message.includes('/avis/')), 'the survey SMS at the gateway');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const surveys = smsTo(FIXTURE_CONTACT.e164).filter((j) => j.message.includes('/avis/'));
    expect(surveys).toHaveLength(1);
    expect(surveys[0]!.message).toMatch(/^Durand Chauffage : merci de votre confiance\. Votre avis sur notre intervention, en 1 clic : https:\/\/avis\.example\.test\/avis\/\S+$/);
    expect(loop.inbox.received.slice(mailsBefore).filter((m) => m.text.includes('/avis/'))).toHaveLength(0);
    const link = /(https:\/\/avis\.example\.test\/avis\/\S+)$/.exec(surveys[0]!.message)![1]!;
    const page = await fetch(loop.onSurface(link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('?note=10');
    // A forged link shows nothing of the survey.
    const forged = await fetch(loop.onSurface(`${link.slice(0, -3)}xyz`));
    expect(forged.status).not.toBe(200);
  });
});
