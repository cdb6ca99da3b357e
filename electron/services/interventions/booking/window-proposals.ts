/**
 * Arrival windows to offer a caller, while on the phone: pure code over the routes' model (no
 * clock, no database). For each coming working day, each window of the chosen style and each
 * technician who has every skill the job needs and works that day, the job is tried at every
 * position of the technician's day as booked (its visits in the order of their windows):
 *
 *   day of T as booked:  [home] → V1 (08:00–12:00) → V2 (13:30–15:30) → [home]
 *   new job, 10:00–12:00:        ↑ try here  ↑ or here  ↑ or here
 *
 * A position is feasible when the whole day still holds with the routes' rules (route-schedule.ts):
 * every booked visit still starts inside ITS window, the new one inside the offered window, the
 * shift (drives from and to home included) and the lunch break respected, drives by the travel model.
 * Nothing booked is ever moved to make room: a window is offered only if the job fits around what
 * the customers were already told. A day that does not hold as booked (a visit already impossible)
 * offers nothing for that technician: no proof, no promise.
 *
 * The cheapest feasible position gives the extra road km. Windows are ranked:
 * - normal job: by extra km plus DAY_COST_KM per working day of delay (a visit 8 km out of the way
 *   tomorrow beats one on the way in three days), then earliest;
 * - urgent job: earliest first (today's remaining windows count), then extra km.
 * One offer per day and window (its best technician); the first `count` are returned.
 *
 * A job of LUNCH_INCLUDED_MIN (6 h) or more — an installation — includes the technician's lunch in its
 * length: that day has no separate break (the routes' rule « never during a job » would forbid it).
 */
import type { LunchRule, RouteJob, RouteTechnician, RoutingProblem } from '../routes/route-model';
import { RoutingTable } from '../routes/route-schedule';
import { driveMinutes, type GeoPoint, type TravelModel } from '../routes/travel-model';
import { addDays, weekdayOf } from '../../shared/paris-time';

export type WindowStyle = 'half_day' | 'two_hours';
export type Urgency = 'normale' | 'urgente';

/** Arrival windows of each style, minutes since midnight. */
export const WINDOWS: Record<WindowStyle, ReadonlyArray<readonly [number, number]>> = {
  half_day: [
    [8 * 60, 12 * 60],
    [13 * 60 + 30, 17 * 60 + 30],
  ],
  two_hours: [
    [8 * 60, 10 * 60],
    [10 * 60, 12 * 60],
    [13 * 60 + 30, 15 * 60 + 30],
    [15 * 60 + 30, 17 * 60 + 30],
  ],
};

/** What a working day of delay is worth, in extra road km, when ranking a normal job's windows. */
export const DAY_COST_KM = 8;
/** A job this long (an installation: a day) includes the lunch break in its length: no other break that day. */
export const LUNCH_INCLUDED_MIN = 360;
/** Today's windows are offered (urgent jobs only) when they open at least this long from now. */
export const SAME_DAY_LEAD_MIN = 60;

export interface BookingTechnician {
  id: string;
  skills: readonly string[];
  start: GeoPoint;
  end: GeoPoint;
  /** Working hours per weekday (0 = Monday … 6 = Sunday), minutes; absent: does not work that day. */
  hours: Partial<Record<number, readonly [number, number]>>;
  /** Days off, inclusive (YYYY-MM-DD). */
  absences: ReadonlyArray<{ from: string; to: string }>;
  lunch: LunchRule | null;
}

/** A visit already in a technician's day: its place, its length and the window its customer was told. */
export interface BookedVisit {
  id: string;
  technicianId: string;
  /** YYYY-MM-DD (Paris). */
  day: string;
  location: GeoPoint;
  durationMin: number;
  windowStart: number;
  windowEnd: number;
}

export interface ProposalRequest {
  location: GeoPoint;
  durationMin: number;
  skills: readonly string[];
  urgency: Urgency;
  style: WindowStyle;
  /** Now, in Paris: the date and the minutes since midnight. */
  today: string;
  nowMinutes: number;
  /** Working days looked at (default 10; an urgent job: 3). */
  horizonDays?: number;
  /** How many windows to return (default 5). */
  count?: number;
  travel: TravelModel;
  /** Public holidays (no booking). */
  isHoliday?: (day: string) => boolean;
  /** Visits not to count (the one being rescheduled). */
  ignoreVisitId?: string | null;
}

export interface WindowProposal {
  day: string;
  windowStart: number;
  windowEnd: number;
  technicianId: string;
  /** Extra road km of the day with the job inserted at its best place. */
  extraKm: number;
  extraDriveMin: number;
  /** Working days from the first day looked at (0 = that day). */
  dayIndex: number;
  /** Visits already in that technician's day. */
  visitsThatDay: number;
}

const NEW_JOB_ID = '__nouvelle_intervention__';

/** Days from today (urgent) or tomorrow on which someone could work, skipping holidays. */
export function workingDays(request: Pick<ProposalRequest, 'today' | 'urgency' | 'horizonDays' | 'isHoliday'>, technicians: readonly BookingTechnician[]): string[] {
  const horizon = request.horizonDays ?? (request.urgency === 'urgente' ? 3 : 10);
  const days: string[] = [];
  let day = request.urgency === 'urgente' ? request.today : addDays(request.today, 1);
  for (let guard = 0; days.length < horizon && guard < horizon * 3 + 14; guard++, day = addDays(day, 1)) {
    if (request.isHoliday?.(day)) continue;
    const weekday = weekdayOf(day);
    if (technicians.some((t) => t.hours[weekday] !== undefined)) days.push(day);
  }
  return days;
}

