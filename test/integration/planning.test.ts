/**
 * The planning board with real parts: the product on a HubSpot portal (the stand-in over HTTP), a
 * real SMTP server on loopback, on an injected clock (Tuesday 1 December 2026, 9:00 in Paris). Two
 * technicians, each linked to a HubSpot owner: Karim based in Cesson-Sévigné, Kévin in Saint-Malo,
 * with their Wednesday visits crossed (Karim's in Saint-Malo and Dinard, Kévin's around Rennes).
 *
 * Claire (agent) moves a visit to Kévin on the board: HubSpot's meeting changes owner — the same
 * meeting, updated, never a second one — and François is not e-mailed (his window did not change);
 * moved to another window, he gets his invitation once (same UID, next SEQUENCE). Forcing a move is
 * Gaëtan's (supervisor); so is accepting « Optimiser la journée »: the proposal is applied once, every
 * meeting updated in HubSpot and none duplicated, a second accept refused, a stale one refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, Technician } from '../../electron/contract/booking-calls';
import type { BoardVisit, PlanningBoard, Proposal } from '../../electron/contract/planning-calls';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../support/smtp-inbox';
import { child, parseICalendar, property } from '../support/icalendar';

const BASE = Date.parse('2026-12-01T08:00:00Z');
const WEDNESDAY = '2026-12-02';
const WEEK = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:30' }));
const FRANCOIS = 'francois.lefevre@example.test';

let hs: HubSpotStandIn;
let inbox: SmtpInbox;
let dir: string;
let accueil: Accueil;
let karim: Technician;
let kevin: Technician;
const owners: Record<string, string> = {};
const visits: Record<string, Booking> = {};

const claire = { id: 'u-claire', login: 'claire', name: 'Claire', sipUser: null };
const gaetan = { id: 'u-gaetan', login: 'gaetan', name: 'Gaëtan', sipUser: null };

async function as<T>(who: 'agent' | 'supervisor', name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: who, account: who === 'agent' ? claire : gaetan });
  if (!envelope.ok) throw Object.assign(new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`), envelope.error);
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

const meetingsOf = (localId: string) => hs.state.liveIds('meetings').map((id) => hs.state.live('meetings', id)!).filter((m) => m.properties['accueil_id'] === localId);
const board = () => as<PlanningBoard>('agent', 'planning.board', { day: WEDNESDAY });
const visitOf = async (id: string): Promise<BoardVisit> => (await board()).visits.find((v) => v.id === id)!;
const mailsTo = (address: string, since: number) => inbox.received.slice(since).filter((m) => m.envelopeTo.includes(address));

beforeAll(async () => {
  const started = Date.now();
  hs = await startHubSpotStandIn({ seed: { contacts: 12, companies: 3, engagements: 0 }, rateLimit: false });
  const fixture = hs.state.liveIds('contacts').map((id) => hs.state.live('contacts', id)!).find((c) => c.properties['lastname'] === FIXTURE_CONTACT.lastName)!;
  hs.state.update('contacts', fixture.id, { email: FRANCOIS, address: '12 rue Saint-Éloi', zip: '35000', city: 'Rennes' });
  owners['karim'] = hs.state.addOwner({ email: 'karim@chauffage-martin.fr', firstName: 'Karim', lastName: 'Bensaïd' }).id;
  owners['kevin'] = hs.state.addOwner({ email: 'kevin@chauffage-martin.fr', firstName: 'Kévin', lastName: 'Le Floch' }).id;
  inbox = await startSmtpInbox();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-planning-'));
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
  await waitFor('the first sync', async () => (await as<{ lastSuccessAt: string | null }>('agent', 'sync.status', {})).lastSuccessAt !== null);
  const contactId = (await waitFor('François in the cache', () => accueil.lookup(FIXTURE_CONTACT.e164).card?.contact)).id;
  const technician = (name: string, owner: string, email: string, startAddress: string, skills: string[]) =>
    as<Technician>('supervisor', 'booking.saveTechnician', { name, hubspotOwnerId: owner, email, skills, hours: WEEK, startAddress });
  karim = await technician('Karim Bensaïd', owners['karim'], 'karim@chauffage-martin.test', '35510 Cesson-Sévigné', ['chaudiere_gaz', 'chaudiere_fioul']);
  kevin = await technician('Kévin Le Floch', owners['kevin'], 'kevin@chauffage-martin.test', '35400 Saint-Malo', ['chaudiere_gaz', 'plomberie']);
  const book = (address: string, technicianId: string, windowStart: string, windowEnd: string, forFrancois = false) =>
    as<Booking>('agent', 'booking.book', { typeId: 'entretien-chaudiere-gaz', address, contactId: forFrancois ? contactId : null, day: WEDNESDAY, windowStart, windowEnd, technicianId });
  visits['malo'] = await book('35400 Saint-Malo', karim.id, '08:00', '12:00', true);
  visits['dinard'] = await book('35800 Dinard', karim.id, '13:30', '17:30');
  visits['rennes'] = await book('35000 Rennes', kevin.id, '08:00', '12:00');
  visits['cesson'] = await book('35510 Cesson-Sévigné', kevin.id, '13:30', '17:30');
  for (const v of Object.values(visits)) await waitFor('the meeting in HubSpot', () => meetingsOf(v.interventionId)[0]);
}, 120_000);

afterAll(async () => {
  await accueil?.close();
  await inbox?.stop();
  await hs?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the planning board', () => {
  it('shows the week with both technicians, the crossed visits and no conflict', async () => {
    const week = await board();
    expect(week.technicians.map((t) => t.name)).toEqual(['Karim Bensaïd', 'Kévin Le Floch']);
    expect(week.visits).toHaveLength(4);
    expect(week.visits.find((v) => v.id === visits['malo']!.interventionId)).toMatchObject({ customer: 'François Lefèvre', technicianId: karim.id, source: 'accueil' });
    expect(week.conflicts).toEqual([]);
  });

  it('reassigns a visit: the same HubSpot meeting changes owner, François is not e-mailed (same window), both technicians get their day', async () => {
    const id = visits['malo']!.interventionId;
    const since = inbox.received.length;
    const result = await as<{ visit: BoardVisit; customerMail: string | null }>('agent', 'planning.move', {
      visitId: id,
      version: (await visitOf(id)).version,
      technicianId: kevin.id,
      day: WEDNESDAY,
      windowStart: '08:00',
      windowEnd: '12:00',
    });
    expect(result.customerMail).toBeNull();
    expect(result.visit.technicianId).toBe(kevin.id);
    await waitFor('the meeting owned by Kévin', () => meetingsOf(id).find((m) => m.properties['hubspot_owner_id'] === owners['kevin']));
    expect(meetingsOf(id)).toHaveLength(1);
    await waitFor('both technicians’ days', () => mailsTo('karim@chauffage-martin.test', since).length >= 1 && mailsTo('kevin@chauffage-martin.test', since).length >= 1);
    expect(mailsTo(FRANCOIS, since)).toEqual([]);
    const history = (await as<Booking>('agent', 'booking.get', { interventionId: id })).history;
    expect(history.at(-1)).toMatchObject({ action: 'rescheduled', actor: 'Claire', technicianName: 'Kévin Le Floch', customerMail: null, technicianMail: 'sent' });
  });

  it('moves it to another window: François gets his invitation once, same UID, next SEQUENCE; still one meeting', async () => {
    const id = visits['malo']!.interventionId;
    const since = inbox.received.length;
    const result = await as<{ customerMail: string | null }>('agent', 'planning.move', {
      visitId: id,
      version: (await visitOf(id)).version,
      technicianId: kevin.id,
      day: WEDNESDAY,
      windowStart: '08:00',
      windowEnd: '10:00',
    });
    expect(result.customerMail).toBe('sent');
    const mail: ReceivedMail = await waitFor('François’s invitation', () => mailsTo(FRANCOIS, since)[0]);
    const parsed = await simpleParser(mail.raw);
    const calendar = parseICalendar(parsed.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8'));
    const event = child(calendar, 'VEVENT')!;
    expect(property(calendar, 'METHOD')?.value).toBe('REQUEST');
    expect(property(event, 'UID')?.value).toBe(visits['malo']!.calendarUid);
    expect(property(event, 'SEQUENCE')?.value).toBe('2');
    expect(property(event, 'DTSTART')?.value).toBe('20261202T080000');
    expect(mailsTo(FRANCOIS, since)).toHaveLength(1);
    await waitFor('the meeting ending at 11:00 (window 8:00–10:00, one hour)', () => meetingsOf(id).find((m) => Date.parse(m.properties['hs_meeting_end_time']!) === Date.parse('2026-12-02T10:00:00Z')));
    expect(meetingsOf(id)).toHaveLength(1);
  });

  it('refuses a move that breaks another visit’s window; only a supervisor may force it', async () => {
    // Dinard's visit onto Kévin between 8:00 and 10:00 beside Saint-Malo (8:00–10:00): Rennes (8:00–12:00) can no longer be kept.
    const id = visits['dinard']!.interventionId;
    const move = { visitId: id, version: (await visitOf(id)).version, technicianId: kevin.id, day: WEDNESDAY, windowStart: '08:00', windowEnd: '10:00' };
    const refused = await accueil.dispatch('planning.move', move, { access: 'agent', account: claire });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'conflict', reason: 'planning.move_breaks' });
    const agentForce = await accueil.dispatch('planning.move', { ...move, force: true }, { access: 'agent', account: claire });
    expect(agentForce.ok ? null : agentForce.error).toMatchObject({ code: 'forbidden', reason: 'planning.force_supervisor' });
    expect((await visitOf(id)).technicianId).toBe(karim.id);
  });

  it('« Optimiser la journée »: proposed without changing anything, accepted by a supervisor once, every meeting updated, none duplicated', async () => {
    const before = await board();
    const proposal = await as<Proposal>('agent', 'planning.optimise', { day: WEDNESDAY });
    expect(proposal).toMatchObject({ status: 'pending', verified: true, totals: { visits: 4, served: 4 } });
    expect(proposal.totals.kmAfter).toBeLessThan(proposal.totals.kmBefore);
    expect((await board()).visits).toEqual(before.visits);
    // Accepting is a supervisor's on the company server.
    const agentAccept = await accueil.dispatch('planning.accept', { id: proposal.id }, { access: 'agent', account: claire });
    expect(agentAccept.ok ? null : agentAccept.error.code).toBe('forbidden');

    const since = inbox.received.length;
    const accepted = await as<{ moved: number; customersNotified: number }>('supervisor', 'planning.accept', { id: proposal.id });
    expect(accepted.moved).toBe(proposal.totals.moves);
    expect(accepted.moved).toBeGreaterThan(0);
    expect(accepted.customersNotified).toBe(0);
    const after = await board();
    for (const route of proposal.routes)
      for (const stop of route.stops) expect(after.visits.find((v) => v.id === stop.visitId)).toMatchObject({ technicianId: route.technicianId, plannedArrival: stop.arrival });
    const ownerOf = (technicianId: string) => (technicianId === karim.id ? owners['karim'] : owners['kevin']);
    await waitFor('every meeting with its new owner', () =>
      proposal.routes.every((r) => r.stops.every((s) => meetingsOf(s.visitId).length === 1 && meetingsOf(s.visitId)[0]!.properties['hubspot_owner_id'] === ownerOf(r.technicianId))),
    );
    expect(hs.state.liveIds('meetings')).toHaveLength(4);
    expect(mailsTo(FRANCOIS, since)).toEqual([]);
    const again = await accueil.dispatch('planning.accept', { id: proposal.id }, { access: 'supervisor', account: gaetan });
    expect(again.ok ? null : again.error).toMatchObject({ reason: 'planning.proposal_closed' });
  });

  it('refuses a proposal computed before a visit of the day changed', async () => {
    const proposal = await as<Proposal>('supervisor', 'planning.optimise', { day: WEDNESDAY });
    const id = visits['cesson']!.interventionId;
    const v = await visitOf(id);
    await as('agent', 'planning.move', { visitId: id, version: v.version, technicianId: v.technicianId, day: WEDNESDAY, windowStart: '13:30', windowEnd: '15:30' });
    const stale = await accueil.dispatch('planning.accept', { id: proposal.id }, { access: 'supervisor', account: gaetan });
    expect(stale.ok ? null : stale.error).toMatchObject({ code: 'conflict', reason: 'planning.proposal_stale' });
    expect(stale.ok ? '' : stale.error.message).toContain('Proposition périmée');
    expect((await as<Proposal>('agent', 'planning.proposal', { id: proposal.id })).status).toBe('stale');
  });
});
