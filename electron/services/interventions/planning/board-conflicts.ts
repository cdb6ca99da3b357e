/**
 * What is wrong with one technician's day, as the planning board shows it. Pure (no clock, no
 * database): the day's visits with the windows their customers were told, his hours, his absences,
 * his skills, and the travel model.
 *
 *   absence             he is away that day                                  (every visit)
 *   outside_hours       he does not work that weekday, or the visit alone      (that visit)
 *                       cannot start in its window and end within his hours,
 *                       or with the drives he is back after his day ends       (the last visit)
 *   missing_skill       the kind of visit needs a skill he lacks               (that visit)
 *   overlap             two visits that cannot both be kept in either order,   (both)
 *                       whatever the drives: A's earliest end is after B's
 *                       latest start, and B's after A's
 *   window_unreachable  with the drives between them (travel model), in the    (the late visit)
 *                       planned order and in window order, he arrives after
 *                       the window closes
 *
 * Whether the day holds at all is the routes' verifier's judgement (route-verifier.ts `judgeDay`,
 * every lunch position tried), in the order planned by an accepted optimisation, else in the order
 * of the windows (as the booking desk inserts), else in the order the route solver finds for him
 * alone (visits with the same window have no order of their own), confirmed by the verifier. Only a
 * day that does not hold is searched for late visits, by driving it in window order, each visit
 * started as early as its window allows.
 */
import type { RouteJob, RouteTechnician, RoutingProblem } from '../routes/route-model';
import { judgeDay, verifyRoutePlan } from '../routes/route-verifier';
import { solveRoutes } from '../routes/route-solver';
import { driveMinutes, roadKm, type GeoPoint, type TravelModel } from '../routes/travel-model';
import { LUNCH_INCLUDED_MIN, technicianDay, type BookingTechnician } from '../booking/window-proposals';
import { clockTime } from '../routes/clock-time';
import { weekdayOf } from '../../shared/paris-time';
import type { Conflict } from '../../../contract/planning-calls';

/** A millionth of a minute is no lateness (as the routes' arithmetic). */
const EPSILON = 1e-6;
/** Ruin-and-recreate rounds when looking for an order that keeps a day (one technician: a few suffice). */
const SEARCH_ROUNDS = 30;

export interface DayVisit {
  id: string;
  location: GeoPoint;
  durationMin: number;
  /** The arrival window, minutes since midnight. */
  windowStart: number;
  windowEnd: number;
  /** Skills the kind of visit needs. */
  skills: readonly string[];
  /** Planned arrival (an accepted optimisation), minutes; null: none. */
  plannedArrival: number | null;
}

export type PlanningTechnician = Omit<BookingTechnician, 'absences'> & { absences: ReadonlyArray<{ from: string; to: string; reason?: string | null }> };

const conflict = (kind: Conflict['kind'], visitId: string, extra: Partial<Conflict> = {}): Conflict => ({
  kind,
  visitId,
  otherVisitId: null,
  at: null,
  skills: [],
  reason: null,
  ...extra,
});

/** The visits in the order the day is driven: the planned order when every visit has one, else by window. */
export function dayOrder<V extends Pick<DayVisit, 'id' | 'windowStart' | 'windowEnd' | 'plannedArrival'>>(visits: readonly V[]): V[] {
  const byWindow = (a: V, b: V) => a.windowStart - b.windowStart || a.windowEnd - b.windowEnd || a.id.localeCompare(b.id);
  if (visits.length > 0 && visits.every((v) => v.plannedArrival !== null)) return [...visits].sort((a, b) => a.plannedArrival! - b.plannedArrival! || byWindow(a, b));
  return [...visits].sort(byWindow);
}

/** Road km of a day driven in this order: start → visits → end (0 without visits). */
export function dayKm(travel: TravelModel, start: GeoPoint, end: GeoPoint, visits: ReadonlyArray<{ location: GeoPoint }>): number {
  if (visits.length === 0) return 0;
  let km = 0;
  let here = start;
  for (const v of visits) {
    km += roadKm(travel, here, v.location);
    here = v.location;
  }
  return km + roadKm(travel, here, end);
}

/** Two visits that cannot both keep their windows, whichever comes first (drives not even counted). */
export function cannotBothBeKept(a: Pick<DayVisit, 'windowStart' | 'windowEnd' | 'durationMin'>, b: Pick<DayVisit, 'windowStart' | 'windowEnd' | 'durationMin'>): boolean {
  return a.windowStart + a.durationMin > b.windowEnd + EPSILON && b.windowStart + b.durationMin > a.windowEnd + EPSILON;
}