/** The technician's route model for one day (null: he does not work, or is away). */
export function technicianDay(technician: BookingTechnician, day: string): RouteTechnician | null {
  const hours = technician.hours[weekdayOf(day)];
  if (!hours) return null;
  if (technician.absences.some((a) => a.from <= day && day <= a.to)) return null;
  return { id: technician.id, skills: technician.skills, start: technician.start, end: technician.end, shiftStart: hours[0], shiftEnd: hours[1], lunch: technician.lunch };
}

export interface Insertion {
  /** Index in the day (0 = before the first booked visit). */
  position: number;
  extraKm: number;
  /** The day's visits in order, the new job included: what a verifier can replay. */
  order: RouteJob[];
}

/**
 * The cheapest place for `job` in a technician's booked day, or null when no place keeps every
 * visit (and the job) inside its window, within the shift and with lunch. `visits` are taken in
 * the order of their windows (start, then end, then id).
 */
export function bestInsertion(technician: RouteTechnician, visits: readonly RouteJob[], job: RouteJob, travel: TravelModel): Insertion | null {
  if (!job.skills.every((s) => technician.skills.includes(s))) return null;
  // A day with a job of LUNCH_INCLUDED_MIN or more: the break is taken on site, inside that job's length.
  if (technician.lunch && (job.durationMin >= LUNCH_INCLUDED_MIN || visits.some((v) => v.durationMin >= LUNCH_INCLUDED_MIN))) technician = { ...technician, lunch: null };
  const booked = [...visits].sort((a, b) => a.windowStart - b.windowStart || a.windowEnd - b.windowEnd || a.id.localeCompare(b.id));
  // Booked visits are the technician's whatever their skills: pin them to him so the table lets him do them.
  const pinnedBooked = booked.map((v) => ({ ...v, skills: [], pinnedTo: technician.id }));
  const problem: RoutingProblem = { travel, technicians: [technician], jobs: [...pinnedBooked, { ...job, pinnedTo: technician.id }] };
  const table = new RoutingTable(problem);
  const n = booked.length;
  const base = table.evaluate(0, Array.from({ length: n }, (_, i) => i));
  if (base === Infinity) return null;
  let best: Insertion | null = null;
  const seq = new Array<number>(n + 1);
  for (let position = 0; position <= n; position++) {
    for (let i = 0, k = 0; i <= n; i++) seq[i] = i === position ? n : k++;
    const km = table.evaluate(0, seq);
    if (km === Infinity) continue;
    const extra = km - base;
    if (!best || extra < best.extraKm - 1e-9) best = { position, extraKm: extra, order: seq.map((j) => problem.jobs[j]!) };
  }
  return best;
}

/** The best windows to offer, ranked (see the header). */
export function proposeWindows(request: ProposalRequest, technicians: readonly BookingTechnician[], booked: readonly BookedVisit[]): WindowProposal[] {
  const skills = request.skills;
  const qualified = technicians.filter((t) => skills.every((s) => t.skills.includes(s)));
  if (qualified.length === 0) return [];
  const days = workingDays(request, qualified);
  const visitsOf = new Map<string, RouteJob[]>();
  for (const visit of booked) {
    if (visit.id === request.ignoreVisitId) continue;
    const key = `${visit.technicianId}|${visit.day}`;
    const list = visitsOf.get(key) ?? [];
    list.push({ id: visit.id, location: visit.location, durationMin: visit.durationMin, windowStart: visit.windowStart, windowEnd: visit.windowEnd, skills: [], pinnedTo: visit.technicianId });
    visitsOf.set(key, list);
  }
  const best = new Map<string, WindowProposal>();
  days.forEach((day, dayIndex) => {
    for (const [windowStart, windowEnd] of WINDOWS[request.style]) {
      if (day === request.today && windowStart < request.nowMinutes + SAME_DAY_LEAD_MIN) continue;
      const job: RouteJob = { id: NEW_JOB_ID, location: request.location, durationMin: request.durationMin, windowStart, windowEnd, skills, pinnedTo: null };
      for (const technician of qualified) {
        const routeDay = technicianDay(technician, day);
        if (!routeDay) continue;
        const visits = visitsOf.get(`${technician.id}|${day}`) ?? [];
        const insertion = bestInsertion(routeDay, visits, job, request.travel);
        if (!insertion) continue;
        const key = `${day}|${windowStart}`;
        const current = best.get(key);
        const offer: WindowProposal = {
          day,
          windowStart,
          windowEnd,
          technicianId: technician.id,
          extraKm: insertion.extraKm,
          extraDriveMin: driveMinutes(request.travel, insertion.extraKm),
          dayIndex,
          visitsThatDay: visits.length,
        };
        if (!current || offer.extraKm < current.extraKm - 1e-9 || (Math.abs(offer.extraKm - current.extraKm) <= 1e-9 && offer.visitsThatDay < current.visitsThatDay)) best.set(key, offer);
      }
    }
  });
  const offers = [...best.values()];
  const earliest = (a: WindowProposal, b: WindowProposal) => a.day.localeCompare(b.day) || a.windowStart - b.windowStart;
  offers.sort(
    request.urgency === 'urgente'
      ? (a, b) => earliest(a, b) || a.extraKm - b.extraKm
      : (a, b) => a.extraKm + DAY_COST_KM * a.dayIndex - (b.extraKm + DAY_COST_KM * b.dayIndex) || earliest(a, b),
  );
  return offers.slice(0, request.count ?? 5);
}
