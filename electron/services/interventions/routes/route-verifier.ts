/**
 * An independent check of a routed day. It shares nothing with the solver but the problem's types:
 * its own great-circle distance, its own timetable arithmetic (a lunch position is tried by
 * simulation, not by the solver's two-state pass), and it trusts no figure of the plan — every
 * arrival, start, end, lunch, return, km and total is recomputed and compared.
 *
 * It reports, in French, every broken rule: a job missing or served twice, a skill or a pin not
 * respected, a window, a shift or a lunch rule broken, a figure that does not add up, a reason for
 * leaving a job out that is not true; and, apart, every job left out that would fit as the day stands.
 */
import type { PlannedRoute, RoutePlan, RouteJob, RoutingProblem, RouteTechnician } from './route-model';
import type { GeoPoint } from './travel-model';

export interface Verification {
  /** No rule broken, every figure right, every reason true, no job left out that fits. */
  ok: boolean;
  /** Rules broken, figures that do not add up, reasons that are not true. */
  violations: string[];
  /**
   * Jobs left out that fit in a day as it stands (the plan could serve more without moving
   * anything): not a broken rule, a plan that is not as full as it says.
   */
  fitsButLeftOut: string[];
  /** Recomputed, whatever the plan says. */
  totals: { served: number; km: number; travelMin: number };
}

/** Float minutes and km computed by two different formulas agree to far better than this. */
const TOLERANCE = 1e-6;

function kmBetween(problem: RoutingProblem, a: GeoPoint, b: GeoPoint): number {
  // Haversine again, written out here so that a slip in travel-model.ts cannot hide.
  const toRad = (d: number) => (d * Math.PI) / 180;
  const s1 = Math.sin(toRad(b.lat - a.lat) / 2);
  const s2 = Math.sin(toRad(b.lon - a.lon) / 2);
  const h = s1 * s1 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * s2 * s2;
  return problem.travel.roadFactor * 2 * 6371.0088 * Math.atan2(Math.sqrt(h), Math.sqrt(Math.max(0, 1 - h)));
}

function minutesFor(problem: RoutingProblem, km: number): number {
  return (km * 60) / problem.travel.speedKmh;
}

