/**
 * Booking proposals on the call (printed, never asserted): ten working days of 4 technicians around
 * Rennes already booked as the solver routes them (test/support/route-instances.ts: 20–30 visits a
 * day, half-day and two-hour windows), then 200 callers asking for windows — seeded places and kinds,
 * normal and urgent, half-days and two-hour windows. Measured: the time of proposeWindows per call
 * (p50, p95, max). Every window offered is replayed by the independent verifier (route-verifier.ts).
 *
 * Then « Optimiser la journée » on the planning board (planning-desk.ts, a SQLite database in
 * memory): 5 generated days of 20–30 visits, each given by hand to the technician based nearest,
 * optimised (visits read, solver, verifier, proposal stored) and accepted (every reassignment
 * through the booking desk's reschedule, one transaction). Measured: optimise and accept times, km
 * before → after.
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
import { openStore } from '../electron/services/store';
import { interventionsMigrations } from '../electron/services/interventions/interventions-migrations';
import { TechniciansRepository } from '../electron/services/interventions/technicians/technicians-repository';
import { shippedGeocoder } from '../electron/services/interventions/geo/shipped-communes';
import { BookingDesk } from '../electron/services/interventions/booking/booking-desk';
import { PlanningDesk } from '../electron/services/interventions/planning/planning-desk';
import { roadKm } from '../electron/services/interventions/routes/travel-model';
import { parisInstant } from '../electron/services/shared/paris-time';

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
  const optimise = await benchOptimiseDay();
  const lines = [
    `booking   ${calls} demandes de créneaux (4 techniciens, 10 jours ouvrés déjà remplis : ${booked.length} visites) : p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, max ${quantile(times, 1).toFixed(1)} ms ; ` +
      `${(offered / calls).toFixed(1)} créneaux proposés en moyenne, ${none} demande(s) sans créneau ; vérificateur indépendant : ${violations} règle(s) enfreinte(s)`,
  ];
  lines.push(optimise.line);
  return {
    lines,
    figures: { calls, bookedVisits: booked.length, msP50: Number(quantile(times, 0.5).toFixed(2)), msP95: Number(quantile(times, 0.95).toFixed(2)), msMax: Number(quantile(times, 1).toFixed(2)), offersMean: offered / calls, none, violations, optimiseDay: optimise.figures },
  };
}

/** « Optimiser la journée » then « Accepter » on generated days booked by hand (see the header). */
async function benchOptimiseDay(days = 5) {
  const day = '2026-12-02';
  const optimiseMs: number[] = [];
  const acceptMs: number[] = [];
  const solveMs: number[] = [];
  let visits = 0;
  let served = 0;
  let moves = 0;
  let kmBefore = 0;
  let kmAfter = 0;
  let unverified = 0;
  for (let seed = 0; seed < days; seed++) {
    const store = openStore(':memory:');
    store.database.migrateArea('interventions', interventionsMigrations);
    const clock = () => new Date('2026-12-01T08:00:00Z');
    const technicians = new TechniciansRepository(store.database, clock, shippedGeocoder);
    const booking = new BookingDesk({ db: store.database, clock, technicians, geocoder: shippedGeocoder, outbox: () => ({ enqueue: () => undefined }), mail: () => null, sending: () => false, company: () => ({ name: '', phone: '' }) });
    const planning = new PlanningDesk({ db: store.database, clock, booking: () => booking, technicians: () => technicians });
    const hours = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));
    const team = ['35510 Cesson-Sévigné', '35510 Cesson-Sévigné', '35000 Rennes', '35170 Bruz'].map(
      (startAddress, i) => technicians.save({ name: `Technicien ${i + 1}`, userId: null, hubspotOwnerId: null, email: null, skills: [], hours, absences: [], startAddress, endAddress: '', active: true })!,
    );
    const problem = problemFromInstance(generateRennesDay({ seed: 900 + seed }));
    const insert = store.database.prepare(
      `INSERT INTO intervention_bookings (intervention_id, type_id, technician_id, day, window_start, window_end, duration_min, urgency, address, lat, lon, postcode, commune, matched_by, calendar_uid, sequence, created_at, updated_at)
       VALUES (?, NULL, ?, ?, ?, ?, ?, 'normale', '', ?, ?, '', '', 'postcode', ?, 0, ?, ?)`,
    );
    for (const job of problem.jobs) {
      // By hand: the technician based nearest the visit.
      const nearest = team.reduce((best, t) => (roadKm(DEFAULT_TRAVEL_MODEL, t.start!, job.location) < roadKm(DEFAULT_TRAVEL_MODEL, best.start!, job.location) ? t : best));
      const scheduled = new Date(parisInstant(day, Math.floor(job.windowStart / 60)).getTime() + (job.windowStart % 60) * 60_000).toISOString();
      const id = store.interventions.insert({ kind: 'Visite', scheduledAt: scheduled, technician: nearest.name, siteAddress: '' });
      insert.run(id, nearest.id, day, job.windowStart, job.windowEnd, job.durationMin, job.location.lat, job.location.lon, `bench-${id}`, clock().toISOString(), clock().toISOString());
    }
    let started = performance.now();
    const proposal = planning.optimise(day, 'bench');
    optimiseMs.push(performance.now() - started);
    solveMs.push(proposal.solveMs);
    started = performance.now();
    await planning.accept(proposal.id, 'bench');
    acceptMs.push(performance.now() - started);
    visits += proposal.totals.visits;
    served += proposal.totals.served;
    moves += proposal.totals.moves;
    kmBefore += proposal.totals.kmBefore;
    kmAfter += proposal.totals.kmAfter;
    if (!proposal.verified) unverified++;
    store.close();
  }
  optimiseMs.sort((a, b) => a - b);
  acceptMs.sort((a, b) => a - b);
  solveMs.sort((a, b) => a - b);
  const figures = {
    days,
    visits,
    served,
    moves,
    kmBefore: Math.round(kmBefore),
    kmAfter: Math.round(kmAfter),
    optimiseMsP50: Number(quantile(optimiseMs, 0.5).toFixed(1)),
    optimiseMsMax: Number(quantile(optimiseMs, 1).toFixed(1)),
    acceptMsP50: Number(quantile(acceptMs, 0.5).toFixed(1)),
    solverMsP50: quantile(solveMs, 0.5),
    unverified,
  };
  const line =
    `planning  « Optimiser la journée » sur ${days} journées (4 techniciens, ${visits} visites données au technicien le plus proche) : ` +
    `${served} placées, ${moves} réaffectées, ${figures.kmBefore} km → ${figures.kmAfter} km ; optimiser p50 ${figures.optimiseMsP50} ms (max ${figures.optimiseMsMax} ms, dont solveur p50 ${figures.solverMsP50} ms), accepter p50 ${figures.acceptMsP50} ms ; ${unverified} proposition(s) non vérifiée(s)`;
  return { line, figures };
}