/** Every conflict of a technician's day (see the header). */
export function dayConflicts(technician: PlanningTechnician, day: string, visits: readonly DayVisit[], travel: TravelModel): Conflict[] {
  if (visits.length === 0) return [];
  const absence = technician.absences.find((a) => a.from <= day && day <= a.to);
  if (absence) return visits.map((v) => conflict('absence', v.id, { reason: absence.reason ?? null }));
  const hours = technician.hours[weekdayOf(day)];
  if (!hours) return visits.map((v) => conflict('outside_hours', v.id));
  const [shiftStart, shiftEnd] = hours;
  const found: Conflict[] = [];
  const flagged = new Set<string>();
  for (const v of visits) {
    const missing = v.skills.filter((s) => !technician.skills.includes(s));
    if (missing.length > 0) found.push(conflict('missing_skill', v.id, { skills: missing }));
    const earliest = Math.max(v.windowStart, shiftStart);
    if (earliest > v.windowEnd + EPSILON || earliest + v.durationMin > shiftEnd + EPSILON) {
      found.push(conflict('outside_hours', v.id));
      flagged.add(v.id);
    }
  }
  for (let i = 0; i < visits.length; i++)
    for (let k = i + 1; k < visits.length; k++) {
      const a = visits[i]!;
      const b = visits[k]!;
      if (!cannotBothBeKept(a, b)) continue;
      found.push(conflict('overlap', a.id, { otherVisitId: b.id }), conflict('overlap', b.id, { otherVisitId: a.id }));
      flagged.add(a.id).add(b.id);
    }
  const route = technicianDay(technician, day);
  if (!route || holds(route, visits, travel)) return found;
  // The day does not hold: drive it in window order, each visit as early as its window allows.
  const ordered = dayOrder(visits.map((v) => ({ ...v, plannedArrival: null })));
  let here = technician.start;
  let free = shiftStart;
  for (const v of ordered) {
    const arrival = free + driveMinutes(travel, roadKm(travel, here, v.location));
    const start = Math.max(arrival, v.windowStart);
    if (start > v.windowEnd + EPSILON && !flagged.has(v.id)) found.push(conflict('window_unreachable', v.id, { at: clockTime(arrival) }));
    free = start + v.durationMin;
    here = v.location;
  }
  const back = free + driveMinutes(travel, roadKm(travel, here, technician.end));
  const last = ordered.at(-1)!;
  if (back > shiftEnd + EPSILON && !found.some((c) => c.visitId === last.id && (c.kind === 'outside_hours' || c.kind === 'window_unreachable'))) {
    found.push(conflict('outside_hours', last.id, { at: clockTime(back) }));
  }
  return found;
}

/** The verifier's judgement: the day holds in its planned order or in window order (lunch placed anywhere it may go). */
function holds(route: RouteTechnician, visits: readonly DayVisit[], travel: TravelModel): boolean {
  const long = visits.some((v) => v.durationMin >= LUNCH_INCLUDED_MIN);
  const technician: RouteTechnician = long ? { ...route, lunch: null } : route;
  const jobs = (order: readonly DayVisit[]): RouteJob[] =>
    order.map((v) => ({ id: v.id, location: v.location, durationMin: v.durationMin, windowStart: v.windowStart, windowEnd: v.windowEnd, skills: [], pinnedTo: null }));
  const problem: RoutingProblem = { travel, technicians: [technician], jobs: jobs(visits) };
  const planned = dayOrder(visits);
  const byWindow = dayOrder(visits.map((v) => ({ ...v, plannedArrival: null })));
  if (judgeDay(problem, technician, jobs(planned)).feasible || judgeDay(problem, technician, jobs(byWindow)).feasible) return true;
  // Visits with the same window are in no particular order: let the solver look for an order that
  // keeps them all (each pinned to him), and have the verifier confirm it.
  const pinned: RoutingProblem = { ...problem, jobs: problem.jobs.map((j) => ({ ...j, pinnedTo: technician.id })) };
  const { plan } = solveRoutes(pinned, { seed: 1, iterations: SEARCH_ROUNDS });
  if (plan.unassigned.length > 0) return false;
  return verifyRoutePlan(pinned, plan).violations.length === 0;
}