function hhmm(minutes: number): string {
  const m = Math.round(minutes);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

interface SimulatedDay {
  arrivals: number[];
  starts: number[];
  ends: number[];
  lunch: { start: number; end: number } | null;
  returnAt: number;
  km: number;
  problems: string[];
}

/** Where lunch is taken: before leaving, on arrival at job `index` before its work, or after it. */
type LunchSpot = { where: 'before_leaving' } | { where: 'before_job' | 'after_job'; index: number };

/**
 * The day as driven: leave at `departure`, lunch at `spot` (null: none), work as early as each
 * window allows. Lists every rule it breaks.
 */
function simulate(problem: RoutingProblem, tech: RouteTechnician, jobs: readonly RouteJob[], spot: LunchSpot | null, departure: number): SimulatedDay {
  const problems: string[] = [];
  const arrivals: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lunch: { start: number; end: number } | null = null;
  let here = tech.start;
  let free = departure;
  let km = 0;
  if (departure < tech.shiftStart - TOLERANCE) problems.push(`${tech.id} part à ${hhmm(departure)}, avant le début de sa journée (${hhmm(tech.shiftStart)})`);
  const eat = () => {
    const rule = tech.lunch!;
    const start = Math.max(free, rule.earliestStart);
    lunch = { start, end: start + rule.durationMin };
    if (lunch.end > rule.latestEnd + TOLERANCE) problems.push(`${tech.id} : pause déjeuner finie à ${hhmm(lunch.end)}, après ${hhmm(rule.latestEnd)}`);
    free = lunch.end;
  };
  if (spot !== null && tech.lunch === null) problems.push(`${tech.id} n’a pas de pause déjeuner prévue, le plan en place une`);
  const lunchAt = (where: LunchSpot['where'], i: number) => spot !== null && spot.where === where && (where === 'before_leaving' || (spot as { index: number }).index === i);
  if (lunchAt('before_leaving', -1) && tech.lunch) eat();
  jobs.forEach((job, i) => {
    const leg = kmBetween(problem, here, job.location);
    km += leg;
    const arrival = free + minutesFor(problem, leg);
    free = arrival;
    if (lunchAt('before_job', i) && tech.lunch) eat();
    const start = Math.max(free, job.windowStart);
    if (start > job.windowEnd + TOLERANCE) problems.push(`${job.id} : arrivée à ${hhmm(start)}, après la fin de sa fenêtre ${hhmm(job.windowStart)}–${hhmm(job.windowEnd)}`);
    arrivals.push(arrival);
    starts.push(start);
    ends.push(start + job.durationMin);
    free = start + job.durationMin;
    here = job.location;
    if (lunchAt('after_job', i) && tech.lunch) eat();
  });
  const leg = jobs.length > 0 ? kmBetween(problem, here, tech.end) : 0;
  km += leg;
  const returnAt = free + minutesFor(problem, leg);
  if (jobs.length > 0 && returnAt > tech.shiftEnd + TOLERANCE) problems.push(`${tech.id} rentre à ${hhmm(returnAt)}, après la fin de sa journée (${hhmm(tech.shiftEnd)})`);
  const rule = tech.lunch;
  const lunchDue = rule !== null && jobs.length > 0 && tech.shiftStart <= rule.earliestStart && tech.shiftEnd >= rule.latestEnd;
  if (lunchDue && lunch === null && returnAt > rule.earliestStart + TOLERANCE)
    problems.push(`${tech.id} n’a pas de pause déjeuner (${rule.durationMin} min entre ${hhmm(rule.earliestStart)} et ${hhmm(rule.latestEnd)})`);
  return { arrivals, starts, ends, lunch, returnAt, km, problems };
}

/**
 * The verifier's own judgement of one day in a given order: feasible with some lunch position
 * (leaving at the shift start), and its road km. For an independent brute force in the tests.
 */
export function judgeDay(problem: RoutingProblem, tech: RouteTechnician, jobs: readonly RouteJob[]): { feasible: boolean; km: number } {
  return { feasible: feasibleSomehow(problem, tech, jobs), km: simulate(problem, tech, jobs, null, tech.shiftStart).km };
}

/** Some departure at shift start and some lunch position make this order feasible. */
function feasibleSomehow(problem: RoutingProblem, tech: RouteTechnician, jobs: readonly RouteJob[]): boolean {
  if (!jobs.every((j) => qualifies(tech, j))) return false;
  const spots: Array<LunchSpot | null> = [null];
  if (tech.lunch) {
    spots.push({ where: 'before_leaving' });
    jobs.forEach((_, index) => spots.push({ where: 'before_job', index }, { where: 'after_job', index }));
  }
  return spots.some((spot) => simulate(problem, tech, jobs, spot, tech.shiftStart).problems.length === 0);
}

function qualifies(tech: RouteTechnician, job: RouteJob): boolean {
  return (job.pinnedTo === null || job.pinnedTo === tech.id) && job.skills.every((s) => tech.skills.includes(s));
}

export function verifyRoutePlan(problem: RoutingProblem, plan: RoutePlan): Verification {
  const violations: string[] = [];
  const fitsButLeftOut: string[] = [];
  const jobsById = new Map(problem.jobs.map((j) => [j.id, j]));
  const techsById = new Map(problem.technicians.map((t) => [t.id, t]));
  const seen = new Map<string, number>();
  const count = (id: string) => seen.set(id, (seen.get(id) ?? 0) + 1);
  const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));
  let totalKm = 0;
  let served = 0;
  const routed = new Map<string, RouteJob[]>();

  const techsSeen = new Set<string>();
  for (const route of plan.routes) {
    const tech = techsById.get(route.technicianId);
    if (!tech) {
      violations.push(`tournée d’un technicien inconnu : ${route.technicianId}`);
      continue;
    }
    if (techsSeen.has(tech.id)) violations.push(`${tech.id} a deux tournées`);
    techsSeen.add(tech.id);
    const jobs: RouteJob[] = [];
    for (const stop of route.stops) {
      count(stop.jobId);
      const job = jobsById.get(stop.jobId);
      if (!job) violations.push(`${tech.id} : visite inconnue ${stop.jobId}`);
      else jobs.push(job);
    }
    routed.set(tech.id, jobs);
    served += jobs.length;
    for (const job of jobs) {
      if (job.pinnedTo !== null && job.pinnedTo !== tech.id) violations.push(`${job.id} est épinglée à ${job.pinnedTo}, pas à ${tech.id}`);
      const missing = job.skills.filter((s) => !tech.skills.includes(s));
      if (missing.length > 0) violations.push(`${job.id} demande ${missing.join(', ')}, que ${tech.id} n’a pas`);
    }
    totalKm += checkTimetable(problem, tech, jobs, route, violations, close);
  }

  for (const u of plan.unassigned) count(u.jobId);
  for (const job of problem.jobs) {
    const n = seen.get(job.id) ?? 0;
    if (n === 0) violations.push(`${job.id} n’est ni servie ni déclarée non affectée`);
    if (n > 1) violations.push(`${job.id} apparaît ${n} fois`);
  }
  for (const id of seen.keys()) if (!jobsById.has(id)) violations.push(`visite inconnue dans le plan : ${id}`);

  for (const u of plan.unassigned) {
    const job = jobsById.get(u.jobId);
    if (!job) continue;
    const able = problem.technicians.filter((t) => qualifies(t, job));
    if (u.reason === 'no_skill') {
      if (able.length > 0) violations.push(`${job.id} : « pas de compétence » faux, ${able.map((t) => t.id).join(', ')} peut la faire`);
      continue;
    }
    const alone = able.filter((t) => feasibleSomehow(problem, t, [job]));
    if (u.reason !== 'no_room' && alone.length > 0) violations.push(`${job.id} : « ${u.reason} » faux, ${alone[0]!.id} peut la faire seule`);
    if (u.reason === 'no_room' && alone.length === 0) violations.push(`${job.id} : « plus de place » faux, personne ne peut la faire même seule`);
    // Left out while it fits somewhere as the day stands: the plan serves fewer than it could.
    const fit = alone.flatMap((tech) => {
      const day = routed.get(tech.id) ?? [];
      for (let pos = 0; pos <= day.length; pos++) if (feasibleSomehow(problem, tech, [...day.slice(0, pos), job, ...day.slice(pos)])) return [`${tech.id} (position ${pos + 1})`];
      return [];
    });
    if (fit.length > 0) fitsButLeftOut.push(`${job.id} est laissée de côté alors qu’elle tient chez ${fit.join(', ')}`);
  }

  const travelMin = minutesFor(problem, totalKm);
  if (plan.totals.served !== served) violations.push(`total des visites servies faux : ${plan.totals.served} annoncées, ${served} dans les tournées`);
  if (plan.totals.unassigned !== plan.unassigned.length) violations.push(`total des non affectées faux : ${plan.totals.unassigned} annoncées, ${plan.unassigned.length} listées`);
  if (!close(plan.totals.km, totalKm)) violations.push(`total des km faux : ${plan.totals.km} annoncés, ${totalKm} recalculés`);
  if (!close(plan.totals.travelMin, travelMin)) violations.push(`total des minutes de route faux : ${plan.totals.travelMin} annoncées, ${travelMin} recalculées`);
  return { ok: violations.length === 0 && fitsButLeftOut.length === 0, violations, fitsButLeftOut, totals: { served, km: totalKm, travelMin } };
}

