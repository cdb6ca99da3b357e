/**
 * Booking a visit on the call, with real parts: the product on a HubSpot portal (the stand-in over
 * HTTP) and a real SMTP server on loopback, on an injected clock (Tuesday 1 December 2026, 9:00 in
 * Paris). Claire asks for windows for François Lefèvre's boiler service, books one, moves it, then
 * cancels it. HubSpot holds one meeting the whole time (created once with its associations, then
 * updated); François gets an invitation each time, parsed back as RFC 5545 — same UID, SEQUENCE 0,
 * 1, 2, REQUEST then CANCEL; the technician gets his day; the reminder the day before follows the date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, Proposals, Technician } from '../../electron/contract/booking-calls';
import type { WorkflowStepItem } from '../../electron/contract/workflows-calls';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../support/smtp-inbox';
import { child, parseICalendar, property, type ICalComponent } from '../support/icalendar';

/** Tuesday 1 December 2026, 9:00 in Paris; the clock runs on from there. */
const BASE = Date.parse('2026-12-01T08:00:00Z');
const ADDRESS = '12 rue Saint-Éloi, 35000 Rennes';

let hs: HubSpotStandIn;
let inbox: SmtpInbox;
let dir: string;
let accueil: Accueil;
let ownerId: string;
let contactHubspotId: string;
let technician: Technician;
let booking: Booking;

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
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const contactId = () => accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!.id;
/** The meetings HubSpot holds for a local visit (by the accueil_id Accueil writes on them). */
const meetingsOf = (localId: string) => hs.state.liveIds('meetings').map((id) => hs.state.live('meetings', id)!).filter((m) => m.properties['accueil_id'] === localId);

/** The mail's calendar invitation, parsed: the text/calendar part nodemailer adds (and its method). */
async function invitationOf(mail: ReceivedMail): Promise<{ calendar: ICalComponent; event: ICalComponent }> {
  const parsed = await simpleParser(mail.raw);
  const part = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  expect(part, 'a text/calendar part').toBeDefined();
  const calendar = parseICalendar(part!.content.toString('utf8'));
  return { calendar, event: child(calendar, 'VEVENT')! };
}

async function nextMailTo(address: string): Promise<ReceivedMail> {
  for (;;) {
    const mail = await inbox.next(30_000);
    if (mail.envelopeTo.includes(address)) return mail;
  }
}

beforeAll(async () => {
  const started = Date.now();
  hs = await startHubSpotStandIn({ seed: { contacts: 12, companies: 3, engagements: 0 }, rateLimit: false });
  const fixture = hs.state.liveIds('contacts').map((id) => hs.state.live('contacts', id)!).find((c) => c.properties['lastname'] === FIXTURE_CONTACT.lastName)!;
  contactHubspotId = fixture.id;
  hs.state.update('contacts', fixture.id, { email: 'francois.lefevre@example.test', address: '12 rue Saint-Éloi', zip: '35000', city: 'Rennes' });
  ownerId = hs.state.addOwner({ email: 'karim.bensaid@chauffage-martin.fr', firstName: 'Karim', lastName: 'Bensaïd' }).id;
  inbox = await startSmtpInbox();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-booking-'));
  accueil = await createAccueil({
    dataDir: dir,
    mode: 'web',
    version: 'test',
    logger: createMemoryLogger(),
    clock: () => new Date(BASE + (Date.now() - started)),
    env: {
      ACCUEIL_HUBSPOT_TOKEN: hs.token,
      ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl,
      ACCUEIL_HUBSPOT_POLL_MS: '1000',
      ACCUEIL_SMTP_HOST: '127.0.0.1',
      ACCUEIL_SMTP_PORT: String(inbox.port),
      ACCUEIL_SMTP_SECURITY: 'none',
      ACCUEIL_SMTP_FROM: 'accueil@chauffage-martin.test',
    },
  });
  await waitFor('the first sync', async () => (await call<{ lastSuccessAt: string | null }>('sync.status', {})).lastSuccessAt !== null);
  await waitFor('François in the cache', () => accueil.lookup(FIXTURE_CONTACT.e164).card?.contact);
  technician = await call<Technician>('booking.saveTechnician', {
    name: 'Karim Bensaïd',
    hubspotOwnerId: ownerId,
    email: 'karim.bensaid@chauffage-martin.test',
    skills: ['chaudiere_gaz', 'plomberie'],
    hours: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:30' })),
    // Wednesday off: the first windows are on Thursday.
    absences: [{ from: '2026-12-02', to: '2026-12-02', reason: 'Formation' }],
    startAddress: 'Zone d’activités, 35510 Cesson-Sévigné',
  });
}, 90_000);

