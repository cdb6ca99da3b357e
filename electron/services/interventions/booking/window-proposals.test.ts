import { describe, expect, it } from 'vitest';
import { DEFAULT_LUNCH_RULE, type RouteJob, type RoutingProblem } from '../routes/route-model';
import { RoutingTable } from '../routes/route-schedule';
import { verifyRoutePlan } from '../routes/route-verifier';
import { DEFAULT_TRAVEL_MODEL } from '../routes/travel-model';
import { seededRandom } from '../routes/seeded-random';
import { bestInsertion, proposeWindows, technicianDay, type BookedVisit, type BookingTechnician, type ProposalRequest, type WindowProposal } from './window-proposals';

const H = (h: number, m = 0) => h * 60 + m;
const RENNES = { lat: 48.112, lon: -1.682 };
const CESSON = { lat: 48.121, lon: -1.603 };
const VITRE = { lat: 48.124, lon: -1.21 };
const ST_MALO = { lat: 48.64, lon: -1.981 };

const weekdays = (from: number, to: number) => Object.fromEntries([0, 1, 2, 3, 4].map((d) => [d, [from, to] as const]));

function technician(id: string, over: Partial<BookingTechnician> = {}): BookingTechnician {
  return { id, skills: ['chaudiere_gaz', 'plomberie'], start: RENNES, end: RENNES, hours: weekdays(H(8), H(17, 30)), absences: [], lunch: DEFAULT_LUNCH_RULE, ...over };
}

// 2026-12-01 is a Tuesday.
const base: ProposalRequest = { location: CESSON, durationMin: 60, skills: ['chaudiere_gaz'], urgency: 'normale', style: 'half_day', today: '2026-12-01', nowMinutes: H(10), travel: DEFAULT_TRAVEL_MODEL, count: 5 };

/** Replays an offer with the independent verifier: the technician's day with the job in the offered window. */
function verifyOffer(request: ProposalRequest, technicians: readonly BookingTechnician[], booked: readonly BookedVisit[], offer: WindowProposal): string[] {
  const tech = technicians.find((t) => t.id === offer.technicianId)!;
  const day = technicianDay(tech, offer.day)!;
  const visits: RouteJob[] = booked
    .filter((v) => v.technicianId === tech.id && v.day === offer.day)
    .map((v) => ({ id: v.id, location: v.location, durationMin: v.durationMin, windowStart: v.windowStart, windowEnd: v.windowEnd, skills: [], pinnedTo: tech.id }));
  const job: RouteJob = { id: 'NEW', location: request.location, durationMin: request.durationMin, windowStart: offer.windowStart, windowEnd: offer.windowEnd, skills: [...request.skills], pinnedTo: null };
  const insertion = bestInsertion(day, visits, job, request.travel);
  if (!insertion) return ['no insertion found on replay'];
  const problem: RoutingProblem = { travel: request.travel, technicians: [day], jobs: insertion.order };
  const table = new RoutingTable(problem);
  const plan = { routes: [table.plan(0, insertion.order.map((_, i) => i))], unassigned: [], totals: { served: insertion.order.length, unassigned: 0, km: 0, travelMin: 0 } };
  plan.totals.km = plan.routes[0]!.km;
  plan.totals.travelMin = plan.routes[0]!.travelMin;
  const verdict = verifyRoutePlan(problem, plan);
  return verdict.violations;
}

