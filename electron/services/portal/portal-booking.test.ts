import { describe, expect, it } from 'vitest';
import type { Booking, Proposals } from '../../contract/booking-calls';
import { createMemoryLogger } from '../log';
import { MOVE_NOTICE_HOURS, PortalBooking, type BookingPort } from './portal-booking';
import type { Customer } from './portal-desk';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const customer = { contact: { id: 'c1', firstName: 'François', lastName: 'Lefèvre', email: 'f@example.test', companyId: null }, sessionHash: 'x', scope: { contactId: 'c1', companyIds: [] }, companies: [] } as Customer;

const offer = (day: string, windowStart: string, windowEnd: string) => ({ day, windowStart, windowEnd, technicianId: 't1', technicianName: 'Karim', extraKm: 3, extraDriveMin: 5 });

function booked(id: string, day: string, windowStart: string, windowEnd: string): Booking {
  return { interventionId: id, typeId: 'entretien', kind: 'Entretien chaudière', status: 'planifiee', urgency: 'normale', technicianId: 't1', technicianName: 'Karim', day, windowStart, windowEnd, durationMin: 60, address: '12 rue Saint-Éloi, 35000 Rennes', place: { postcode: '35000', commune: 'Rennes', lat: 48.1, lon: -1.68, precision: 'commune', matchedBy: 'postcode' }, contactId: 'c1', companyId: null, calendarUid: 'u', sequence: 0, history: [] } as unknown as Booking;
}

function harness(visits: Record<string, { scheduledAt: string; status?: string; booking?: Booking }>) {
  const calls: string[] = [];
  const port: BookingPort = {
    bookableTypes: () => [
      { id: 'entretien', label: 'Entretien chaudière', durationMin: 60 },
      { id: 'pac', label: 'Installation pompe à chaleur', durationMin: 480 },
    ],
    propose: (input) => ({ place: { postcode: '35000', commune: 'Rennes', lat: 48.1, lon: -1.68, precision: 'commune', matchedBy: 'postcode' }, offers: [offer('2026-11-26', '08:00', '12:00'), offer('2026-11-27', '13:30', '17:30')].filter((o) => !(input.rescheduleOf && o.day === '2026-11-26')), reason: null }) as unknown as Proposals,
    book: async (input) => {
      calls.push(`book ${input.day} ${input.windowStart}`);
      return booked('new', input.day, input.windowStart, input.windowEnd);
    },
    reschedule: async (input) => {
      calls.push(`move ${input.interventionId} ${input.day} ${input.windowStart}`);
      return booked(input.interventionId, input.day, input.windowStart, input.windowEnd);
    },
    cancel: async (input) => {
      calls.push(`cancel ${input.interventionId}`);
      return booked(input.interventionId, '2026-11-30', '08:00', '12:00');
    },
    get: (id) => visits[id]?.booking ?? null,
  };
  const portal = new PortalBooking({
    booking: () => port,
    repo: { homeAddress: () => '12 rue Saint-Éloi, 35000 Rennes' },
    visitOf: (_customer, id) => (visits[id] ? { id, status: visits[id]!.status ?? 'planifiee', scheduledAt: visits[id]!.scheduledAt } : null),
    clock: () => new Date(NOW),
    logger: createMemoryLogger(),
  });
  return { portal, calls };
}

describe('booking from the portal', () => {
  it('offers only the short kinds of visit online', () => {
    expect(harness({}).portal.kinds()).toEqual([{ id: 'entretien', label: 'Entretien chaudière' }]);
    expect(harness({}).portal.offersForNew({ typeId: 'pac', address: 'Rennes' })).toEqual({ ok: false, why: 'type_unknown' });
  });

  it('books only a window offered now: a forged one books nothing', async () => {
    const { portal, calls } = harness({});
    const forged = await portal.book(customer, { typeId: 'entretien', address: 'Rennes', choice: '2026-11-26|06:00|06:30|t1' });
    expect(forged).toEqual({ ok: false, why: 'taken' });
    const other = await portal.book(customer, { typeId: 'entretien', address: 'Rennes', choice: '2026-11-26|08:00|12:00|t2' });
    expect(other).toEqual({ ok: false, why: 'taken' });
    expect(calls).toEqual([]);
    const ok = await portal.book(customer, { typeId: 'entretien', address: 'Rennes', choice: '2026-11-27|13:30|17:30|t1' });
    expect(ok.ok).toBe(true);
    expect(calls).toEqual(['book 2026-11-27 13:30']);
  });

  it('moves and cancels until the day before only, and never a visit without a booking or not its own', async () => {
    const soon = new Date(NOW + (MOVE_NOTICE_HOURS - 1) * 3_600_000).toISOString();
    const later = new Date(NOW + (MOVE_NOTICE_HOURS + 1) * 3_600_000).toISOString();
    const { portal, calls } = harness({
      soon: { scheduledAt: soon, booking: booked('soon', '2026-11-25', '08:00', '12:00') },
      later: { scheduledAt: later, booking: booked('later', '2026-11-25', '13:30', '17:30') },
      hubspot: { scheduledAt: later },
      done: { scheduledAt: later, status: 'terminee', booking: booked('done', '2026-11-25', '13:30', '17:30') },
    });
    expect(portal.movable(customer, 'soon')).toEqual({ ok: false, why: 'too_late' });
    expect(await portal.cancel(customer, 'soon')).toEqual({ ok: false, why: 'too_late' });
    expect(await portal.move(customer, 'soon', '2026-11-27|13:30|17:30|t1')).toEqual({ ok: false, why: 'too_late' });
    for (const id of ['hubspot', 'done', 'someone-else']) expect(portal.movable(customer, id)).toEqual({ ok: false, why: 'not_movable' });
    const offers = portal.offersToMove(customer, 'later');
    expect(offers.ok && offers.offers.map((o) => o.choice)).toEqual(['2026-11-27|13:30|17:30|t1']);
    expect(await portal.move(customer, 'later', '2026-11-26|08:00|12:00|t1')).toEqual({ ok: false, why: 'taken' });
    expect((await portal.move(customer, 'later', '2026-11-27|13:30|17:30|t1')).ok).toBe(true);
    expect(await portal.cancel(customer, 'later')).toEqual({ ok: true });
    expect(calls).toEqual(['move later 2026-11-27 13:30', 'cancel later']);
  });
});
