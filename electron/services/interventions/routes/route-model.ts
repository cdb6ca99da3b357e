/**
 * A day to route, and a routed day, as the solver and its verifier see them. Times are minutes
 * since midnight (clock-time.ts), distances road km (travel-model.ts).
 *
 * The rules of a day, as modelled:
 * - A technician leaves his start point no earlier than his shift start and must be back at his
 *   end point by his shift end: the shift covers the drives from and to home.
 * - A job's window is an ARRIVAL window (the customer is told « entre 8 h et 12 h »): the work
 *   starts inside it — arriving early means waiting on site until it opens — and may end after it.
 * - A job needs every one of its skills in the technician; a pinned job goes to that technician
 *   or to no one.
 * - Lunch (default 30 min, taken entirely between 12:00 and 14:00) is taken where the technician
 *   is — before leaving, on arrival at a job before its work (typically while waiting for its
 *   window), or after a job before driving on — never during a job. It is due only when the shift covers
 *   the whole lunch window and the technician has at least one job; a day over before the lunch
 *   window opens needs none.
 * - Objective, in this order: serve as many jobs as possible, then the least total road km
 *   (equivalently, driving minutes: one speed for every drive).
 */
import type { GeoPoint, TravelModel } from './travel-model';

export interface LunchRule {
  durationMin: number;
  /** The break starts at or after this time… */
  earliestStart: number;
  /** …and is over by this one. */
  latestEnd: number;
}

export const DEFAULT_LUNCH_RULE: LunchRule = { durationMin: 30, earliestStart: 12 * 60, latestEnd: 14 * 60 };

export interface RouteTechnician {
  id: string;
  skills: readonly string[];
  start: GeoPoint;
  end: GeoPoint;
  shiftStart: number;
  shiftEnd: number;
  /** null: no lunch to place (a half-day, or the caller said so). */
  lunch: LunchRule | null;
}

export interface RouteJob {
  id: string;
  location: GeoPoint;
  durationMin: number;
  windowStart: number;
  windowEnd: number;
  skills: readonly string[];
  pinnedTo: string | null;
}

export interface RoutingProblem {
  travel: TravelModel;
  technicians: readonly RouteTechnician[];
  jobs: readonly RouteJob[];
}

export interface PlannedStop {
  jobId: string;
  /** On site (may be before the window opens: the technician then waits). */
  arrival: number;
  /** Work starts: inside the job's arrival window. */
  start: number;
  end: number;
  kmFromPrevious: number;
}

export interface PlannedLunch {
  /**
   * Before leaving the start point; on arrival at a job, before its work (he is early and waits
   * for the window: he eats then); or after a job, before driving on.
   */
  where: 'before_leaving' | 'before_job' | 'after_job';
  /** The job it is taken at (null before leaving). */
  jobId: string | null;
  start: number;
  end: number;
}

export interface PlannedRoute {
  technicianId: string;
  /** Leaves the start point (null: no job, stays off the road). */
  departure: number | null;
  /** Back at the end point. */
  returnAt: number | null;
  stops: PlannedStop[];
  lunch: PlannedLunch | null;
  /** Including the drives from the start point and back to the end point. */
  km: number;
  travelMin: number;
}

export type UnassignedReason =
  /** No technician (or not the pinned one) has every skill the job needs. */
  | 'no_skill'
  /** Even alone in a qualified technician's day, he cannot arrive before the window closes. */
  | 'window_unreachable'
  /** Even alone, the job and the drives do not fit in the shift. */
  | 'shift_too_short'
  /** Alone it fits, but not with the lunch break. */
  | 'lunch_conflict'
  /** It fits alone, but not beside the jobs served (serving it would drop at least as many). */
  | 'no_room';

export interface UnassignedJob {
  jobId: string;
  reason: UnassignedReason;
  /** The same, in French, for Claire and Gaëtan. */
  detail: string;
}

export interface RoutePlan {
  routes: PlannedRoute[];
  unassigned: UnassignedJob[];
  totals: { served: number; unassigned: number; km: number; travelMin: number };
}

/** The technician may do the job: every skill, and the pin if any. */
export function technicianQualifies(technician: RouteTechnician, job: RouteJob): boolean {
  if (job.pinnedTo !== null && job.pinnedTo !== technician.id) return false;
  return job.skills.every((skill) => technician.skills.includes(skill));
}

/** Lunch is due in this shift (see the rules above). */
export function lunchDue(technician: RouteTechnician): LunchRule | null {
  const lunch = technician.lunch;
  if (!lunch) return null;
  return technician.shiftStart <= lunch.earliestStart && technician.shiftEnd >= lunch.latestEnd ? lunch : null;
}
