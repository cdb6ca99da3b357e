/**
 * Booking proposals on the call (printed, never asserted): ten working days of 4 technicians around
 * Rennes already booked as the solver routes them (test/support/route-instances.ts: 20–30 visits a
 * day, half-day and two-hour windows), then 200 callers asking for windows — seeded places and kinds,
 * normal and urgent, half-days and two-hour windows. Measured: the time of proposeWindows per call
 * (p50, p95, max). Every window offered is replayed by the independent verifier (route-verifier.ts).
 *
 *   ACCUEIL_BENCH_BOOKING_CALLS=200
 */
import { problemFromInstance } from '../electron/services/interventions/routes/route-instance';
import { solveRoutes } from '../electron/services/interventions/routes/route-solver';
import { RoutingTable } from '../electron/services/interventions/routes/route-schedule';
import { verifyRoutePlan } from '../electron/services/interventions/routes/route-verifier';
import { DEFAULT_LUNCH_RULE, type RouteJob } from '../electron/services/interventions/routes/route-model';
import { seededRandom } from '../electron/services/interventions/routes/seeded-random';
import { DEFAULT_TRAVEL_MODEL } from '../electron/services/interventions/routes/travel-model';
import { bestInsertion, proposeWindows, technicianDay, type BookedVisit, type BookingTechnician } from '../electron/services/interventions/booking/window-proposals';
import { addDays, weekdayOf } from '../electron/services/shared/paris-time';
import { generateRennesDay } from '../test/support/route-instances';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;

export async function benchBooking(calls = Number(process.env['ACCUEIL_BENCH_BOOKING_CALLS'] ?? 200)) {
  const today = '2026-12-01';
  const days: string[] = [];
  for (let d = today; days.length < 10; ) {
    d = addDays(d, 1);
    if (weekdayOf(d) < 5) days.push(d);
  }
  // The technicians of the first generated day, every weekday 08:00–17:00.
  const first = problemFromInstance(generateRennesDay({ seed: 1 }));
  const technicians: BookingTechnician[] = first.technicians.map((t) => ({
    id: t.id,
    skills: t.skills,
    start: t.start,
    end: t.end,
    hours: Object.fromEntries([0, 1, 2, 3, 4].map((w) => [w, [t.shiftStart, t.shiftEnd] as const])),
    absences: [],
    lunch: DEFAULT_LUNCH_RULE,
  }));
  const booked: BookedVisit[] = [];
  days.forEach((day, i) => {
    const problem = problemFromInstance(generateRennesDay({ seed: 500 + i }));
    const routed = { ...problem, technicians: problem.technicians.map((t, k) => ({ ...t, ...technicianDay(technicians[k]!, day)!, skills: technicians[k]!.skills })) };
    const plan = solveRoutes(routed, { seed: 1, iterations: 100 }).plan;
    for (const route of plan.routes)
      for (const stop of route.stops) {
        const job = problem.jobs.find((j) => j.id === stop.jobId)!;
        booked.push({ id: `${day}-${job.id}`, technicianId: route.technicianId, day, location: job.location, durationMin: job.durationMin, windowStart: job.windowStart, windowEnd: job.windowEnd });
      }
  });

  const random = seededRandom(16);
  const kinds: Array<[string[], number]> = [[['gaz'], 60], [['plomberie'], 90], [['pac'], 90], [['electricite'], 60], [['gaz', 'plomberie'], 120]];
  const times: number[] = [];
  let offered = 0;
  let none = 0;
  let violations = 0;
  for (let i = 0; i < calls; i++) {
    const [skills, durationMin] = kinds[Math.floor(random() * kinds.length)]!;
    const location = { lat: 47.97 + random() * 0.3, lon: -1.95 + random() * 0.75 };
    const request = { location, durationMin, skills, urgency: random() < 0.2 ? ('urgente' as const) : ('normale' as const), style: random() < 0.5 ? ('half_day' as const) : ('two_hours' as const), today, nowMinutes: 9 * 60 + Math.floor(random() * 480), travel: DEFAULT_TRAVEL_MODEL, count: 5 };
    const started = performance.now();
    const offers = proposeWindows(request, technicians, booked);
    times.push(performance.now() - started);
    if (offers.length === 0) none++;
    offered += offers.length;
    for (const offer of offers) {
      const tech = technicians.find((t) => t.id === offer.technicianId)!;
      const day = technicianDay(tech, offer.day)!;
      const visits: RouteJob[] = booked.filter((v) => v.technicianId === tech.id && v.day === offer.day).map((v) => ({ id: v.id, location: v.location, durationMin: v.durationMin, windowStart: v.windowStart, windowEnd: v.windowEnd, skills: [], pinnedTo: tech.id }));
      const insertion = bestInsertion(day, visits, { id: 'NEW', location, durationMin, windowStart: offer.windowStart, windowEnd: offer.windowEnd, skills, pinnedTo: null }, DEFAULT_TRAVEL_MODEL)!;
      const problem = { travel: DEFAULT_TRAVEL_MODEL, technicians: [day], jobs: insertion.order };
      const route = new RoutingTable(problem).plan(0, insertion.order.map((_, k) => k));
      violations += verifyRoutePlan(problem, { routes: [route], unassigned: [], totals: { served: insertion.order.length, unassigned: 0, km: route.km, travelMin: route.travelMin } }).violations.length;
    }
  }
  times.sort((a, b) => a - b);
  const lines = [
    `booking   ${calls} demandes de créneaux (4 techniciens, 10 jours ouvrés déjà remplis : ${booked.length} visites) : p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, max ${quantile(times, 1).toFixed(1)} ms ; ` +
      `${(offered / calls).toFixed(1)} créneaux proposés en moyenne, ${none} demande(s) sans créneau ; vérificateur indépendant : ${violations} règle(s) enfreinte(s)`,
  ];
  return { lines, figures: { calls, bookedVisits: booked.length, msP50: Number(quantile(times, 0.5).toFixed(2)), msP95: Number(quantile(times, 0.95).toFixed(2)), msMax: Number(quantile(times, 1).toFixed(2)), offersMean: offered / calls, none, violations } };
}
