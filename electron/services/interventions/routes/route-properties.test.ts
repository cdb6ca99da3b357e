/**
 * The solver on many seeded days: every plan passes the independent verifier; on small days it
 * matches the exact optimum (served count) and stays within 5 % of its km; and the exact solver
 * itself agrees with a brute force written only with the verifier's arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { generateRennesDay } from '../../../../test/support/route-instances';
import { solveRoutesExactly } from './exact-route-solver';
import type { RouteJob, RoutingProblem } from './route-model';
import { problemFromInstance } from './route-instance';
import { RoutingTable } from './route-schedule';
import { solveRoutes } from './route-solver';
import { judgeDay, verifyRoutePlan } from './route-verifier';
import { randomInt, seededRandom } from './seeded-random';

/** Day shapes drawn from a seed: sizes, lunch rules, speeds and detours all vary. */
function generatedProblem(seed: number): RoutingProblem {
  const random = seededRandom(seed * 7919);
  const lunches = [undefined, null, { durationMin: 45, window: ['11:30', '14:00'] as [string, string] }, { durationMin: 60, window: ['12:00', '13:30'] as [string, string] }];
  const instance = generateRennesDay({
    seed,
    technicians: 1 + randomInt(random, 4),
    jobs: 3 + randomInt(random, 26),
    pinnedShare: random() * 0.3,
    allSkills: random() < 0.3,
    lunch: lunches[randomInt(random, lunches.length)],
  });
  return problemFromInstance({ ...instance, speedKmh: 30 + randomInt(random, 21), roadFactor: 1.2 + random() * 0.3 });
}

describe('route solver on generated days', () => {
  it('gives plans that pass the independent verifier on 60 varied days (no rule broken, no job left out that fits)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const problem = generatedProblem(seed);
      const { plan } = solveRoutes(problem, { seed, iterations: 40 });
      const check = verifyRoutePlan(problem, plan);
      expect(check.violations, `jour ${seed}`).toEqual([]);
      expect(check.fitsButLeftOut, `jour ${seed}`).toEqual([]);
      expect(plan.totals.served + plan.totals.unassigned).toBe(problem.jobs.length);
      // Taking a job out of a feasible day never makes it infeasible (the search relies on it).
      const table = new RoutingTable(problem);
      plan.routes.forEach((route, t) => {
        const seq = route.stops.map((s) => problem.jobs.findIndex((j) => j.id === s.jobId));
        seq.forEach((_, i) => expect(table.evaluate(t, [...seq.slice(0, i), ...seq.slice(i + 1)]), `jour ${seed}, ${route.technicianId} sans ${i + 1}`).toBeLessThan(Infinity));
      });
    }
    // Deterministic work; the time limit is only for a machine shared with other suites.
  }, 60_000);

  it('serves as many jobs as the exact optimum (all days but one) and drives within 5 % of it, on 24 small days', () => {
    const ratios: number[] = [];
    const fewer: number[] = [];
    for (let seed = 1; seed <= 24; seed++) {
      const technicians = 1 + (seed % 2);
      const problem = problemFromInstance(generateRennesDay({ seed: 500 + seed, technicians, jobs: technicians === 1 ? 7 : 9, allSkills: seed % 3 !== 0, pinnedShare: 0.1 }));
      const exact = solveRoutesExactly(problem);
      expect(verifyRoutePlan(problem, exact.plan).ok, `optimum ${seed}`).toBe(true);
      const { plan } = solveRoutes(problem, { seed: 1 });
      // Never better than the optimum: that would be a bug in the exact solver.
      expect(plan.totals.served, `jour ${seed}`).toBeLessThanOrEqual(exact.plan.totals.served);
      if (plan.totals.served < exact.plan.totals.served) {
        fewer.push(seed);
        continue;
      }
      expect(plan.totals.km, `jour ${seed}`).toBeGreaterThanOrEqual(exact.plan.totals.km - 1e-6);
      ratios.push(exact.plan.totals.km === 0 ? 1 : plan.totals.km / exact.plan.totals.km);
    }
    // Day 5 is a packing to the minute (both technicians back 2 and 3 minutes before the end of
    // their shifts, a 2-hour job moved to the other technician): the search serves 8 of its 9
    // jobs. A known limit of the heuristic, kept visible here rather than tuned away.
    expect(fewer).toEqual([5]);
    expect(Math.max(...ratios)).toBeLessThanOrEqual(1.05);
  }, 60_000);

  it('finds the same optimum as a brute force that uses only the verifier’s arithmetic', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const problem = problemFromInstance(generateRennesDay({ seed: 900 + seed, technicians: 2, jobs: 5, allSkills: seed % 2 === 0, pinnedShare: 0.2 }));
      const exact = solveRoutesExactly(problem).plan.totals;
      const brute = bruteForce(problem);
      expect(exact.served, `jour ${seed}`).toBe(brute.served);
      expect(exact.km, `jour ${seed}`).toBeCloseTo(brute.km, 6);
    }
  }, 60_000);
});

/** Every assignment of every job to nobody or a technician, every order of every day. */
function bruteForce(problem: RoutingProblem): { served: number; km: number } {
  const { jobs, technicians } = problem;
  const bestDay = new Map<string, number>();
  const dayKm = (t: number, subset: RouteJob[]): number => {
    const key = `${t}:${subset.map((j) => j.id).join(',')}`;
    if (!bestDay.has(key)) {
      let best = subset.length === 0 ? 0 : Infinity;
      for (const order of permutations(subset)) {
        const judged = judgeDay(problem, technicians[t]!, order);
        if (judged.feasible && judged.km < best) best = judged.km;
      }
      bestDay.set(key, best);
    }
    return bestDay.get(key)!;
  };
  let best = { served: 0, km: 0 };
  const choices = technicians.length + 1;
  for (let code = 0; code < choices ** jobs.length; code++) {
    const days: RouteJob[][] = technicians.map(() => []);
    let c = code;
    for (const job of jobs) {
      const owner = (c % choices) - 1;
      c = Math.floor(c / choices);
      if (owner >= 0) days[owner]!.push(job);
    }
    let km = 0;
    for (let t = 0; t < technicians.length && km < Infinity; t++) km += dayKm(t, days[t]!);
    if (km === Infinity) continue;
    const served = days.reduce((s, d) => s + d.length, 0);
    if (served > best.served || (served === best.served && km < best.km)) best = { served, km };
  }
  return best;
}

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i]!, ...rest];
}
