import { describe, expect, it } from 'vitest';
import { minutesOfDay } from './clock-time';
import type { RouteJob, RoutingProblem, RouteTechnician } from './route-model';
import { DEFAULT_LUNCH_RULE } from './route-model';
import { RoutingTable } from './route-schedule';
import { solveRoutes } from './route-solver';
import { verifyRoutePlan } from './route-verifier';

/**
 * Hand-made days on the equator with roadFactor 1 and 60 km/h: a point `km` east of the origin is
 * `km` minutes' drive from it, so every expected time below is plain arithmetic.
 */
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;
const east = (km: number) => ({ lat: 0, lon: km / KM_PER_DEGREE });

function tech(id: string, over: Partial<RouteTechnician> = {}): RouteTechnician {
  return { id, skills: ['gaz'], start: east(0), end: east(0), shiftStart: minutesOfDay('08:00'), shiftEnd: minutesOfDay('17:00'), lunch: DEFAULT_LUNCH_RULE, ...over };
}

function job(id: string, km: number, window: [string, string], over: Partial<RouteJob> = {}): RouteJob {
  return { id, location: east(km), durationMin: 60, windowStart: minutesOfDay(window[0]), windowEnd: minutesOfDay(window[1]), skills: ['gaz'], pinnedTo: null, ...over };
}

function day(technicians: RouteTechnician[], jobs: RouteJob[]): RoutingProblem {
  return { travel: { roadFactor: 1, speedKmh: 60 }, technicians, jobs };
}

function solved(problem: RoutingProblem) {
  const { plan } = solveRoutes(problem, { seed: 7, iterations: 50 });
  const check = verifyRoutePlan(problem, plan);
  expect(check.violations).toEqual([]);
  expect(check.fitsButLeftOut).toEqual([]);
  return plan;
}

const hhmm = (m: number | null) => (m === null ? null : `${String(Math.floor(Math.round(m) / 60)).padStart(2, '0')}:${String(Math.round(m) % 60).padStart(2, '0')}`);

