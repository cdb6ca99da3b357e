/**
 * `accueil routes solve INSTANCE.json [--json] [--seed N]`: a day's routes from a file (format in
 * README « Tournées »), printed per technician — jobs in order with arrival times, lunch, km and
 * minutes of driving — then the jobs left out and why, and the totals.
 *
 * Every plan is checked by the independent verifier before it is printed: a plan that broke a
 * rule would be a bug, reported as such (exit 1), never printed as if it were good.
 */
import fs from 'node:fs';
import path from 'node:path';
import { clockTime } from '../services/interventions/routes/clock-time';
import type { PlannedRoute, RoutePlan, RoutingProblem } from '../services/interventions/routes/route-model';
import { parseRouteInstance, RouteInstanceError } from '../services/interventions/routes/route-instance';
import { solveRoutes, type SolveReport } from '../services/interventions/routes/route-solver';
import { verifyRoutePlan } from '../services/interventions/routes/route-verifier';

export interface RoutesSolveOptions {
  file: string;
  json: boolean;
  seed: number;
  print: (text: string) => void;
}

const REASONS: Record<string, string> = {
  no_skill: 'compétence',
  window_unreachable: 'fenêtre inaccessible',
  shift_too_short: 'journée trop courte',
  lunch_conflict: 'pause déjeuner',
  no_room: 'plus de place',
};

export function solveRoutesCommand({ file, json, seed, print }: RoutesSolveOptions): number {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`impossible de lire ${file} : ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier introuvable' : (error as Error).message}`);
  }
  let problem: RoutingProblem;
  try {
    problem = parseRouteInstance(text, path.basename(file));
  } catch (error) {
    if (!(error instanceof RouteInstanceError)) throw error;
    const n = error.problems.length;
    throw new Error(`${path.basename(file)} n’est pas une instance valide (${n} problème${n > 1 ? 's' : ''}) :\n${error.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const report = solveRoutes(problem, { seed });
  const check = verifyRoutePlan(problem, report.plan);
  if (!check.ok) throw new Error(`le plan calculé enfreint des règles (erreur du calcul, à signaler) :\n${check.violations.map((v) => `  ${v}`).join('\n')}`);
  print(json ? JSON.stringify(asJson(problem, report, seed), null, 2) : asText(problem, report).join('\n'));
  return 0;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function asJson(problem: RoutingProblem, report: SolveReport, seed: number) {
  const { plan } = report;
  return {
    travel: problem.travel,
    routes: plan.routes.map((r) => ({
      technicianId: r.technicianId,
      departure: r.departure === null ? null : clockTime(r.departure),
      returnAt: r.returnAt === null ? null : clockTime(r.returnAt),
      km: round(r.km, 2),
      travelMin: round(r.travelMin, 1),
      stops: r.stops.map((s) => ({ jobId: s.jobId, arrival: clockTime(s.arrival), start: clockTime(s.start), end: clockTime(s.end), kmFromPrevious: round(s.kmFromPrevious, 2) })),
      lunch: r.lunch ? { where: r.lunch.where, jobId: r.lunch.jobId, start: clockTime(r.lunch.start), end: clockTime(r.lunch.end) } : null,
    })),
    unassigned: plan.unassigned,
    totals: { served: plan.totals.served, unassigned: plan.totals.unassigned, km: round(plan.totals.km, 2), travelMin: round(plan.totals.travelMin, 1) },
    // The check every plan passes before it is printed (route-verifier.ts).
    verified: true,
    solver: { seed, iterations: report.iterations, stoppedBy: report.stoppedBy, elapsedMs: Math.round(report.elapsedMs) },
  };
}

const kmText = (km: number) => `${km.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} km`;
const durationText = (minutes: number) => {
  const m = Math.round(minutes);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
};

function routeLines(problem: RoutingProblem, route: PlannedRoute): string[] {
  const tech = problem.technicians.find((t) => t.id === route.technicianId)!;
  const head = `${route.technicianId} (${tech.skills.join(', ') || 'aucune compétence'})`;
  if (route.stops.length === 0) return [`${head} — aucune visite`];
  const lines = [`${head} — départ ${clockTime(route.departure!)}, retour ${clockTime(route.returnAt!)} · ${kmText(route.km)}, ${durationText(route.travelMin)} de route`];
  const lunch = route.lunch;
  const lunchLine = (place: string) => `  ${clockTime(lunch!.start)}  pause déjeuner ${place}jusqu’à ${clockTime(lunch!.end)}`;
  if (lunch?.where === 'before_leaving') lines.push(lunchLine('avant de partir, '));
  for (const stop of route.stops) {
    const job = problem.jobs.find((j) => j.id === stop.jobId)!;
    const wait = stop.start - stop.arrival >= 0.5 ? `, sur place à ${clockTime(stop.arrival)}` : '';
    if (lunch?.where === 'before_job' && lunch.jobId === stop.jobId) lines.push(lunchLine(`sur place chez ${stop.jobId}, `));
    lines.push(`  ${clockTime(stop.start)}  ${stop.jobId}  ${job.durationMin} min, fenêtre ${clockTime(job.windowStart)}–${clockTime(job.windowEnd)}, ${kmText(stop.kmFromPrevious)}${wait}`);
    if (lunch?.where === 'after_job' && lunch.jobId === stop.jobId) lines.push(lunchLine(''));
  }
  return lines;
}

function asText(problem: RoutingProblem, report: SolveReport): string[] {
  const plan: RoutePlan = report.plan;
  const factor = problem.travel.roadFactor.toLocaleString('fr-FR');
  const lines = [`Tournées — ${problem.jobs.length} visites, ${problem.technicians.length} technicien(s) (route = ${factor} × vol d’oiseau, ${problem.travel.speedKmh} km/h)`, ''];
  for (const route of plan.routes) lines.push(...routeLines(problem, route), '');
  if (plan.unassigned.length > 0) {
    lines.push(`Non affectées (${plan.unassigned.length}) :`);
    for (const u of plan.unassigned) lines.push(`  ${u.jobId} — ${REASONS[u.reason]} : ${u.detail}`);
    lines.push('');
  }
  lines.push(`Total : ${plan.totals.served} visite(s) servie(s) sur ${problem.jobs.length} · ${kmText(plan.totals.km)} · ${durationText(plan.totals.travelMin)} de route`);
  lines.push(
    `Vérifié indépendamment : fenêtres, journées, pauses, compétences et épinglages respectés.${report.stoppedBy === 'time' ? ' (Recherche arrêtée par la limite de temps : le résultat peut varier d’une machine à l’autre.)' : ''}`,
  );
  return lines;
}
