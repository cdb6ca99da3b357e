import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../../store';
import type { OutboxKind } from '../../crm/outbox-port';
import { interventionsMigrations } from '../interventions-migrations';
import { shippedGeocoder } from '../geo/shipped-communes';
import { TechniciansRepository } from '../technicians/technicians-repository';
import { BookingDesk } from '../booking/booking-desk';
import { PlanningDesk } from './planning-desk';

/** Tuesday 1 December 2026, 9:00 in Paris. */
const NOW = new Date('2026-12-01T08:00:00Z');
const WEEK = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:30' }));
const WEDNESDAY = '2026-12-02';

let store: AccueilStore;

function setUp() {
  store = openStore(':memory:');
  store.database.migrateArea('interventions', interventionsMigrations);
  const clock = () => NOW;
  const technicians = new TechniciansRepository(store.database, clock, shippedGeocoder);
  technicians.seedDefaultTypes();
  const queued: Array<{ kind: OutboxKind; localId: string; op: string; inTransaction: boolean }> = [];
  const booking = new BookingDesk({
    db: store.database,
    clock,
    technicians,
    geocoder: shippedGeocoder,
    outbox: () => ({ enqueue: (item) => queued.push({ ...item, inTransaction: store.database.inTransaction }) }),
    mail: () => null,
    sending: () => false,
    company: () => ({ name: 'Thermique Ouest', phone: '02 99 00 11 22' }),
  });
  const planning = new PlanningDesk({ db: store.database, clock, booking: () => booking, technicians: () => technicians, iterations: 100 });
  const tech = (name: string, skills: Parameters<TechniciansRepository['save']>[0]['skills'], startAddress: string, absences: Array<{ from: string; to: string; reason: string | null }> = []) =>
    technicians.save({ name, userId: null, hubspotOwnerId: null, email: null, skills, hours: WEEK, absences, startAddress, endAddress: '', active: true })!;
  const karim = tech('Karim Bensaïd', ['chaudiere_gaz', 'chaudiere_fioul'], '35510 Cesson-Sévigné', [{ from: '2026-12-04', to: '2026-12-04', reason: 'Formation' }]);
  const kevin = tech('Kévin Le Floch', ['chaudiere_gaz', 'plomberie'], '35400 Saint-Malo');
  const customer = (lastName: string) => store.contacts.insert({ firstName: 'M.', lastName, email: null });
  const book = (typeId: string, address: string, lastName: string, technicianId: string, windowStart: string, windowEnd: string, day = WEDNESDAY) =>
    booking.book({ typeId, urgency: 'normale', address, contactId: customer(lastName), companyId: null, day, windowStart, windowEnd, technicianId }, 'Claire');
  return { technicians, booking, planning, karim, kevin, queued, book };
}

afterEach(() => store?.close());

