/**
 * The baseline a dispatcher gets by hand, for the bench: greedy nearest neighbour, in time as well
 * as in space (Solomon's nearest-neighbour heuristic for time windows, 1987). Every day starts
 * empty; repeatedly, of all (technician, job) pairs where the job can be appended to the end of the
 * technician's day without breaking a rule, take the one the technician can START soonest (drive
 * plus wait for the window, from where and when he is free); stop when none is left. Plain nearest
 * by distance is worse: it drives to an afternoon job at 8:00 and waits there, and serves barely
 * half the day's jobs. Ties go to the shorter drive, then the lower technician, then the lower job.
 */
import type { RoutePlan, RoutingProblem } from '../../electron/services/interventions/routes/route-model';
import { RoutingTable } from '../../electron/services/interventions/routes/route-schedule';
import { planOf } from '../../electron/services/interventions/routes/route-solver';

export function nearestNeighbourRoutes(problem: RoutingProblem): RoutePlan {
  const table = new RoutingTable(problem);
  const routes: number[][] = problem.technicians.map(() => []);
  const served = new Set<number>();
  for (;;) {
    let best = { soonest: Infinity, km: Infinity, t: -1, job: -1 };
    routes.forEach((seq, t) => {
      const here = seq.length > 0 ? seq[seq.length - 1]! : table.startOf(t);
      // When he is free where he is (lunch aside: the rules are checked by evaluate below).
      const free = seq.length > 0 ? table.plan(t, seq).stops[seq.length - 1]!.end : problem.technicians[t]!.shiftStart;
      for (let job = 0; job < table.jobCount; job++) {
        if (served.has(job) || !table.canDo(t, job)) continue;
        const km = table.km[here * table.size + job]!;
        const soonest = Math.max(free + table.minutes[here * table.size + job]!, table.windowStart[job]!) - free;
        if (soonest > best.soonest || (soonest === best.soonest && km >= best.km)) continue;
        if (table.evaluate(t, [...seq, job]) === Infinity) continue;
        best = { soonest, km, t, job };
      }
    });
    if (best.t === -1) break;
    routes[best.t]!.push(best.job);
    served.add(best.job);
  }
  return planOf(table, routes);
}
