import { describe, expect, it } from 'vitest';
import { generateRennesDay } from '../../../../test/support/route-instances';
import type { RoutePlan } from './route-model';
import { problemFromInstance } from './route-instance';
import { solveRoutes } from './route-solver';
import { verifyRoutePlan } from './route-verifier';

/** A solved, verified day to break in one way at a time. */
const problem = problemFromInstance(generateRennesDay({ seed: 42, technicians: 3, jobs: 18 }));
const good = solveRoutes(problem, { seed: 1, iterations: 60 }).plan;

function broken(change: (plan: RoutePlan) => void): string[] {
  const plan = structuredClone(good);
  change(plan);
  return verifyRoutePlan(problem, plan).violations;
}

const busiest = (plan: RoutePlan) => plan.routes.reduce((a, b) => (b.stops.length > a.stops.length ? b : a));

describe('route verifier', () => {
  it('passes the solver’s plan and recomputes its totals', () => {
    const check = verifyRoutePlan(problem, good);
    expect(check.violations).toEqual([]);
    expect(check.totals.served).toBe(good.totals.served);
    expect(check.totals.km).toBeCloseTo(good.totals.km, 6);
    expect(good.unassigned.length).toBeGreaterThan(0);
  });

  it('catches a job dropped from a day without being declared left out', () => {
    const violations = broken((plan) => {
      const removed = busiest(plan).stops.pop()!;
      plan.totals.served -= 1;
      expect(removed).toBeDefined();
    });
    expect(violations.some((v) => v.includes('n’est ni servie ni déclarée non affectée'))).toBe(true);
  });

  it('catches a job served twice', () => {
    const violations = broken((plan) => {
      const route = busiest(plan);
      route.stops.push({ ...route.stops[0]! });
    });
    expect(violations.some((v) => /apparaît 2 fois/.test(v))).toBe(true);
  });

  it('catches two jobs swapped into an order whose times were not recomputed', () => {
    const violations = broken((plan) => {
      const stops = busiest(plan).stops;
      [stops[0], stops[1]] = [stops[1]!, stops[0]!];
    });
    expect(violations.some((v) => /annoncée|annoncé/.test(v))).toBe(true);
  });

  it('catches a skill the technician does not have', () => {
    const pairs = good.routes.flatMap((from) =>
      from.stops.flatMap((stop) => {
        const job = problem.jobs.find((j) => j.id === stop.jobId)!;
        return problem.technicians.filter((t) => job.skills.some((skill) => !t.skills.includes(skill))).map((t) => ({ from: from.technicianId, to: t.id, job }));
      }),
    );
    const { from, to, job } = pairs[0]!;
    const violations = broken((plan) => {
      const source = plan.routes.find((r) => r.technicianId === from)!;
      plan.routes.find((r) => r.technicianId === to)!.stops.push(source.stops.splice(source.stops.findIndex((x) => x.jobId === job.id), 1)[0]!);
    });
    expect(violations.some((v) => v.startsWith(`${job.id} demande `) && v.endsWith(`que ${to} n’a pas`))).toBe(true);
  });

  it('catches an arrival after the window closes, a late return and a missing lunch', () => {
    const route = busiest(good);
    const violations = broken((plan) => {
      const r = plan.routes.find((x) => x.technicianId === route.technicianId)!;
      r.departure = 15 * 60;
      r.lunch = null;
    });
    expect(violations.some((v) => v.includes('après la fin de sa fenêtre'))).toBe(true);
    expect(violations.some((v) => v.includes('après la fin de sa journée'))).toBe(true);
    expect(violations.some((v) => v.includes('n’a pas de pause déjeuner'))).toBe(true);
  });

  it('catches a departure before the shift starts', () => {
    const violations = broken((plan) => {
      busiest(plan).departure = 6 * 60;
    });
    expect(violations.some((v) => v.includes('avant le début de sa journée'))).toBe(true);
  });

  it('catches a pinned job given to someone else', () => {
    const pinned = problem.jobs.find((j) => j.pinnedTo !== null && good.routes.some((r) => r.stops.some((s) => s.jobId === j.id)))!;
    expect(pinned).toBeDefined();
    const violations = broken((plan) => {
      const owner = plan.routes.find((r) => r.stops.some((s) => s.jobId === pinned.id))!;
      const other = plan.routes.find((r) => r !== owner)!;
      other.stops.push(owner.stops.splice(owner.stops.findIndex((s) => s.jobId === pinned.id), 1)[0]!);
    });
    expect(violations.some((v) => v.includes(`${pinned.id} est épinglée à ${pinned.pinnedTo}`))).toBe(true);
  });

  it('catches totals that do not add up', () => {
    expect(broken((plan) => (plan.totals.km += 1))).toEqual([expect.stringContaining('total des km faux')]);
    expect(broken((plan) => (plan.totals.served += 1))).toEqual([expect.stringContaining('total des visites servies faux')]);
    expect(broken((plan) => (busiest(plan).km -= 0.5)).some((v) => v.includes('km annoncés'))).toBe(true);
  });

  it('catches a reason that is not true, and a job left out that would fit as the day stands', () => {
    const served = busiest(good).stops[0]!.jobId;
    const violations = broken((plan) => {
      const route = busiest(plan);
      route.stops = route.stops.filter((s) => s.jobId !== served);
      plan.unassigned.push({ jobId: served, reason: 'no_skill', detail: '' });
    });
    expect(violations.some((v) => v.includes('« pas de compétence » faux'))).toBe(true);
    // The last job of a day removed and declared « no room »: it still fits where it was.
    const check = verifyRoutePlan(
      problem,
      (() => {
        const plan = structuredClone(good);
        const last = busiest(plan).stops.pop()!;
        plan.unassigned.push({ jobId: last.jobId, reason: 'no_room', detail: '' });
        return plan;
      })(),
    );
    expect(check.ok).toBe(false);
    expect(check.fitsButLeftOut).toEqual([expect.stringMatching(/^V\d\d est laissée de côté alors qu’elle tient chez T\d \(position \d+\)/)]);
  });
});