describe('the planning board', () => {
  it('shows the week per technician: hours, absence, visits with customer, kind, address, status, and the day’s km', async () => {
    const { planning, karim, kevin, book } = setUp();
    const visit = await book('entretien-chaudiere-gaz', '4 rue de la Paix, 35000 Rennes', 'Lefèvre', karim.id, '08:00', '12:00');
    const board = planning.board(WEDNESDAY);
    expect(board.weekStart).toBe('2026-11-30');
    expect(board.days.map((d) => d.day)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(board.today).toBe('2026-12-01');
    const k = board.technicians.find((t) => t.id === karim.id)!;
    expect(k.days[2]).toMatchObject({ day: WEDNESDAY, hours: { start: '08:00', end: '17:30' }, absence: null });
    expect(k.days[2]!.km).toBeGreaterThan(5);
    expect(k.days[4]).toMatchObject({ absence: 'Formation' });
    expect(k.days[5]).toMatchObject({ hours: null, km: 0 });
    expect(board.technicians.find((t) => t.id === kevin.id)!.days[2]!.km).toBe(0);
    expect(board.visits).toEqual([
      expect.objectContaining({
        id: visit.interventionId,
        technicianId: karim.id,
        day: WEDNESDAY,
        windowStart: '08:00',
        windowEnd: '12:00',
        kind: 'Entretien chaudière gaz',
        customer: 'M. Lefèvre',
        address: '4 rue de la Paix, 35000 Rennes',
        commune: 'RENNES',
        status: 'planifiee',
        source: 'accueil',
        pinned: false,
        conflicts: [],
      }),
    ]);
    expect(board.conflicts).toEqual([]);
  });

  it('shows a visit mirrored from HubSpot in its technician’s day, pinned and not movable', async () => {
    const { planning, karim } = setUp();
    const id = store.interventions.insert({ kind: 'Entretien chaudière fioul', scheduledAt: '2026-12-02T09:00:00.000Z', technician: 'Karim Bensaïd', siteAddress: '35400 Saint-Malo' });
    const [visit] = planning.board(WEDNESDAY).visits;
    expect(visit).toMatchObject({ id, technicianId: karim.id, windowStart: '10:00', windowEnd: '10:00', durationMin: 90, skills: ['chaudiere_fioul'], source: 'crm', pinned: true, commune: 'ST MALO' });
    await expect(planning.move({ visitId: id, version: visit!.version, technicianId: karim.id, day: '2026-12-03', windowStart: '08:00', windowEnd: '12:00', force: false }, null)).rejects.toMatchObject({ reason: 'planning.not_movable' });
  });
});

describe('moving a visit', () => {
  it('reassigns through the booking desk: one meeting update, history, the customer not told when his window stays', async () => {
    const { planning, karim, kevin, queued, book, booking } = setUp();
    const visit = await book('entretien-chaudiere-gaz', '35400 Saint-Malo', 'Durand', karim.id, '13:30', '17:30');
    queued.length = 0;
    const version = planning.board(WEDNESDAY).visits[0]!.version;
    const result = await planning.move({ visitId: visit.interventionId, version, technicianId: kevin.id, day: WEDNESDAY, windowStart: '13:30', windowEnd: '17:30', force: false }, 'Claire');
    expect(result.visit).toMatchObject({ technicianId: kevin.id, windowStart: '13:30', conflicts: [] });
    expect(result.customerMail).toBeNull();
    expect(queued).toEqual([{ kind: 'meeting', localId: visit.interventionId, op: 'update', inTransaction: true }]);
    const after = booking.get(visit.interventionId)!;
    expect(after).toMatchObject({ sequence: 1, technicianName: 'Kévin Le Floch' });
    expect(after.history.map((h) => [h.action, h.actor, h.technicianName, h.customerMail])).toEqual([
      ['booked', 'Claire', 'Karim Bensaïd', 'unavailable'],
      ['rescheduled', 'Claire', 'Kévin Le Floch', null],
    ]);
    // Another window: the customer is told (his invitation; no mail server here, so « unavailable »).
    const moved = await planning.move({ visitId: visit.interventionId, version: result.visit.version, technicianId: kevin.id, day: '2026-12-03', windowStart: '08:00', windowEnd: '12:00', force: false }, 'Claire');
    expect(moved.customerMail).toBe('unavailable');
    expect(booking.get(visit.interventionId)!.sequence).toBe(2);
  });

  it('refuses a move from a board that is out of date', async () => {
    const { planning, karim, kevin, book } = setUp();
    const visit = await book('entretien-chaudiere-gaz', '35000 Rennes', 'Martin', karim.id, '08:00', '12:00');
    const stale = planning.board(WEDNESDAY).visits[0]!.version;
    await planning.move({ visitId: visit.interventionId, version: stale, technicianId: kevin.id, day: WEDNESDAY, windowStart: '08:00', windowEnd: '12:00', force: false }, null);
    await expect(planning.move({ visitId: visit.interventionId, version: stale, technicianId: karim.id, day: WEDNESDAY, windowStart: '08:00', windowEnd: '12:00', force: false }, null)).rejects.toMatchObject({
      code: 'conflict',
      reason: 'planning.visit_changed',
    });
  });

  it('refuses, with the reason, a move that breaks a booked visit’s window, a skill or an absence; forced, it is done and its conflicts shown', async () => {
    const { planning, karim, kevin, book, queued, technicians } = setUp();
    // Kévin: a 3-hour job to start between 8:00 and 9:00 in Saint-Malo.
    const long = technicians.saveType({ label: 'Désembouage', durationMin: 180, skills: ['plomberie'], active: true });
    await book(long.id, '35400 Saint-Malo', 'Robert', kevin.id, '08:00', '09:00');
    const moving = await book('entretien-chaudiere-gaz', '35400 Saint-Malo', 'Petit', karim.id, '09:30', '10:30');
    const fioul = await book('entretien-chaudiere-fioul', '35510 Cesson-Sévigné', 'Bernard', karim.id, '13:30', '17:30');
    const versionOf = (id: string) => planning.board(WEDNESDAY).visits.find((v) => v.id === id)!.version;
    queued.length = 0;
    const onto = { visitId: moving.interventionId, technicianId: kevin.id, day: WEDNESDAY, windowStart: '09:30', windowEnd: '10:30', force: false };
    await expect(planning.move({ ...onto, version: versionOf(moving.interventionId) }, null)).rejects.toMatchObject({
      code: 'conflict',
      reason: 'planning.move_breaks',
      message: expect.stringContaining('M. Robert (08:00–09:00)'),
    });
    await expect(planning.move({ visitId: fioul.interventionId, version: versionOf(fioul.interventionId), technicianId: kevin.id, day: WEDNESDAY, windowStart: '13:30', windowEnd: '17:30', force: false }, null)).rejects.toMatchObject({
      reason: 'planning.move_missing_skill',
      message: expect.stringContaining('Kévin Le Floch n’a pas la compétence chaudiere_fioul'),
    });
    await expect(planning.move({ visitId: fioul.interventionId, version: versionOf(fioul.interventionId), technicianId: karim.id, day: '2026-12-04', windowStart: '13:30', windowEnd: '17:30', force: false }, null)).rejects.toMatchObject({
      reason: 'planning.move_absence',
    });
    expect(queued).toEqual([]);

    const forced = await planning.move({ ...onto, version: versionOf(moving.interventionId), force: true, reason: 'Urgence client' }, 'Gaëtan');
    expect(forced.conflicts.map((c) => c.kind)).toContain('overlap');
    const board = planning.board(WEDNESDAY);
    const kinds = board.conflicts.map((c) => `${c.kind}:${board.visits.find((v) => v.id === c.visitId)!.customer}`).sort();
    expect(kinds).toEqual(['overlap:M. Petit', 'overlap:M. Robert']);
    expect(queued).toHaveLength(1);
  });
});

describe('« Optimiser la journée »', () => {
  /** Karim (Cesson) has the Saint-Malo visits, Kévin (Saint-Malo) the Rennes ones: crossed days. */
  async function crossedDay(setup: ReturnType<typeof setUp>) {
    const { karim, kevin, book } = setup;
    const malo1 = await book('entretien-chaudiere-gaz', '35400 Saint-Malo', 'Malo Un', karim.id, '08:00', '12:00');
    const malo2 = await book('entretien-chaudiere-gaz', '35800 Dinard', 'Malo Deux', karim.id, '13:30', '17:30');
    const rennes1 = await book('entretien-chaudiere-gaz', '35000 Rennes', 'Rennes Un', kevin.id, '08:00', '12:00');
    const rennes2 = await book('entretien-chaudiere-gaz', '35510 Cesson-Sévigné', 'Rennes Deux', kevin.id, '13:30', '17:30');
    return { malo1, malo2, rennes1, rennes2 };
  }

  it('proposes shorter routes, verified, and changes nothing until accepted', async () => {
    const setup = setUp();
    const { planning, karim, kevin, queued } = setup;
    const { malo1, rennes1 } = await crossedDay(setup);
    queued.length = 0;
    const before = planning.board(WEDNESDAY);
    const proposal = planning.optimise(WEDNESDAY, 'Gaëtan');
    expect(proposal).toMatchObject({ day: WEDNESDAY, status: 'pending', verified: true, createdBy: 'Gaëtan', totals: { visits: 4, served: 4, moves: 4 } });
    expect(proposal.totals.kmAfter).toBeLessThan(proposal.totals.kmBefore / 2);
    const route = (id: string) => proposal.routes.find((r) => r.technicianId === id)!;
    expect(route(kevin.id).stops.map((s) => s.customer).sort()).toEqual(['M. Malo Deux', 'M. Malo Un']);
    expect(route(karim.id).stops.map((s) => s.customer).sort()).toEqual(['M. Rennes Deux', 'M. Rennes Un']);
    expect(route(kevin.id).stops.find((s) => s.visitId === malo1.interventionId)).toMatchObject({ fromTechnicianName: 'Karim Bensaïd', windowStart: '08:00', windowEnd: '12:00' });
    expect(route(karim.id).kmBefore).toBeGreaterThan(route(karim.id).kmAfter);
    // Nothing changed yet.
    expect(planning.board(WEDNESDAY).visits).toEqual(before.visits);
    expect(queued).toEqual([]);
    expect(planning.proposal(proposal.id)?.status).toBe('pending');

    const accepted = await planning.accept(proposal.id, 'Gaëtan');
    expect(accepted).toMatchObject({ moved: 4, customersNotified: 0, proposal: { status: 'accepted' } });
    expect(queued.map((q) => q.localId).sort()).toEqual([...proposal.routes.flatMap((r) => r.stops.map((s) => s.visitId))].sort());
    expect(queued.every((q) => q.op === 'update' && q.inTransaction)).toBe(true);
    const after = planning.board(WEDNESDAY);
    expect(after.visits.find((v) => v.id === malo1.interventionId)).toMatchObject({ technicianId: kevin.id, windowStart: '08:00', windowEnd: '12:00', plannedArrival: route(kevin.id).stops.find((s) => s.visitId === malo1.interventionId)!.arrival });
    expect(after.visits.find((v) => v.id === rennes1.interventionId)!.technicianId).toBe(karim.id);
    expect(after.conflicts).toEqual([]);
    // Accepted once: a second accept changes nothing.
    await expect(planning.accept(proposal.id, 'Gaëtan')).rejects.toMatchObject({ reason: 'planning.proposal_closed' });
    expect(queued).toHaveLength(4);
  });

  it('refuses a proposal: nothing changes, and it can no longer be accepted', async () => {
    const setup = setUp();
    const { planning, queued } = setup;
    await crossedDay(setup);
    queued.length = 0;
    const before = planning.board(WEDNESDAY).visits;
    const proposal = planning.optimise(WEDNESDAY, null);
    expect(planning.refuse(proposal.id, 'Gaëtan').status).toBe('refused');
    await expect(planning.accept(proposal.id, 'Gaëtan')).rejects.toMatchObject({ reason: 'planning.proposal_closed' });
    expect(() => planning.refuse(proposal.id, 'Gaëtan')).toThrow(expect.objectContaining({ reason: 'planning.proposal_closed' }));
    expect(planning.board(WEDNESDAY).visits).toEqual(before);
    expect(queued).toEqual([]);
  });

  it('keeps a pinned visit with its technician', async () => {
    const setup = setUp();
    const { planning, karim } = setup;
    const { malo1 } = await crossedDay(setup);
    planning.pin(malo1.interventionId, true, 'Gaëtan');
    expect(planning.board(WEDNESDAY).visits.find((v) => v.id === malo1.interventionId)).toMatchObject({ pinned: true, pinnedByHand: true });
    const proposal = planning.optimise(WEDNESDAY, null);
    const stop = proposal.routes.find((r) => r.technicianId === karim.id)!.stops.find((s) => s.visitId === malo1.interventionId);
    expect(stop).toMatchObject({ pinned: true, fromTechnicianId: null });
    expect(proposal.verified).toBe(true);
  });

  it('refuses to accept a proposal computed before a visit of the day changed, and changes nothing', async () => {
    const setup = setUp();
    const { planning, karim, kevin, queued, booking } = setup;
    const { malo1, rennes2 } = await crossedDay(setup);
    const proposal = planning.optimise(WEDNESDAY, null);
    // Meanwhile Claire moves one of the day's visits to another window.
    const version = planning.board(WEDNESDAY).visits.find((v) => v.id === rennes2.interventionId)!.version;
    await planning.move({ visitId: rennes2.interventionId, version, technicianId: kevin.id, day: WEDNESDAY, windowStart: '13:30', windowEnd: '15:30', force: false }, 'Claire');
    queued.length = 0;
    const board = planning.board(WEDNESDAY);
    await expect(planning.accept(proposal.id, 'Gaëtan')).rejects.toMatchObject({ code: 'conflict', reason: 'planning.proposal_stale', message: expect.stringContaining('M. Rennes Deux') });
    expect(queued).toEqual([]);
    expect(planning.board(WEDNESDAY).visits).toEqual(board.visits);
    expect(booking.get(malo1.interventionId)!.technicianId).toBe(karim.id);
    expect(planning.proposal(proposal.id)?.status).toBe('stale');
  });

  it('refuses a proposal made before a technician’s day changed (an absence added)', async () => {
    const setup = setUp();
    const { planning, technicians, kevin } = setup;
    await crossedDay(setup);
    const proposal = planning.optimise(WEDNESDAY, null);
    technicians.save({ ...kevin, absences: [{ from: WEDNESDAY, to: WEDNESDAY, reason: 'Malade' }] });
    await expect(planning.accept(proposal.id, null)).rejects.toMatchObject({ reason: 'planning.proposal_stale', message: expect.stringContaining('Kévin Le Floch') });
  });

  it('says why a visit is left out, and leaves it where it is', async () => {
    const setup = setUp();
    const { planning, karim, book } = setup;
    const fioul = await book('entretien-chaudiere-fioul', '35000 Rennes', 'Fioul', karim.id, '08:00', '12:00');
    // Karim is the only one with the fioul skill; he is away on Friday: the visit, forced there, has no one.
    const version = planning.board(WEDNESDAY).visits[0]!.version;
    await planning.move({ visitId: fioul.interventionId, version, technicianId: karim.id, day: '2026-12-04', windowStart: '08:00', windowEnd: '12:00', force: true }, 'Gaëtan');
    const proposal = planning.optimise('2026-12-04', null);
    expect(proposal.unassigned).toEqual([expect.objectContaining({ visitId: fioul.interventionId, reason: 'no_skill', customer: 'M. Fioul' })]);
    expect(proposal.unassigned[0]!.detail).toContain('reste où elle est');
    expect(proposal.totals).toMatchObject({ visits: 1, served: 0, moves: 0 });
  });
});
