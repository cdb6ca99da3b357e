import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../../store';
import type { OutboxKind } from '../../crm/outbox-port';
import { interventionsMigrations } from '../interventions-migrations';
import { shippedGeocoder } from '../geo/shipped-communes';
import { TechniciansRepository } from '../technicians/technicians-repository';
import { BookingDesk } from './booking-desk';

/** Tuesday 1 December 2026, 9:00 in Paris. */
const NOW = new Date('2026-12-01T08:00:00Z');
const WEEK = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:30' }));

let store: AccueilStore;

function setUp() {
  store = openStore(':memory:');
  store.database.migrateArea('interventions', interventionsMigrations);
  const clock = () => NOW;
  const technicians = new TechniciansRepository(store.database, clock, shippedGeocoder);
  technicians.seedDefaultTypes();
  const queued: Array<{ kind: OutboxKind; localId: string; op: string; inTransaction: boolean }> = [];
  const desk = new BookingDesk({
    db: store.database,
    clock,
    technicians,
    geocoder: shippedGeocoder,
    outbox: () => ({ enqueue: (item) => queued.push({ ...item, inTransaction: store.database.inTransaction }) }),
    mail: () => null,
    sending: () => false,
    company: () => ({ name: 'Thermique Ouest', phone: '02 99 00 11 22' }),
  });
  const karim = technicians.save({ name: 'Karim Bensaïd', userId: null, hubspotOwnerId: null, email: null, skills: ['chaudiere_gaz'], hours: WEEK, absences: [], startAddress: '35510 Cesson-Sévigné', endAddress: '', active: true })!;
  const contactId = store.contacts.insert({ firstName: 'François', lastName: 'Lefèvre', email: 'f@example.test', address: '12 rue Saint-Éloi', postalCode: '35000', city: 'Rennes' });
  return { technicians, desk, karim, contactId, queued };
}

afterEach(() => store?.close());

describe('technicians', () => {
  it('places the start address at its commune centre, keeps hours and absences, refuses an address it cannot place', () => {
    const { technicians, karim } = setUp();
    expect(karim.start).toMatchObject({ commune: 'CESSON SEVIGNE', postcode: '35510', precision: 'commune' });
    expect(karim.end?.commune).toBe('CESSON SEVIGNE');
    const saved = technicians.save({ ...karim, absences: [{ from: '2026-12-02', to: '2026-12-04', reason: 'Congés' }] })!;
    expect(saved.absences).toEqual([{ from: '2026-12-02', to: '2026-12-04', reason: 'Congés' }]);
    expect(technicians.save({ ...karim, id: undefined, startAddress: 'quelque part' })).toBeNull();
    expect(technicians.types().find((t) => t.id === 'installation-pac')).toMatchObject({ durationMin: 480, skills: ['pompe_a_chaleur', 'electricite'] });
    expect(technicians.seedDefaultTypes()).toBe(0);
  });
});