describe('route feasibility (one technician’s day)', () => {
  it('accepts an order that meets every window and refuses the reverse order that misses one', () => {
    const problem = day([tech('T1')], [job('A', 10, ['08:00', '09:00']), job('B', 20, ['10:00', '10:30'])]);
    const table = new RoutingTable(problem);
    // A at 08:10–09:10, B at 10:00 (waits from 09:20): fine. B first: work at 10:00–11:00, A arrives 11:10 > 09:00.
    expect(table.evaluate(0, [0, 1])).toBeCloseTo(40, 6);
    expect(table.evaluate(0, [1, 0])).toBe(Infinity);
  });

  it('makes an early technician wait on site for the window, and leaves just in time for the first job', () => {
    const plan = solved(day([tech('T1')], [job('A', 30, ['09:00', '10:00'])]));
    const [route] = plan.routes;
    expect(hhmm(route!.departure)).toBe('08:30');
    expect(route!.stops.map((s) => [s.jobId, hhmm(s.arrival), hhmm(s.start), hhmm(s.end)])).toEqual([['A', '09:00', '09:00', '10:00']]);
    expect(hhmm(route!.returnAt)).toBe('10:30');
    expect(plan.totals.km).toBeCloseTo(60, 6);
    expect(plan.totals.travelMin).toBeCloseTo(60, 6);
  });

  it('counts a shift from leaving home to being back: a job that ends too late for the drive home is refused', () => {
    const problem = day([tech('T1')], [job('A', 60, ['15:00', '16:00'], { durationMin: 60 })]);
    // Earliest: work 15:00–16:00, home at 17:00 — exactly the end of the shift.
    expect(new RoutingTable(problem).evaluate(0, [0])).toBeCloseTo(120, 6);
    const later = day([tech('T1')], [job('A', 61, ['15:00', '16:00'], { durationMin: 60 })]);
    const plan = solved(later);
    expect(plan.unassigned).toEqual([{ jobId: 'A', reason: 'shift_too_short', detail: expect.stringContaining('retour au plus tôt à 17:01 pour une fin à 17:00 (T1)') }]);
  });

  it('places lunch between 12:00 and 14:00 where it fits, and none in a day over before noon', () => {
    const full = solved(day([tech('T1')], [job('A', 10, ['08:00', '12:00'], { durationMin: 200 }), job('B', 20, ['13:00', '14:00'])]));
    const lunch = full.routes[0]!.lunch!;
    // A: 08:10–11:30; lunch from 12:00 (not before) to 12:30, after A; B at 13:00.
    expect([lunch.where, lunch.jobId, hhmm(lunch.start), hhmm(lunch.end)]).toEqual(['after_job', 'A', '12:00', '12:30']);
    const morning = solved(day([tech('T1')], [job('A', 10, ['08:00', '08:30'])]));
    expect(morning.routes[0]!.lunch).toBeNull();
    expect(hhmm(morning.routes[0]!.returnAt)).toBe('09:20');
  });

  it('lets an early technician eat on site while he waits for an afternoon window', () => {
    // A done at 09:10; B is 2 h away and opens at 13:00 sharp. Eating after A (from 12:00) would
    // make him late for B; he drives on, arrives at 11:10 and eats there from 12:00.
    const plan = solved(day([tech('T1')], [job('A', 10, ['08:00', '09:00']), job('B', 130, ['13:00', '13:05'])]));
    const route = plan.routes[0]!;
    expect(plan.totals.served).toBe(2);
    expect([route.lunch!.where, route.lunch!.jobId, hhmm(route.lunch!.start), hhmm(route.lunch!.end)]).toEqual(['before_job', 'B', '12:00', '12:30']);
    expect(route.stops.map((s) => [s.jobId, hhmm(s.arrival), hhmm(s.start)])).toEqual([
      ['A', '08:10', '08:10'],
      ['B', '11:10', '13:00'],
    ]);
  });

  it('refuses a job that would leave no 30 minutes for lunch, and says so', () => {
    // Work 11:30–14:00 straight through the whole lunch window.
    const plan = solved(day([tech('T1')], [job('A', 10, ['11:30', '11:30'], { durationMin: 150 })]));
    expect(plan.unassigned[0]).toMatchObject({ jobId: 'A', reason: 'lunch_conflict' });
    expect(plan.unassigned[0]!.detail).toContain('pause déjeuner (30 min entre 12:00 et 14:00)');
    // Without a lunch rule the same job is done.
    expect(solved(day([tech('T1', { lunch: null })], [job('A', 10, ['11:30', '11:30'], { durationMin: 150 })])).totals.served).toBe(1);
  });

  it('needs no lunch from a half-day shift that does not cover the lunch window', () => {
    const plan = solved(day([tech('T1', { shiftStart: minutesOfDay('13:30') })], [job('A', 10, ['13:30', '14:00'], { durationMin: 120 })]));
    expect(plan.totals.served).toBe(1);
    expect(plan.routes[0]!.lunch).toBeNull();
  });
});

