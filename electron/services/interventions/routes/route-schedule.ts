/**
 * The arithmetic of one technician's day, shared by the heuristic and the exact solver (the
 * verifier has its own, on purpose): a travel table computed once per problem, a feasibility-and-km
 * evaluation of an ordered list of jobs in O(length), and the detailed timetable of a chosen order.
 *
 * Evaluation keeps, at each job, the earliest time the technician can be free there in two states:
 * lunch not yet taken (A) and lunch taken (B). Waiting is allowed everywhere, so being free earlier
 * is never worse: the earliest time per state is exact, and the best place for lunch falls out of
 * the pass (B at a job = the earliest of carrying B, lunch on arrival before the work from A, or
 * lunch after the work from A). Lunch on arrival matters: a technician early for an afternoon
 * window eats while he waits, instead of eating first and arriving late.
 */
import type { LunchRule, PlannedLunch, PlannedRoute, RoutingProblem, RouteTechnician } from './route-model';
import { lunchDue, technicianQualifies } from './route-model';
import { driveMinutes, roadKm } from './travel-model';

/** Comparisons of float minutes: a millionth of a minute is no lateness. */
export const EPSILON = 1e-6;

/**
 * Points 0…J-1 are the jobs; technician t starts at J + 2t and ends at J + 2t + 1.
 * Distances and drive minutes are in flat arrays (row × size + column).
 */
export class RoutingTable {
  readonly jobCount: number;
  readonly technicianCount: number;
  readonly size: number;
  readonly km: Float64Array;
  readonly minutes: Float64Array;
  readonly windowStart: Float64Array;
  readonly windowEnd: Float64Array;
  readonly duration: Float64Array;
  /** qualifies[t × J + j]: skills and pin allow technician t to do job j. */
  readonly qualifies: Uint8Array;

  constructor(readonly problem: RoutingProblem) {
    const { jobs, technicians, travel } = problem;
    this.jobCount = jobs.length;
    this.technicianCount = technicians.length;
    this.size = jobs.length + 2 * technicians.length;
    const points = [...jobs.map((j) => j.location), ...technicians.flatMap((t) => [t.start, t.end])];
    this.km = new Float64Array(this.size * this.size);
    this.minutes = new Float64Array(this.size * this.size);
    for (let i = 0; i < this.size; i++)
      for (let k = 0; k < this.size; k++) {
        const km = roadKm(travel, points[i]!, points[k]!);
        this.km[i * this.size + k] = km;
        this.minutes[i * this.size + k] = driveMinutes(travel, km);
      }
    this.windowStart = Float64Array.from(jobs, (j) => j.windowStart);
    this.windowEnd = Float64Array.from(jobs, (j) => j.windowEnd);
    this.duration = Float64Array.from(jobs, (j) => j.durationMin);
    this.qualifies = new Uint8Array(technicians.length * jobs.length);
    technicians.forEach((t, ti) => jobs.forEach((j, ji) => (this.qualifies[ti * jobs.length + ji] = technicianQualifies(t, j) ? 1 : 0)));
  }

  startOf(t: number): number {
    return this.jobCount + 2 * t;
  }

  endOf(t: number): number {
    return this.jobCount + 2 * t + 1;
  }

  canDo(t: number, job: number): boolean {
    return this.qualifies[t * this.jobCount + job] === 1;
  }

  /** Road km of technician t's day in this order, or Infinity if the day breaks a rule. */
  evaluate(t: number, seq: ArrayLike<number>, length: number = seq.length): number {
    if (length === 0) return 0;
    const technician = this.problem.technicians[t]!;
    const lunch = lunchDue(technician);
    const n = this.size;
    let prev = this.startOf(t);
    let a = technician.shiftStart;
    let b = lunch ? lunchOver(lunch, a) : Infinity;
    let km = 0;
    for (let i = 0; i < length; i++) {
      const j = seq[i]!;
      const leg = prev * n + j;
      km += this.km[leg]!;
      const drive = this.minutes[leg]!;
      const arrivedA = a + drive;
      a = this.serve(j, arrivedA);
      b = this.serve(j, b + drive);
      if (lunch && arrivedA !== Infinity) {
        // Lunch on arrival, before the work…
        const beforeWork = this.serve(j, lunchOver(lunch, arrivedA));
        if (beforeWork < b) b = beforeWork;
        // …or after it, before driving on.
        if (a !== Infinity) {
          const afterWork = lunchOver(lunch, a);
          if (afterWork < b) b = afterWork;
        }
      }
      if (a === Infinity && b === Infinity) return Infinity;
      prev = j;
    }
    const home = prev * n + this.endOf(t);
    km += this.km[home]!;
    const back = this.minutes[home]!;
    const closing = technician.shiftEnd + EPSILON;
    if (!lunch) return a + back <= closing ? km : Infinity;
    if (b + back <= closing) return km;
    // A day over before the lunch window opens needs no lunch.
    return a + back <= Math.min(closing, lunch.earliestStart + EPSILON) ? km : Infinity;
  }

  /** When the work of job j ends if the technician is there and free at `free` (Infinity: too late for its window). */
  private serve(j: number, free: number): number {
    const start = free < this.windowStart[j]! ? this.windowStart[j]! : free;
    return start <= this.windowEnd[j]! + EPSILON ? start + this.duration[j]! : Infinity;
  }