describe('BookingDesk', () => {
  it('books in one transaction with its HubSpot meeting, and moves and cancels the same visit (history, SEQUENCE)', async () => {
    const { desk, karim, contactId, queued } = setUp();
    const { offers, place } = desk.propose({ typeId: 'entretien-chaudiere-gaz', urgency: 'normale', style: 'half_day', address: '12 rue Saint-Éloi, 35000 Rennes', count: 5 });
    expect(place?.commune).toBe('RENNES');
    expect(offers[0]).toMatchObject({ day: '2026-12-02', windowStart: '08:00', windowEnd: '12:00', technicianId: karim.id });
    const booked = await desk.book({ typeId: 'entretien-chaudiere-gaz', urgency: 'normale', address: '12 rue Saint-Éloi, 35000 Rennes', contactId, companyId: null, ...offers[0]! }, 'Claire');
    expect(booked).toMatchObject({ sequence: 0, kind: 'Entretien chaudière gaz', technicianName: 'Karim Bensaïd', contactId });
    expect(booked.history).toMatchObject([{ action: 'booked', actor: 'Claire', customerMail: 'unavailable' }]);
    const row = store.database.prepare<{ scheduled_at: string; ends_at: string; technician: string; status: string }>('SELECT scheduled_at, ends_at, technician, status FROM interventions WHERE id = ?').get(booked.interventionId)!;
    expect(row).toEqual({ scheduled_at: '2026-12-02T07:00:00.000Z', ends_at: '2026-12-02T12:00:00.000Z', technician: 'Karim Bensaïd', status: 'planifiee' });

    const moved = await desk.reschedule({ interventionId: booked.interventionId, day: '2026-12-03', windowStart: '13:30', windowEnd: '17:30', technicianId: karim.id }, 'Claire');
    expect(moved).toMatchObject({ sequence: 1, day: '2026-12-03', windowStart: '13:30', calendarUid: booked.calendarUid });
    const cancelled = await desk.cancel({ interventionId: booked.interventionId, reason: 'Client parti' }, null);
    expect(cancelled).toMatchObject({ status: 'annulee', sequence: 2 });
    expect(cancelled.history.map((h) => [h.action, h.day, h.windowStart])).toEqual([
      ['booked', '2026-12-02', '08:00'],
      ['rescheduled', '2026-12-03', '13:30'],
      ['cancelled', '2026-12-03', '13:30'],
    ]);
    expect(queued).toEqual([
      { kind: 'meeting', localId: booked.interventionId, op: 'create', inTransaction: true },
      { kind: 'meeting', localId: booked.interventionId, op: 'update', inTransaction: true },
      { kind: 'meeting', localId: booked.interventionId, op: 'update', inTransaction: true },
    ]);
    await expect(desk.reschedule({ interventionId: booked.interventionId, day: '2026-12-04', windowStart: '08:00', windowEnd: '12:00', technicianId: karim.id }, null)).rejects.toMatchObject({ reason: 'booking.cancelled' });
  });

  it('counts a visit mirrored from HubSpot in its technician’s day (by name), and frees a cancelled one', async () => {
    const { desk, karim, contactId } = setUp();
    // Karim is in Saint-Malo at 10:00 on Wednesday for 3 hours (a visit from HubSpot: start time only).
    store.interventions.insert({ kind: 'Remplacement chauffe-eau', scheduledAt: '2026-12-02T09:00:00.000Z', technician: 'Karim Bensaïd', siteAddress: '3 quai Duguay-Trouin, 35400 Saint-Malo' });
    const { offers } = desk.propose({ typeId: 'entretien-chaudiere-gaz', urgency: 'normale', style: 'two_hours', address: '12 rue Saint-Éloi, 35000 Rennes', count: 5 });
    expect(offers.some((o) => o.day === '2026-12-02' && o.windowStart === '08:00')).toBe(false);
    expect(offers.some((o) => o.day === '2026-12-02' && o.windowStart === '10:00')).toBe(false);
    await expect(desk.book({ typeId: 'entretien-chaudiere-gaz', urgency: 'normale', address: '12 rue Saint-Éloi, 35000 Rennes', contactId, companyId: null, day: '2026-12-02', windowStart: '10:00', windowEnd: '12:00', technicianId: karim.id }, null)).rejects.toMatchObject({
      code: 'conflict',
      reason: 'booking.window_taken',
    });
    store.database.prepare(`UPDATE interventions SET status = 'annulee'`).run();
    const freed = desk.propose({ typeId: 'entretien-chaudiere-gaz', urgency: 'normale', style: 'two_hours', address: '12 rue Saint-Éloi, 35000 Rennes', count: 5 });
    expect(freed.offers[0]).toMatchObject({ day: '2026-12-02', windowStart: '08:00' });
  });

  it('follows a booked visit moved in HubSpot since: its new start time holds in the day', async () => {
    const { desk, karim, contactId } = setUp();
    const booked = await desk.book({ typeId: 'entretien-chaudiere-gaz', urgency: 'normale', address: '35400 Saint-Malo', contactId, companyId: null, day: '2026-12-02', windowStart: '13:30', windowEnd: '17:30', technicianId: karim.id }, null);
    expect(desk.bookedVisits('2026-12-01')).toMatchObject([{ id: booked.interventionId, day: '2026-12-02', windowStart: 13 * 60 + 30, windowEnd: 17 * 60 + 30 }]);
    // A pull brings the meeting moved to Thursday 9:00 (as a HubSpot user dragged it).
    store.database.prepare('UPDATE interventions SET scheduled_at = ? WHERE id = ?').run('2026-12-03T08:00:00.000Z', booked.interventionId);
    expect(desk.bookedVisits('2026-12-01')).toMatchObject([{ id: booked.interventionId, day: '2026-12-03', windowStart: 9 * 60, windowEnd: 9 * 60 }]);
  });

  it('says why it has nothing: an address it cannot place, a kind nobody can do', () => {
    const { desk } = setUp();
    expect(desk.propose({ typeId: 'entretien-chaudiere-gaz', urgency: 'normale', style: 'half_day', address: 'chez moi', count: 5 })).toEqual({ place: null, offers: [], reason: 'address_unknown' });
    expect(desk.propose({ typeId: 'ramonage', urgency: 'normale', style: 'half_day', address: '35000 Rennes', count: 5 }).reason).toBe('no_qualified_technician');
  });
});
