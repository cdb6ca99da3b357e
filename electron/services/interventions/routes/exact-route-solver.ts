/**
 * The proven best days of a small problem (up to ~10 jobs), to measure the heuristic against and to
 * settle a small day exactly. Two steps, both exhaustive:
 *
 * 1. For each technician, every order of every subset of the jobs he may do is enumerated depth
 *    first; an order that breaks a rule is not extended (adding a job never makes a late day
 *    earlier: drives obey the triangle inequality and waiting only adds), and each subset keeps
 *    its shortest feasible order.
 * 2. Subsets are shared out between technicians by dynamic programming over disjoint sets (3^n per
 *    technician), keeping for every set of jobs served the least total km.
 *
 * The answer maximises the jobs served, then minimises the km, over all feasible plans: it is the
 * optimum of the same model the heuristic uses (RoutingTable), not an estimate.
 */
import type { RoutePlan, RoutingProblem } from './route-model';
import { EPSILON, RoutingTable } from './route-schedule';
import { planOf } from './route-solver';

export interface ExactSolution {
  plan: RoutePlan;
  /** Orders enumerated (feasible or cut): the size of the proof. */
  ordersExplored: number;
}

export const EXACT_MAX_JOBS = 12;

export function solveRoutesExactly(problem: RoutingProblem): ExactSolution {
  if (problem.jobs.length > EXACT_MAX_JOBS) throw new Error(`résolution exacte limitée à ${EXACT_MAX_JOBS} visites (${problem.jobs.length} données)`);
  const table = new RoutingTable(problem);
  const J = table.jobCount;
  const full = 1 << J;
  let ordersExplored = 0;

  // 1. Each technician's best order for each subset.
  const bestOrders = problem.technicians.map((_, t) => {
    const km = new Float64Array(full).fill(Infinity);
    const order: number[][] = new Array<number[]>(full);
    km[0] = 0;
    order[0] = [];
    const seq: number[] = [];
    const extend = (mask: number) => {
      for (let j = 0; j < J; j++) {
        if (mask & (1 << j) || !table.canDo(t, j)) continue;
        seq.push(j);
        ordersExplored++;
        const k = table.evaluate(t, seq);
        if (k !== Infinity) {
          const next = mask | (1 << j);
          if (k < km[next]! - EPSILON) {
            km[next] = k;
            order[next] = [...seq];
          }
          extend(next);
        }
        seq.pop();
      }
    };
    extend(0);
    return { km, order };
  });

  // 2. Share the jobs out: served[mask] = least km to serve exactly `mask` with the first technicians.
  let served = new Float64Array(full).fill(Infinity);
  served[0] = 0;
  const choices: Int32Array[] = [];
  for (const { km } of bestOrders) {
    const next = new Float64Array(full).fill(Infinity);
    const choice = new Int32Array(full).fill(-1);
    for (let mask = 0; mask < full; mask++) {
      const base = served[mask]!;
      if (base === Infinity) continue;
      const free = (full - 1) & ~mask;
      // Every subset of the jobs not yet served (including none).
      for (let s = free; ; s = (s - 1) & free) {
        const total = base + km[s]!;
        if (total < next[mask | s]! - EPSILON) {
          next[mask | s] = total;
          choice[mask | s] = s;
        }
        if (s === 0) break;
      }
    }
    choices.push(choice);
    served = next;
  }

  let bestMask = 0;
  for (let mask = 1; mask < full; mask++) {
    if (served[mask] === Infinity) continue;
    const more = popcount(mask) - popcount(bestMask);
    if (more > 0 || (more === 0 && served[mask]! < served[bestMask]! - EPSILON)) bestMask = mask;
  }
  const routes: number[][] = [];
  let mask = bestMask;
  for (let t = problem.technicians.length - 1; t >= 0; t--) {
    const s = choices[t]![mask]!;
    routes[t] = bestOrders[t]!.order[s]!;
    mask &= ~s;
  }
  return { plan: planOf(table, routes), ordersExplored };
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}