describe('proposeWindows', () => {
  it('offers the coming working days’ half-days, from tomorrow, for a normal job', () => {
    const offers = proposeWindows(base, [technician('T1')], []);
    expect(offers).toHaveLength(5);
    expect(offers[0]).toMatchObject({ day: '2026-12-02', windowStart: H(8), windowEnd: H(12), technicianId: 'T1' });
    expect(offers.every((o) => o.day > '2026-12-01')).toBe(true);
    // Saturday and Sunday: he does not work.
    expect(offers.some((o) => o.day === '2026-12-05' || o.day === '2026-12-06')).toBe(false);
  });

  it('offers no one without the skills', () => {
    expect(proposeWindows({ ...base, skills: ['pompe_a_chaleur'] }, [technician('T1')], [])).toEqual([]);
    const offers = proposeWindows({ ...base, skills: ['pompe_a_chaleur'] }, [technician('T1'), technician('T2', { skills: ['pompe_a_chaleur'] })], []);
    expect(offers.length).toBeGreaterThan(0);
    expect(new Set(offers.map((o) => o.technicianId))).toEqual(new Set(['T2']));
  });

  it('skips an absent technician’s days and holidays', () => {
    const away = technician('T1', { absences: [{ from: '2026-12-02', to: '2026-12-03' }] });
    const offers = proposeWindows({ ...base, isHoliday: (d) => d === '2026-12-04' }, [away], []);
    expect(offers.map((o) => o.day).filter((d) => d <= '2026-12-04')).toEqual([]);
    expect(offers[0]!.day).toBe('2026-12-07');
  });

  it('never pushes a booked visit out of its window: a full morning offers only the afternoon', () => {
    // 08:00–12:00 visit of 3 h 45 in Vitré: nothing else fits that morning, even a short job nearby.
    const booked: BookedVisit[] = [{ id: 'V1', technicianId: 'T1', day: '2026-12-02', location: VITRE, durationMin: 225, windowStart: H(8), windowEnd: H(8) }];
    const offers = proposeWindows({ ...base, style: 'two_hours', count: 10 }, [technician('T1')], booked);
    const wednesday = offers.filter((o) => o.day === '2026-12-02');
    expect(wednesday.map((o) => o.windowStart)).not.toContain(H(8));
    expect(wednesday.map((o) => o.windowStart)).not.toContain(H(10));
    for (const offer of offers) expect(verifyOffer(base, [technician('T1')], booked, offer)).toEqual([]);
  });

  it('keeps the lunch break: a job that would eat the whole lunch window is not offered', () => {
    const shortDay = technician('T1', { hours: weekdays(H(8), H(14)) });
    // A 4-hour job in a 10:00–12:00 window ends at 14:00 at best: no 30-minute break between 12:00 and 14:00.
    const offers = proposeWindows({ ...base, durationMin: 240, style: 'two_hours', location: RENNES, count: 20 }, [shortDay], []);
    expect(offers.filter((o) => o.windowStart === H(10))).toEqual([]);
    expect(offers.filter((o) => o.windowStart === H(8)).length).toBeGreaterThan(0);
  });

  it('books a day-long installation, its lunch taken on site within its length', () => {
    const offers = proposeWindows({ ...base, durationMin: 480, location: CESSON, count: 10 }, [technician('T1')], []);
    expect(offers.filter((o) => o.windowStart === H(8)).length).toBeGreaterThan(0);
    // It cannot start in the afternoon: 8 h from 13:30 overruns the day.
    expect(offers.filter((o) => o.windowStart === H(13, 30))).toEqual([]);
  });

  it('ranks by extra travel: the technician already nearby gets the offer', () => {
    const near = technician('NEAR', { start: VITRE, end: VITRE });
    const far = technician('FAR', { start: ST_MALO, end: ST_MALO });
    const offers = proposeWindows({ ...base, location: VITRE }, [far, near], []);
    expect(offers.every((o) => o.technicianId === 'NEAR')).toBe(true);
  });

  it('an urgent job gets today’s afternoon first, then the earliest windows', () => {
    const offers = proposeWindows({ ...base, urgency: 'urgente' }, [technician('T1')], []);
    expect(offers[0]).toMatchObject({ day: '2026-12-01', windowStart: H(13, 30) });
    expect(offers.map((o) => `${o.day} ${o.windowStart}`)).toEqual([...offers.map((o) => `${o.day} ${o.windowStart}`)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });

  it('does not offer today to a normal job, nor a window opening within the hour to an urgent one', () => {
    const late = proposeWindows({ ...base, urgency: 'urgente', nowMinutes: H(13) }, [technician('T1')], []);
    expect(late.some((o) => o.day === '2026-12-01')).toBe(false);
  });

  it('a day already impossible as booked offers nothing for that technician', () => {
    const booked: BookedVisit[] = [
      { id: 'A', technicianId: 'T1', day: '2026-12-02', location: ST_MALO, durationMin: 60, windowStart: H(8), windowEnd: H(8) },
      { id: 'B', technicianId: 'T1', day: '2026-12-02', location: VITRE, durationMin: 60, windowStart: H(9), windowEnd: H(9) },
    ];
    const offers = proposeWindows({ ...base, count: 10 }, [technician('T1')], booked);
    expect(offers.some((o) => o.day === '2026-12-02')).toBe(false);
  });

  it('never offers a window the independent verifier rejects (random busy days)', () => {
    const random = seededRandom(16);
    const around = () => ({ lat: 48.0 + random() * 0.3, lon: -1.9 + random() * 0.6 });
    const windows = [[H(8), H(12)], [H(13, 30), H(17, 30)], [H(8), H(10)], [H(10), H(12)], [H(13, 30), H(15, 30)], [H(15, 30), H(17, 30)]] as const;
    let checked = 0;
    for (let round = 0; round < 30; round++) {
      const techs = [technician('T1', { start: around(), end: around() }), technician('T2', { start: around(), end: around(), hours: weekdays(H(7, 30), H(16)) })];
      const booked: BookedVisit[] = [];
      for (let i = 0; i < 10; i++) {
        const w = windows[Math.floor(random() * windows.length)]!;
        booked.push({ id: `V${i}`, technicianId: random() < 0.5 ? 'T1' : 'T2', day: random() < 0.5 ? '2026-12-02' : '2026-12-03', location: around(), durationMin: 30 + Math.floor(random() * 4) * 30, windowStart: w[0], windowEnd: w[1] });
      }
      const request = { ...base, location: around(), durationMin: 60 + Math.floor(random() * 3) * 30, style: random() < 0.5 ? ('half_day' as const) : ('two_hours' as const), count: 12 };
      for (const offer of proposeWindows(request, techs, booked)) {
        expect(verifyOffer(request, techs, booked, offer)).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