afterAll(async () => {
  await accueil?.close();
  await inbox?.stop();
  await hs?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('booking on the call', () => {
  it('lets only a supervisor or an administrator change the technicians on the company server; an agent books', async () => {
    const agent = { id: 'u-claire', login: 'claire', name: 'Claire', sipUser: null };
    const asAgent = await accueil.dispatch('booking.saveTechnician', { name: 'Intrus', skills: [], hours: [], startAddress: '35000 Rennes' }, { access: 'agent', account: agent });
    expect(asAgent.ok ? null : asAgent.error.code).toBe('forbidden');
    const asTechnician = await accueil.dispatch('booking.propose', { typeId: 'entretien-chaudiere-gaz', address: ADDRESS }, { access: 'technician', account: agent });
    expect(asTechnician.ok ? null : asTechnician.error.code).toBe('forbidden');
    const asSupervisor = await accueil.dispatch('booking.removeType', { id: 'nothing-like-this' }, { access: 'supervisor', account: { ...agent, login: 'gaetan' } });
    expect(asSupervisor).toEqual({ ok: true, value: { removed: false } });
    const propose = await accueil.dispatch('booking.propose', { typeId: 'entretien-chaudiere-gaz', address: ADDRESS }, { access: 'agent', account: agent });
    expect(propose.ok).toBe(true);
  });

  it('places the address at its commune centre and offers windows the technician can keep', async () => {
    const proposals = await call<Proposals>('booking.propose', { typeId: 'entretien-chaudiere-gaz', address: ADDRESS });
    expect(proposals.place).toMatchObject({ postcode: '35000', commune: 'RENNES', precision: 'commune' });
    expect(proposals.offers.length).toBeGreaterThanOrEqual(3);
    expect(proposals.offers.length).toBeLessThanOrEqual(5);
    // Not today (a normal job), not Wednesday (away): Thursday morning first.
    expect(proposals.offers[0]).toMatchObject({ day: '2026-12-03', windowStart: '08:00', windowEnd: '12:00', technicianId: technician.id });
    expect(proposals.offers.some((o) => o.day <= '2026-12-02')).toBe(false);
  });

  it('books: one HubSpot meeting with its contact, the invitation to François, his day to the technician', async () => {
    const { offers } = await call<Proposals>('booking.propose', { typeId: 'entretien-chaudiere-gaz', address: ADDRESS });
    const first = offers[0]!;
    booking = await call<Booking>('booking.book', { typeId: 'entretien-chaudiere-gaz', address: ADDRESS, contactId: contactId(), day: first.day, windowStart: first.windowStart, windowEnd: first.windowEnd, technicianId: first.technicianId });
    expect(booking).toMatchObject({ status: 'planifiee', day: '2026-12-03', windowStart: '08:00', windowEnd: '12:00', sequence: 0, technicianName: 'Karim Bensaïd', durationMin: 60 });

    const customer = await nextMailTo('francois.lefevre@example.test');
    expect(customer.subject).toBe('Rendez-vous confirmé : Entretien chaudière gaz, jeudi 3 décembre 2026 entre 8 h et 12 h');
    expect(customer.text).toContain('Bonjour François,');
    const { calendar, event } = await invitationOf(customer);
    expect(property(calendar, 'METHOD')?.value).toBe('REQUEST');
    expect(property(child(calendar, 'VTIMEZONE')!, 'TZID')?.value).toBe('Europe/Paris');
    expect(property(event, 'UID')?.value).toBe(booking.calendarUid);
    expect(property(event, 'SEQUENCE')?.value).toBe('0');
    expect(property(event, 'DTSTART')).toMatchObject({ params: { TZID: 'Europe/Paris' }, value: '20261203T080000' });
    expect(property(event, 'DTEND')?.value).toBe('20261203T130000');
    expect(property(event, 'ATTENDEE')?.value).toBe('mailto:francois.lefevre@example.test');
    expect(property(event, 'ORGANIZER')?.value).toBe('mailto:accueil@chauffage-martin.test');

    // The confirmation is in François's history (and goes to HubSpot as an e-mail engagement).
    await waitFor('the e-mail in his history', () => accueil.lookup(FIXTURE_CONTACT.e164).card?.recent.find((i) => i.kind === 'email' && i.title.includes('Rendez-vous confirmé')));

    const day = await nextMailTo('karim.bensaid@chauffage-martin.test');
    expect(day.subject).toBe('Votre journée du jeudi 3 décembre 2026 : 1 visite');
    expect(day.text).toContain('8 h–12 h · Entretien chaudière gaz (1 h) · François Lefèvre');

    const meeting = await waitFor('the meeting in HubSpot', () => meetingsOf(booking.interventionId)[0]);
    expect(meeting.properties).toMatchObject({
      hs_meeting_title: 'Entretien chaudière gaz',
      hs_meeting_outcome: 'SCHEDULED',
      hubspot_owner_id: ownerId,
      hs_meeting_location: ADDRESS,
    });
    expect(Date.parse(meeting.properties['hs_meeting_start_time']!)).toBe(Date.parse('2026-12-03T07:00:00Z'));
    expect(Date.parse(meeting.properties['hs_meeting_end_time']!)).toBe(Date.parse('2026-12-03T12:00:00Z'));
    expect(hs.state.associationsOf('meetings', meeting.id, 'contacts')).toEqual([{ toId: contactHubspotId, typeIds: [200] }]);
  });

  it('schedules the reminder the day before, at 10:00', async () => {
    const step = await waitFor('the reminder', async () =>
      (await call<WorkflowStepItem[]>('workflows.forRecord', { contactId: contactId(), companyId: null })).find((s) => s.ruleId === 'rappel-rdv' && s.recordId === booking.interventionId && s.state === 'planned'),
    );
    expect(Date.parse(step.dueAt)).toBe(Date.parse('2026-12-02T09:00:00Z'));
  });

  it('reschedules: same meeting updated, same UID with SEQUENCE 1, the reminder follows — never a duplicate', async () => {
    const { offers } = await call<Proposals>('booking.propose', { typeId: 'entretien-chaudiere-gaz', address: ADDRESS, rescheduleOf: booking.interventionId, style: 'two_hours' });
    const friday = offers.find((o) => o.day === '2026-12-04')!;
    expect(friday).toBeDefined();
    const moved = await call<Booking>('booking.reschedule', { interventionId: booking.interventionId, day: friday.day, windowStart: friday.windowStart, windowEnd: friday.windowEnd, technicianId: friday.technicianId, reason: 'Client absent jeudi' });
    expect(moved).toMatchObject({ interventionId: booking.interventionId, calendarUid: booking.calendarUid, sequence: 1, day: '2026-12-04' });
    expect(moved.history.map((h) => h.action)).toEqual(['booked', 'rescheduled']);
    expect(moved.history[1]).toMatchObject({ reason: 'Client absent jeudi', customerMail: 'sent', technicianMail: 'sent' });

    const customer = await nextMailTo('francois.lefevre@example.test');
    expect(customer.subject).toMatch(/^Rendez-vous déplacé : Entretien chaudière gaz, vendredi 4 décembre 2026/);
    const { calendar, event } = await invitationOf(customer);
    expect(property(calendar, 'METHOD')?.value).toBe('REQUEST');
    expect(property(event, 'UID')?.value).toBe(booking.calendarUid);
    expect(property(event, 'SEQUENCE')?.value).toBe('1');
    expect(property(event, 'DTSTART')?.value).toBe(`20261204T${friday.windowStart.replace(':', '')}00`);

    await waitFor('the meeting moved in HubSpot', () => {
      const found = meetingsOf(booking.interventionId);
      return found.length === 1 && Date.parse(found[0]!.properties['hs_meeting_start_time']!) > Date.parse('2026-12-04T00:00:00Z') ? found : null;
    });
    const reminder = await waitFor('the reminder on Thursday', async () =>
      (await call<WorkflowStepItem[]>('workflows.forRecord', { contactId: contactId(), companyId: null })).find(
        (s) => s.ruleId === 'rappel-rdv' && s.recordId === booking.interventionId && s.state === 'planned' && Date.parse(s.dueAt) === Date.parse('2026-12-03T09:00:00Z'),
      ),
    );
    expect(reminder).toBeDefined();
    expect(meetingsOf(booking.interventionId)).toHaveLength(1);
    expect(hs.state.liveIds('meetings').length).toBe(1);
  });

  it('refuses a window that no longer holds (the day filled meanwhile), and books nothing', async () => {
    // A 9-hour bathroom job fits alone in Karim's Friday (08:00–17:30), not beside the visit moved there.
    const bathroom = await call<{ id: string }>('booking.saveType', { label: 'Rénovation salle de bain (journée)', durationMin: 540, skills: ['plomberie'] });
    const { offers } = await call<Proposals>('booking.propose', { typeId: bathroom.id, address: ADDRESS });
    expect(offers.some((o) => o.day === '2026-12-04')).toBe(false);
    expect(offers.some((o) => o.day === '2026-12-07' && o.windowStart === '08:00')).toBe(true);
    const envelope = await accueil.dispatch(
      'booking.book',
      { typeId: bathroom.id, address: ADDRESS, contactId: contactId(), day: '2026-12-04', windowStart: '08:00', windowEnd: '12:00', technicianId: technician.id },
      { access: 'agent' },
    );
    expect(envelope.ok ? null : envelope.error).toMatchObject({ code: 'conflict', reason: 'booking.window_taken' });
    expect(hs.state.liveIds('meetings').length).toBe(1);
  });

  it('cancels: METHOD:CANCEL with SEQUENCE 2, the meeting CANCELED, the history kept', async () => {
    const cancelled = await call<Booking>('booking.cancel', { interventionId: booking.interventionId, reason: 'Chaudière remplacée' });
    expect(cancelled).toMatchObject({ status: 'annulee', sequence: 2 });
    expect(cancelled.history.map((h) => h.action)).toEqual(['booked', 'rescheduled', 'cancelled']);
    const customer = await nextMailTo('francois.lefevre@example.test');
    const { calendar, event } = await invitationOf(customer);
    expect(property(calendar, 'METHOD')?.value).toBe('CANCEL');
    expect(property(event, 'UID')?.value).toBe(booking.calendarUid);
    expect(property(event, 'SEQUENCE')?.value).toBe('2');
    expect(property(event, 'STATUS')?.value).toBe('CANCELLED');
    await waitFor('the meeting CANCELED in HubSpot', () => meetingsOf(booking.interventionId).find((m) => m.properties['hs_meeting_outcome'] === 'CANCELED'));
    expect(hs.state.liveIds('meetings').length).toBe(1);
    const envelope = await accueil.dispatch('booking.reschedule', { interventionId: booking.interventionId, day: '2026-12-07', windowStart: '08:00', windowEnd: '12:00', technicianId: technician.id }, { access: 'agent' });
    expect(envelope.ok).toBe(false);
  });
});
