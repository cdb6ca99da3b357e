/**
 * Day routing (printed, never asserted): seeded days around Rennes (test/support/route-instances.ts:
 * 4 technicians, 20–30 jobs, half-day and 2-hour windows, pins, lunch), solved by the solver and by
 * greedy nearest neighbour (test/support/nearest-neighbour-routes.ts), every plan checked by the
 * independent verifier.
 *
 * - Versus greedy: the solver usually serves more jobs than greedy, so km alone would compare
 *   different work. The travel ratio is measured on the same work: the solver is given exactly the
 *   jobs greedy served (it must serve them all) and its km are compared with greedy's.
 * - Versus the optimum: small days (1 technician × 7–8 jobs, 2 × 9–10) solved exactly by exhaustive
 *   enumeration (exact-route-solver.ts: every feasible order of every subset, then the best split
 *   between technicians) — the count of orders examined is the size of the proof.
 * - Time per day: the whole solve (table, construction, search, timetables), default settings.
 *
 *   ACCUEIL_BENCH_ROUTES_DAYS=20   realistic days (and as many 30-job days for the time)
 */
import os from 'node:os';
import { solveRoutesExactly } from '../electron/services/interventions/routes/exact-route-solver';
import type { RoutingProblem } from '../electron/services/interventions/routes/route-model';
import { problemFromInstance } from '../electron/services/interventions/routes/route-instance';
import { constructRoutes, solveRoutes } from '../electron/services/interventions/routes/route-solver';
import { verifyRoutePlan } from '../electron/services/interventions/routes/route-verifier';
import { nearestNeighbourRoutes } from '../test/support/nearest-neighbour-routes';
import { generateRennesDay } from '../test/support/route-instances';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;
const pct = (x: number) => `${(x * 100).toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

export async function benchRoutes(days = Number(process.env['ACCUEIL_BENCH_ROUTES_DAYS'] ?? 20)) {
  // Rules broken by any plan (greedy's included); jobs left out that fit, for the solver's and
  // the exact plans (greedy appends only: it leaves such jobs by construction, counted apart).
  let violations = 0;
  let leftOutThatFit = 0;
  let greedyLeftOutThatFit = 0;
  const verified = (problem: RoutingProblem, plan: Parameters<typeof verifyRoutePlan>[1], greedy = false) => {
    const check = verifyRoutePlan(problem, plan);
    violations += check.violations.filter((v) => !greedy || !v.includes('« plus de place » faux')).length;
    if (greedy) greedyLeftOutThatFit += check.fitsButLeftOut.length;
    else leftOutThatFit += check.fitsButLeftOut.length;
    return plan;
  };
  // The first solve of a process compiles the code (JIT): timed apart, as the CLI would see it.
  const coldStarted = performance.now();
  solveRoutes(problemFromInstance(generateRennesDay({ seed: 99_999, jobs: 30 })), { seed: 1 });
  const coldMs = performance.now() - coldStarted;

  // 1. Realistic days: served, km on the same jobs, time.
  const sameJobsRatios: number[] = [];
  const constructionRatios: number[] = [];
  let servedSolver = 0;
  let servedGreedy = 0;
  let jobs = 0;
  let missedSameJobs = 0;
  const times: number[] = [];
  for (let seed = 1; seed <= days; seed++) {
    const problem = problemFromInstance(generateRennesDay({ seed }));
    jobs += problem.jobs.length;
    const greedy = verified(problem, nearestNeighbourRoutes(problem), true);
    const solved = solveRoutes(problem, { seed: 1 });
    verified(problem, solved.plan);
    times.push(solved.elapsedMs);
    servedSolver += solved.plan.totals.served;
    servedGreedy += greedy.totals.served;
    const greedyJobs = new Set(greedy.routes.flatMap((r) => r.stops.map((s) => s.jobId)));
    const sameJobs: RoutingProblem = { ...problem, jobs: problem.jobs.filter((j) => greedyJobs.has(j.id)) };
    const same = verified(sameJobs, solveRoutes(sameJobs, { seed: 1 }).plan);
    if (same.totals.served < greedyJobs.size) missedSameJobs++;
    else sameJobsRatios.push(same.totals.km / greedy.totals.km);
    const built = verified(sameJobs, constructRoutes(sameJobs));
    if (built.totals.served === greedyJobs.size) constructionRatios.push(built.totals.km / greedy.totals.km);
  }
  const full: number[] = [];
  for (let seed = 1; seed <= days; seed++) {
    const problem = problemFromInstance(generateRennesDay({ seed: 10_000 + seed, jobs: 30 }));
    const solved = solveRoutes(problem, { seed: 1 });
    verified(problem, solved.plan);
    full.push(solved.elapsedMs);
  }
  times.sort((a, b) => a - b);
  full.sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const sameMean = mean(sameJobsRatios);
  const builtMean = mean(constructionRatios);

  // 2. Small days against the proven optimum.
  const optimumRatios: number[] = [];
  let fewerThanOptimum = 0;
  let orders = 0;
  let exactMs = 0;
  const small = 40;
  for (let seed = 1; seed <= small; seed++) {
    const technicians = 1 + (seed % 2);
    const problem = problemFromInstance(generateRennesDay({ seed: 20_000 + seed, technicians, jobs: technicians === 1 ? 7 + (seed % 4 === 1 ? 1 : 0) : 9 + (seed % 4 === 0 ? 1 : 0), allSkills: seed % 3 !== 0 }));
    const started = performance.now();
    const exact = solveRoutesExactly(problem);
    exactMs += performance.now() - started;
    orders += exact.ordersExplored;
    verified(problem, exact.plan);
    const solved = verified(problem, solveRoutes(problem, { seed: 1 }).plan);
    if (solved.totals.served < exact.plan.totals.served) fewerThanOptimum++;
    else optimumRatios.push(exact.plan.totals.km === 0 ? 1 : solved.totals.km / exact.plan.totals.km);
  }
  optimumRatios.sort((a, b) => a - b);

  const load = os.loadavg()[0]!.toFixed(1);
  const lines = [
    `routes    ${days} journées autour de Rennes (4 techniciens, ${jobs} visites) : ${servedSolver} visites servies contre ${servedGreedy} au plus proche voisin glouton ; ` +
      `à visites égales (celles du glouton) ${pct(1 - sameMean)} de km en moins en moyenne (de ${pct(1 - Math.max(...sameJobsRatios))} à ${pct(1 - Math.min(...sameJobsRatios))}), ` +
      `insertion seule ${pct(1 - builtMean)}${missedSameJobs ? ` ; ${missedSameJobs} journée(s) où le solveur ne reprend pas toutes les visites du glouton` : ''}`,
    `routes    optimum prouvé (énumération exhaustive, ${orders.toLocaleString('fr-FR')} ordres examinés en ${exactMs.toFixed(0)} ms) sur ${small} petites journées : ` +
      `même nombre de visites ${small - fewerThanOptimum}/${small}, km à +${pct(mean(optimumRatios) - 1)} en moyenne, +${pct(quantile(optimumRatios, 1) - 1)} au pire, ` +
      `${optimumRatios.filter((r) => r <= 1 + 1e-9).length}/${optimumRatios.length} à l’optimum`,
    `routes    temps par journée : p50 ${quantile(times, 0.5).toFixed(0)} ms, max ${quantile(times, 1).toFixed(0)} ms (20–30 visites) ; 30 visites : p50 ${quantile(full, 0.5).toFixed(0)} ms, max ${quantile(full, 1).toFixed(0)} ms ` +
      `; premier calcul du processus ${coldMs.toFixed(0)} ms (charge ${load} sur ${os.cpus().length} cœurs)`,
    `routes    vérificateur indépendant : ${violations} règle(s) enfreinte(s), ${leftOutThatFit} visite(s) laissée(s) de côté alors qu’elles tiennent (glouton : ${greedyLeftOutThatFit})`,
  ];
  return {
    lines,
    figures: {
      days,
      jobs,
      servedSolver,
      servedGreedy,
      sameJobsTravelSaving: Math.round((1 - sameMean) * 1000) / 1000,
      constructionOnlySaving: Math.round((1 - builtMean) * 1000) / 1000,
      smallDays: small,
      smallSameServed: small - fewerThanOptimum,
      optimumGapMean: Math.round((mean(optimumRatios) - 1) * 10000) / 10000,
      optimumGapMax: Math.round((quantile(optimumRatios, 1) - 1) * 10000) / 10000,
      exactOrdersExplored: orders,
      msP50: Math.round(quantile(times, 0.5)),
      msMax: Math.round(quantile(times, 1)),
      ms30P50: Math.round(quantile(full, 0.5)),
      ms30Max: Math.round(quantile(full, 1)),
      coldMs: Math.round(coldMs),
      load: Number(load),
      violations,
      leftOutThatFit,
      greedyLeftOutThatFit,
    },
  };
}