/** Recomputes one day from its order, departure and lunch position; returns its km. */
function checkTimetable(
  problem: RoutingProblem,
  tech: RouteTechnician,
  jobs: readonly RouteJob[],
  route: PlannedRoute,
  violations: string[],
  close: (a: number | null, b: number) => boolean,
): number {
  if (jobs.length !== route.stops.length) return 0;
  if (jobs.length === 0) {
    if (route.km !== 0) violations.push(`${tech.id} n’a pas de visite mais ${route.km} km`);
    return 0;
  }
  let spot: LunchSpot | null = null;
  if (route.lunch) {
    const { where, jobId } = route.lunch;
    const index = jobs.findIndex((j) => j.id === jobId);
    if (where === 'before_leaving') spot = { where };
    else if (index === -1) violations.push(`${tech.id} : pause déjeuner à une visite absente de la tournée (${jobId})`);
    else spot = { where, index };
  }
  const day = simulate(problem, tech, jobs, spot, route.departure ?? tech.shiftStart);
  violations.push(...day.problems);
  route.stops.forEach((stop, i) => {
    if (!close(stop.arrival, day.arrivals[i]!)) violations.push(`${tech.id} · ${stop.jobId} : arrivée annoncée ${hhmm(stop.arrival)}, recalculée ${hhmm(day.arrivals[i]!)}`);
    if (!close(stop.start, day.starts[i]!)) violations.push(`${tech.id} · ${stop.jobId} : début annoncé ${hhmm(stop.start)}, recalculé ${hhmm(day.starts[i]!)}`);
    if (!close(stop.end, day.ends[i]!)) violations.push(`${tech.id} · ${stop.jobId} : fin annoncée ${hhmm(stop.end)}, recalculée ${hhmm(day.ends[i]!)}`);
  });
  if (route.lunch && day.lunch && (!close(route.lunch.start, day.lunch.start) || !close(route.lunch.end, day.lunch.end)))
    violations.push(`${tech.id} : pause annoncée ${hhmm(route.lunch.start)}–${hhmm(route.lunch.end)}, recalculée ${hhmm(day.lunch.start)}–${hhmm(day.lunch.end)}`);
  if (!close(route.returnAt, day.returnAt)) violations.push(`${tech.id} : retour annoncé ${route.returnAt === null ? '—' : hhmm(route.returnAt)}, recalculé ${hhmm(day.returnAt)}`);
  if (!close(route.km, day.km)) violations.push(`${tech.id} : ${route.km} km annoncés, ${day.km} recalculés`);
  if (!close(route.travelMin, minutesFor(problem, day.km))) violations.push(`${tech.id} : minutes de route annoncées ${route.travelMin}, recalculées ${minutesFor(problem, day.km)}`);
  return day.km;
}