describe('route solver', () => {
  it('gives a job only to a technician with every skill it needs, however far', () => {
    const plan = solved(day([tech('T1', { skills: ['gaz'] }), tech('T2', { skills: ['gaz', 'pac'], start: east(50), end: east(50) })], [job('A', 1, ['08:00', '12:00'], { skills: ['gaz', 'pac'] })]));
    expect(plan.routes.find((r) => r.stops.length > 0)!.technicianId).toBe('T2');
  });

  it('reports a job no one is qualified for, naming the skills', () => {
    const plan = solved(day([tech('T1')], [job('A', 1, ['08:00', '12:00'], { skills: ['fioul'] })]));
    expect(plan.unassigned).toEqual([{ jobId: 'A', reason: 'no_skill', detail: 'aucun technicien n’a toutes les compétences demandées (fioul)' }]);
  });

  it('keeps a pinned job with its technician even when another is next door', () => {
    const plan = solved(day([tech('T1'), tech('T2', { start: east(40), end: east(40) })], [job('A', 1, ['08:00', '12:00'], { pinnedTo: 'T2' })]));
    expect(plan.routes.find((r) => r.technicianId === 'T2')!.stops.map((s) => s.jobId)).toEqual(['A']);
  });

  it('says when the pinned technician lacks the skill', () => {
    const plan = solved(day([tech('T1', { skills: ['pac'] }), tech('T2')], [job('A', 1, ['08:00', '12:00'], { skills: ['pac'], pinnedTo: 'T2' })]));
    expect(plan.unassigned).toEqual([{ jobId: 'A', reason: 'no_skill', detail: 'épinglée à T2, qui n’a pas la compétence pac' }]);
  });

  it('reports a window that cannot be reached in time, with the earliest arrival', () => {
    const plan = solved(day([tech('T1'), tech('T2', { shiftStart: minutesOfDay('07:30'), start: east(200), end: east(200) })], [job('A', 150, ['08:00', '08:45'])]));
    // T1 arrives at 10:30, T2 (50 km away, leaving at 07:30) at 08:20: T2 can, so it is served.
    expect(plan.totals.served).toBe(1);
    const alone = solved(day([tech('T1')], [job('A', 150, ['08:00', '10:00'])]));
    expect(alone.unassigned).toEqual([{ jobId: 'A', reason: 'window_unreachable', detail: 'fenêtre 08:00–10:00 inaccessible : arrivée au plus tôt à 10:30 (T1, départ à 08:00)' }]);
  });

  it('leaves out a job only when the days are full, and says that it fits alone', () => {
    const plan = solved(day([tech('T1')], [job('A', 10, ['08:30', '08:30']), job('B', 10, ['08:30', '08:30'])]));
    expect(plan.totals.served).toBe(1);
    expect(plan.unassigned).toEqual([{ jobId: 'B', reason: 'no_room', detail: 'faisable seule (T1), mais plus de place dans ces journées sans retirer une autre visite' }]);
  });

  it('serves one more job before saving km', () => {
    // Near first, the far job's window is missed; far first, both fit (and the day drives 160 km more).
    const problem = day([tech('T1')], [job('near', 5, ['08:00', '12:00']), job('far', 80, ['09:30', '10:00'], { durationMin: 30 })]);
    const plan = solved(problem);
    expect(plan.totals.served).toBe(2);
  });

  it('orders a day to drive the least: once out and back along a line, not zig-zag', () => {
    const jobs = [30, 10, 40, 20].map((km, i) => job(`J${i}`, km, ['08:00', '16:00'], { durationMin: 30 }));
    const plan = solved(day([tech('T1')], jobs));
    // Out to the farthest and back, whatever order the stops on the way take.
    expect(plan.totals.km).toBeCloseTo(80, 6);
  });

  it('uses the travel model given: road factor and speed', () => {
    const problem: RoutingProblem = { travel: { roadFactor: 1.3, speedKmh: 40 }, technicians: [tech('T1')], jobs: [job('A', 20, ['08:00', '12:00'])] };
    const plan = solved(problem);
    expect(plan.totals.km).toBeCloseTo(2 * 26, 6);
    expect(plan.totals.travelMin).toBeCloseTo((52 / 40) * 60, 6);
    expect(hhmm(plan.routes[0]!.stops[0]!.arrival)).toBe('08:39');
  });

  it('gives the same answer for the same seed', () => {
    const jobs = Array.from({ length: 12 }, (_, i) => job(`J${i}`, (i * 37) % 50, i % 2 ? ['08:00', '12:00'] : ['13:30', '16:30'], { durationMin: 45 }));
    const problem = day([tech('T1'), tech('T2', { start: east(25), end: east(25) })], jobs);
    const a = solveRoutes(problem, { seed: 3, iterations: 80 });
    const b = solveRoutes(problem, { seed: 3, iterations: 80 });
    expect(a.stoppedBy).toBe('iterations');
    expect(b.plan).toEqual(a.plan);
  });

  it('stops at the time cap with the best found so far', () => {
    let fakeNow = 0;
    const jobs = Array.from({ length: 10 }, (_, i) => job(`J${i}`, i * 3, ['08:00', '16:00'], { durationMin: 20 }));
    const report = solveRoutes(day([tech('T1')], jobs), { iterations: 1_000, maxMillis: 5, now: () => (fakeNow += 1) });
    expect(report.stoppedBy).toBe('time');
    expect(report.iterations).toBeLessThan(1_000);
    expect(verifyRoutePlan(day([tech('T1')], jobs), report.plan).ok).toBe(true);
  });
});