  /** The timetable of a feasible order (evaluate() first): arrivals, waits, lunch, departure. */
  plan(t: number, seq: readonly number[]): PlannedRoute {
    const technician = this.problem.technicians[t]!;
    const jobs = this.problem.jobs;
    if (seq.length === 0) return { technicianId: technician.id, departure: null, returnAt: null, stops: [], lunch: null, km: 0, travelMin: 0 };
    const place = this.lunchPlace(t, seq);
    const lunch = lunchDue(technician);
    const n = this.size;
    const legs = [this.startOf(t), ...seq, this.endOf(t)];
    const firstDrive = this.minutes[legs[0]! * n + seq[0]!]!;
    // Leave just in time for the first job (no wait on its doorstep), unless lunch comes first.
    let departure = technician.shiftStart;
    const lunchFirst = place !== null && (place.where === 'before_leaving' || (place.where === 'before_job' && place.index === 0));
    if (!lunchFirst) departure = Math.max(departure, this.windowStart[seq[0]!]! - firstDrive);
    let free = departure;
    let plannedLunch: PlannedLunch | null = null;
    const eat = (where: PlannedLunch['where'], jobId: string | null) => {
      const start = Math.max(free, lunch!.earliestStart);
      plannedLunch = { where, jobId, start, end: start + lunch!.durationMin };
      free = plannedLunch.end;
    };
    if (place?.where === 'before_leaving') eat('before_leaving', null);
    const stops = seq.map((j, i) => {
      const leg = legs[i]! * n + j;
      const arrival = free + this.minutes[leg]!;
      free = arrival;
      if (place?.where === 'before_job' && place.index === i) eat('before_job', jobs[j]!.id);
      const start = Math.max(free, this.windowStart[j]!);
      const end = start + this.duration[j]!;
      free = end;
      if (place?.where === 'after_job' && place.index === i) eat('after_job', jobs[j]!.id);
      return { jobId: jobs[j]!.id, arrival, start, end, kmFromPrevious: this.km[leg]! };
    });
    const homeLeg = seq[seq.length - 1]! * n + this.endOf(t);
    const km = this.evaluate(t, seq);
    return {
      technicianId: technician.id,
      departure,
      returnAt: free + this.minutes[homeLeg]!,
      stops,
      lunch: plannedLunch,
      km,
      travelMin: driveMinutes(this.problem.travel, km),
    };
  }

  /**
   * Where lunch goes in the earliest feasible timetable (null when none is due): the same two-state
   * pass as evaluate(), remembering where state B (lunch taken) came from.
   */
  private lunchPlace(t: number, seq: readonly number[]): { where: PlannedLunch['where']; index: number } | null {
    const technician = this.problem.technicians[t]!;
    const lunch = lunchDue(technician);
    if (!lunch) return null;
    const n = this.size;
    let prev = this.startOf(t);
    let a = technician.shiftStart;
    let b = lunchOver(lunch, a);
    let from: { where: PlannedLunch['where']; index: number } = { where: 'before_leaving', index: -1 };
    seq.forEach((j, i) => {
      const drive = this.minutes[prev * n + j]!;
      const arrivedA = a + drive;
      a = this.serve(j, arrivedA);
      b = this.serve(j, b + drive);
      if (arrivedA !== Infinity) {
        const beforeWork = this.serve(j, lunchOver(lunch, arrivedA));
        if (beforeWork < b) {
          b = beforeWork;
          from = { where: 'before_job', index: i };
        }
        if (a !== Infinity) {
          const afterWork = lunchOver(lunch, a);
          if (afterWork < b) {
            b = afterWork;
            from = { where: 'after_job', index: i };
          }
        }
      }
      prev = j;
    });
    const back = this.minutes[prev * n + this.endOf(t)]!;
    // A day over before the lunch window opens takes none (evaluate() accepts it the same way).
    if (a + back <= Math.min(technician.shiftEnd, lunch.earliestStart) + EPSILON) return null;
    return b + back <= technician.shiftEnd + EPSILON ? from : null;
  }
}

/** When lunch is over if the technician is free at `free`, or Infinity if it no longer fits. */
function lunchOver(lunch: LunchRule, free: number): number {
  const start = free < lunch.earliestStart ? lunch.earliestStart : free;
  return start + lunch.durationMin <= lunch.latestEnd + EPSILON ? start + lunch.durationMin : Infinity;
}

/** Why a technician cannot do this job even alone (null: he can). */
export function aloneProblem(table: RoutingTable, t: number, job: number): 'window' | 'shift' | 'lunch' | null {
  if (table.evaluate(t, [job]) !== Infinity) return null;
  const technician: RouteTechnician = table.problem.technicians[t]!;
  const n = table.size;
  const arrival = technician.shiftStart + table.minutes[table.startOf(t) * n + job]!;
  if (arrival > table.windowEnd[job]! + EPSILON) return 'window';
  const back = Math.max(arrival, table.windowStart[job]!) + table.duration[job]! + table.minutes[job * n + table.endOf(t)]!;
  if (back > technician.shiftEnd + EPSILON) return 'shift';
  return 'lunch';
}

