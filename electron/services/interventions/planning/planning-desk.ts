/**
 * The planning board and « Optimiser la journée ».
 *
 *   board(day)     the week (Monday–Sunday) of every active technician: his hours and absences per
 *                  day, the visits with their windows, customers, kinds, addresses, statuses, and
 *                  the conflicts of each day (board-conflicts.ts)
 *   move(…)        a visit booked in Accueil to another technician, day or window, through the
 *                  booking desk's reschedule (one transaction: rows, SEQUENCE + 1, history, one
 *                  HubSpot meeting update; then the customer's invitation if his day or window
 *                  changed, and each technician's day). Refused, with the reason, when it would
 *                  create a conflict — a booked visit's window no longer kept, a missing skill, an
 *                  absence, hours — unless forced (a supervisor's decision, checked by the area)
 *   optimise(day)  the routing problem of the day's visits (pinned ones stay with their technician:
 *                  started, pinned by hand, from the CRM, or today's whose window has opened), the
 *                  route solver, the independent verifier; the proposal is stored with the state of
 *                  the day it was computed on, and changes nothing
 *   accept(id)     every technician change of the proposal in ONE transaction through the same
 *                  reschedule (windows are kept: the customers are told only if one changed), the
 *                  planned order and arrivals written; refused — nothing changed — when a visit of
 *                  the day, or a technician's day, changed since the proposal was computed
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../contract/envelope';
import type { BoardVisit, Conflict, PlanningBoard, Proposal } from '../../../contract/planning-calls';
import type { Technician } from '../../../contract/booking-calls';
import type { AccueilDatabase } from '../../store/database';
import type { Clock } from '../../store/record-owner';
import { holidayName } from '../../shared/french-holidays';
import { addDays, localTime, weekdayOf } from '../../shared/paris-time';
import type { BookingDesk, MailOutcome } from '../booking/booking-desk';
import { toBookingTechnician } from '../booking/booking-desk';
import { LUNCH_INCLUDED_MIN, technicianDay } from '../booking/window-proposals';
import type { TechniciansRepository } from '../technicians/technicians-repository';
import { clockTime, minutesOfDay } from '../routes/clock-time';
import type { RouteJob, RouteTechnician, RoutingProblem } from '../routes/route-model';
import { solveRoutes } from '../routes/route-solver';
import { verifyRoutePlan } from '../routes/route-verifier';
import { DEFAULT_TRAVEL_MODEL, type TravelModel } from '../routes/travel-model';
import { dayConflicts, dayKm, dayOrder, type DayVisit } from './board-conflicts';

export interface PlanningDeskOptions {
  db: AccueilDatabase;
  clock: Clock;
  booking: () => BookingDesk;
  technicians: () => TechniciansRepository;
  travel?: TravelModel;
  /** Ruin-and-recreate rounds of the solver (default: the solver's). */
  iterations?: number;
}

/** A visit as the planning sees it (minutes, place), before it becomes a BoardVisit. */
export interface PlanningVisit extends DayVisit {
  technicianId: string | null;
  day: string;
  kind: string;
  typeId: string | null;
  customer: string;
  contactId: string | null;
  companyId: string | null;
  address: string;
  commune: string;
  status: 'planifiee' | 'en_cours';
  urgency: 'normale' | 'urgente';
  source: 'accueil' | 'crm';
  pinnedByHand: boolean;
  version: string;
}

export interface MoveRequest {
  visitId: string;
  version: string;
  technicianId: string;
  day: string;
  windowStart: string;
  windowEnd: string;
  force: boolean;
  reason?: string | undefined;
}

interface DetailRow {
  id: string;
  kind: string;
  status: string;
  updated_at: string;
  scheduled_at: string | null;
  site_address: string | null;
  contact_id: string | null;
  company_id: string | null;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
}

interface ProposalRow {
  id: string;
  day: string;
  status: Proposal['status'];
  stamps: string;
  proposal: string;
}

interface Stamps {
  visits: Record<string, string>;
  technicians: Record<string, string>;
}

const OPEN = new Set(['planifiee', 'en_cours']);

export class PlanningDesk {
  private readonly travel: TravelModel;

  constructor(private readonly options: PlanningDeskOptions) {
    this.travel = options.travel ?? DEFAULT_TRAVEL_MODEL;
  }

  /** Today in Paris, and the minutes since midnight (the service's clock). */
  today(): { day: string; minutes: number } {
    const now = this.options.clock();
    const local = localTime(now);
    return { day: local.date, minutes: local.hour * 60 + now.getUTCMinutes() };
  }

  // --- the week ------------------------------------------------------------------------------------

  board(day: string): PlanningBoard {
    const weekStart = addDays(day, -weekdayOf(day));
    const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
    const weekEnd = days[6]!;
    const technicians = this.activeTechnicians();
    const visits = this.visitsBetween(weekStart, weekEnd);
    const conflicts = this.conflictsOf(visits, technicians);
    const byVisit = groupBy(conflicts, (c) => c.visitId);
    return {
      weekStart,
      today: this.today().day,
      days: days.map((d) => ({ day: d, holiday: holidayName(d) })),
      technicians: technicians.map((t) => {
        const booking = toBookingTechnician(t);
        return {
          id: t.id,
          name: t.name,
          skills: t.skills,
          days: days.map((d) => {
            const hours = booking.hours[weekdayOf(d)];
            const absence = t.absences.find((a) => a.from <= d && d <= a.to);
            const own = dayOrder(visits.filter((v) => v.technicianId === t.id && v.day === d));
            return {
              day: d,
              hours: hours ? { start: clockTime(hours[0]), end: clockTime(hours[1]) } : null,
              absence: absence ? (absence.reason ?? '') : null,
              km: round1(dayKm(this.travel, booking.start, booking.end, own)),
            };
          }),
        };
      }),
      visits: visits.map((v) => this.boardVisit(v, byVisit.get(v.id) ?? [])),
      conflicts,
    };
  }

  /** Every open visit between two days (inclusive) that sits in a technician's day. */
  visitsBetween(from: string, to: string): PlanningVisit[] {
    const { db } = this.options;
    const desk = this.options.booking();
    const types = this.options.technicians().types();
    const typeByLabel = new Map(types.map((t) => [t.label.toLocaleLowerCase('fr'), t]));
    const pins = new Set(db.prepare<{ intervention_id: string }>('SELECT intervention_id FROM planning_pins').all().map((p) => p.intervention_id));
    const stops = new Map(
      db
        .prepare<{ intervention_id: string; day: string; technician_id: string; arrival_min: number }>('SELECT intervention_id, day, technician_id, arrival_min FROM planning_route_stops WHERE day BETWEEN ? AND ?')
        .all(from, to)
        .map((s) => [s.intervention_id, s]),
    );
    const detail = db.prepare<DetailRow>(
      `SELECT i.id, i.kind, i.status, i.updated_at, i.scheduled_at, i.site_address, i.contact_id, i.company_id, c.first_name, c.last_name, co.name AS company_name
       FROM interventions i LEFT JOIN contacts c ON c.id = i.contact_id LEFT JOIN companies co ON co.id = i.company_id WHERE i.id = ?`,
    );
    // The booking's own row (this area's table): a light read, not the desk's whole Booking with its history.
    const booked = db.prepare<{ type_id: string | null; urgency: 'normale' | 'urgente'; address: string; commune: string; sequence: number }>(
      'SELECT type_id, urgency, address, commune, sequence FROM intervention_bookings WHERE intervention_id = ?',
    );
    const visits: PlanningVisit[] = [];
    for (const placed of desk.bookedVisits(from)) {
      if (placed.day < from || placed.day > to) continue;
      const row = detail.get(placed.id);
      if (!row || !OPEN.has(row.status)) continue;
      const booking = booked.get(placed.id);
      const type = booking?.type_id ? types.find((t) => t.id === booking.type_id) : typeByLabel.get(row.kind.toLocaleLowerCase('fr'));
      const stop = stops.get(placed.id);
      const address = booking?.address ?? row.site_address ?? '';
      visits.push({
        id: placed.id,
        technicianId: placed.technicianId,
        day: placed.day,
        location: placed.location,
        durationMin: placed.durationMin,
        windowStart: placed.windowStart,
        windowEnd: placed.windowEnd,
        skills: type?.skills ?? [],
        plannedArrival: stop && stop.day === placed.day && stop.technician_id === placed.technicianId ? stop.arrival_min : null,
        kind: row.kind,
        typeId: booking?.type_id ?? null,
        customer: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.company_name || '',
        contactId: row.contact_id,
        companyId: row.company_id,
        address,
        commune: booking?.commune ?? (address ? (desk.geocode(address)?.commune ?? '') : ''),
        status: row.status as PlanningVisit['status'],
        urgency: booking?.urgency ?? 'normale',
        source: booking ? 'accueil' : 'crm',
        pinnedByHand: pins.has(placed.id),
        version: `${row.updated_at}|${booking?.sequence ?? '-'}|${row.status}|${row.scheduled_at ?? ''}`,
      });
    }
    return visits.sort((a, b) => a.day.localeCompare(b.day) || a.windowStart - b.windowStart || a.id.localeCompare(b.id));
  }

  private activeTechnicians(): Technician[] {
    return this.options
      .technicians()
      .list()
      .filter((t) => t.active && t.start);
  }

  /** The conflicts of every technician's day among these visits. */
  private conflictsOf(visits: readonly PlanningVisit[], technicians: readonly Technician[]): Conflict[] {
    const byId = new Map(technicians.map((t) => [t.id, t]));
    const conflicts: Conflict[] = [];
    for (const [key, own] of groupBy(visits, (v) => `${v.technicianId ?? ''}|${v.day}`)) {
      const technician = own[0]!.technicianId ? byId.get(own[0]!.technicianId) : undefined;
      if (!technician) {
        for (const v of own) conflicts.push({ kind: 'unassigned', visitId: v.id, otherVisitId: null, at: null, skills: [], reason: null });
        continue;
      }
      conflicts.push(...dayConflicts(toBookingTechnician(technician), key.slice(key.indexOf('|') + 1), own, this.travel));
    }
    return conflicts;
  }

  private boardVisit(v: PlanningVisit, conflicts: Conflict[]): BoardVisit {
    return {
      id: v.id,
      technicianId: v.technicianId,
      day: v.day,
      windowStart: clockTime(v.windowStart),
      windowEnd: clockTime(v.windowEnd),
      durationMin: v.durationMin,
      plannedArrival: v.plannedArrival === null ? null : clockTime(v.plannedArrival),
      kind: v.kind,
      typeId: v.typeId,
      skills: [...v.skills],
      customer: v.customer,
      contactId: v.contactId,
      companyId: v.companyId,
      address: v.address,
      commune: v.commune,
      status: v.status,
      urgency: v.urgency,
      source: v.source,
      pinned: this.pinned(v),
      pinnedByHand: v.pinnedByHand,
      version: v.version,
      conflicts,
    };
  }

  /** Stays with its technician when the day is optimised. */
  private pinned(v: PlanningVisit): boolean {
    if (v.status === 'en_cours' || v.pinnedByHand || v.source === 'crm' || v.technicianId === null) return true;
    const today = this.today();
    return v.day === today.day && v.windowStart <= today.minutes;
  }

  // --- moving a visit ------------------------------------------------------------------------------

  async move(request: MoveRequest, actor: string | null): Promise<{ visit: BoardVisit; customerMail: MailOutcome | null; conflicts: Conflict[] }> {
    if (request.day < this.today().day) throw new ServiceError('bad_request', { reason: 'planning.day_past' });
    const technician = this.options.technicians().get(request.technicianId);
    if (!technician || !technician.active || !technician.start) throw new ServiceError('not_found', { reason: 'booking.technician_unknown' });
    let left: Conflict[] = [];
    const inside = () => {
      const current = this.visit(request.visitId);
      if (current.version !== request.version) throw new ServiceError('conflict', { reason: 'planning.visit_changed' });
      left = this.checkMove(current, request, technician);
    };
    const [booking] = await this.options.booking().rescheduleMany(
      [{ interventionId: request.visitId, technicianId: request.technicianId, day: request.day, windowStart: request.windowStart, windowEnd: request.windowEnd, reason: request.reason }],
      actor,
      {
        check: false,
        customer: 'if_changed',
        inside: () => {
          inside();
          this.options.db.prepare('DELETE FROM planning_route_stops WHERE intervention_id = ?').run(request.visitId);
        },
      },
    );
    const moved = this.visit(request.visitId);
    const own = this.conflictsOf(
      this.visitsBetween(moved.day, moved.day).filter((v) => v.technicianId === moved.technicianId),
      this.activeTechnicians(),
    ).filter((c) => c.visitId === moved.id);
    return { visit: this.boardVisit(moved, own), customerMail: booking!.history.at(-1)?.customerMail ?? null, conflicts: left };
  }

  /** One open visit as the planning sees it (visit_unknown / not_movable otherwise). */
  private visit(id: string): PlanningVisit {
    const scheduled = this.options.db.prepare<{ scheduled_at: string | null; status: string }>('SELECT scheduled_at, status FROM interventions WHERE id = ?').get(id);
    if (!scheduled?.scheduled_at || !OPEN.has(scheduled.status)) throw new ServiceError('not_found', { reason: 'planning.visit_unknown' });
    const booked = this.options.db.prepare<{ day: string }>('SELECT day FROM intervention_bookings WHERE intervention_id = ?').get(id);
    const day = booked?.day ?? localTime(scheduled.scheduled_at).date;
    const found = this.visitsBetween(addDays(day, -1), addDays(day, 1)).find((v) => v.id === id);
    if (!found) throw new ServiceError('not_found', { reason: 'planning.visit_unknown' });
    return found;
  }

  /**
   * The conflicts the move would create (in the target day; leaving a day creates none). Throws the
   * first one's reason unless forced; returns them when forced.
   */
  private checkMove(current: PlanningVisit, request: MoveRequest, technician: Technician): Conflict[] {
    if (current.source !== 'accueil') throw new ServiceError('conflict', { reason: 'planning.not_movable' });
    const moved: PlanningVisit = {
      ...current,
      technicianId: request.technicianId,
      day: request.day,
      windowStart: minutesOfDay(request.windowStart),
      windowEnd: minutesOfDay(request.windowEnd),
      plannedArrival: null,
    };
    const others = this.visitsBetween(request.day, request.day).filter((v) => v.technicianId === request.technicianId && v.id !== current.id);
    // The day's order is no longer the planned one: judge both days in window order.
    const unplanned = (list: PlanningVisit[]) => list.map((v) => ({ ...v, plannedArrival: null }));
    const routeTechnician = toBookingTechnician(technician);
    const before = dayConflicts(routeTechnician, request.day, unplanned(others), this.travel);
    const after = dayConflicts(routeTechnician, request.day, unplanned([...others, moved]), this.travel);
    const key = (c: Conflict) => `${c.kind}|${c.visitId}|${c.otherVisitId ?? ''}`;
    const existing = new Set(before.map(key));
    const created = after.filter((c) => !existing.has(key(c)));
    if (created.length === 0 || request.force) return created;
    const own = created.filter((c) => c.visitId === current.id);
    const params = { technician: technician.name };
    if (own.some((c) => c.kind === 'absence')) throw new ServiceError('conflict', { reason: 'planning.move_absence', params });
    const skill = own.find((c) => c.kind === 'missing_skill');
    if (skill) throw new ServiceError('conflict', { reason: 'planning.move_missing_skill', params: { ...params, skills: skill.skills.join(', ') } });
    if (own.some((c) => c.kind === 'outside_hours' && c.at === null)) throw new ServiceError('conflict', { reason: 'planning.move_outside_hours', params });
    const names = new Map([...others, moved].map((v) => [v.id, `${v.customer || v.kind} (${clockTime(v.windowStart)}–${clockTime(v.windowEnd)})`]));
    const broken = [...new Set(created.map((c) => c.visitId))].map((id) => names.get(id)!);
    throw new ServiceError('conflict', { reason: 'planning.move_breaks', params: { visits: broken.join(', ') } });
  }

  pin(visitId: string, pinned: boolean, actor: string | null): { pinned: boolean } {
    this.visit(visitId);
    if (pinned)
      this.options.db.prepare('INSERT OR REPLACE INTO planning_pins (intervention_id, pinned_at, pinned_by) VALUES (?, ?, ?)').run(visitId, this.options.clock().toISOString(), actor);
    else this.options.db.prepare('DELETE FROM planning_pins WHERE intervention_id = ?').run(visitId);
    return { pinned };
  }

  // --- « Optimiser la journée » --------------------------------------------------------------------

  /** The day as a routing problem: who works, and every visit (pinned ones to their technician). */
  dayProblem(day: string): { problem: RoutingProblem; visits: PlanningVisit[]; technicians: Technician[]; working: Technician[] } {
    const visits = this.visitsBetween(day, day);
    const technicians = this.activeTechnicians();
    const long = visits.some((v) => v.durationMin >= LUNCH_INCLUDED_MIN);
    const routes: Array<{ technician: Technician; route: RouteTechnician }> = [];
    for (const technician of technicians) {
      const route = technicianDay(toBookingTechnician(technician), day);
      // A day with a job of a whole day (an installation): the break is taken inside it (as when booking).
      if (route) routes.push({ technician, route: long ? { ...route, lunch: null } : route });
    }
    const jobs: RouteJob[] = visits.map((v) => {
      const pinned = this.pinned(v);
      return {
        id: v.id,
        location: v.location,
        durationMin: v.durationMin,
        windowStart: v.windowStart,
        windowEnd: v.windowEnd,
        // A pinned visit is its technician's whatever the skills (as the booking desk counts a booked day).
        skills: pinned ? [] : v.skills,
        pinnedTo: pinned ? v.technicianId : null,
      };
    });
    return { problem: { travel: this.travel, technicians: routes.map((r) => r.route), jobs }, visits, technicians, working: routes.map((r) => r.technician) };
  }

  optimise(day: string, actor: string | null): Proposal {
    if (day < this.today().day) throw new ServiceError('bad_request', { reason: 'planning.day_past' });
    const { problem, visits, technicians, working } = this.dayProblem(day);
    if (visits.length === 0) throw new ServiceError('conflict', { reason: 'planning.no_visit' });
    if (working.length === 0) throw new ServiceError('conflict', { reason: 'planning.no_technician' });
    const report = solveRoutes(problem, { seed: 1, ...(this.options.iterations !== undefined ? { iterations: this.options.iterations } : {}) });
    const verification = verifyRoutePlan(problem, report.plan);
    const names = new Map(technicians.map((t) => [t.id, t.name]));
    const byId = new Map(visits.map((v) => [v.id, v]));
    const kmBefore = new Map<string, number>();
    for (const technician of technicians) {
      const own = dayOrder(visits.filter((v) => v.technicianId === technician.id));
      if (own.length === 0) continue;
      const booking = toBookingTechnician(technician);
      kmBefore.set(technician.id, dayKm(this.travel, booking.start, booking.end, own));
    }
    const routes = report.plan.routes.map((route) => ({
      technicianId: route.technicianId,
      technicianName: names.get(route.technicianId) ?? route.technicianId,
      kmBefore: round1(kmBefore.get(route.technicianId) ?? 0),
      kmAfter: round1(route.km),
      visitsBefore: visits.filter((v) => v.technicianId === route.technicianId).length,
      stops: route.stops.map((stop) => {
        const v = byId.get(stop.jobId)!;
        const moves = v.technicianId !== route.technicianId;
        return {
          visitId: v.id,
          arrival: clockTime(stop.arrival),
          start: clockTime(stop.start),
          kind: v.kind,
          customer: v.customer,
          commune: v.commune,
          windowStart: clockTime(v.windowStart),
          windowEnd: clockTime(v.windowEnd),
          pinned: this.pinned(v),
          fromTechnicianId: moves ? v.technicianId : null,
          fromTechnicianName: moves && v.technicianId ? (names.get(v.technicianId) ?? null) : null,
        };
      }),
    }));
    const withNames = (text: string) => [...names].reduce((t, [id, name]) => t.split(id).join(name), text);
    const unassigned = report.plan.unassigned.map((u) => {
      const v = byId.get(u.jobId)!;
      const away = v.technicianId !== null && this.pinned(v) && !working.some((t) => t.id === v.technicianId);
      return {
        visitId: v.id,
        kind: v.kind,
        customer: v.customer,
        reason: away ? 'pinned_away' : u.reason,
        detail: away ? `épinglée à ${names.get(v.technicianId!) ?? v.technicianId}, qui ne travaille pas ce jour-là : reste où elle est` : `${withNames(u.detail)} : reste où elle est`,
      };
    });
    const proposal: Proposal = {
      id: randomUUID(),
      day,
      createdAt: this.options.clock().toISOString(),
      createdBy: actor,
      status: 'pending',
      routes,
      unassigned,
      totals: {
        kmBefore: round1([...kmBefore.values()].reduce((a, b) => a + b, 0)),
        kmAfter: round1(report.plan.totals.km),
        visits: visits.length,
        served: report.plan.totals.served,
        moves: routes.reduce((n, r) => n + r.stops.filter((s) => s.fromTechnicianId !== null).length, 0),
      },
      verified: verification.violations.length === 0,
      solveMs: Math.round(report.elapsedMs),
    };
    this.options.db
      .prepare('INSERT INTO planning_proposals (id, day, created_at, created_by, status, stamps, proposal) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(proposal.id, day, proposal.createdAt, actor, 'pending', JSON.stringify(this.stamps(visits, technicians)), JSON.stringify(proposal));
    return proposal;
  }

  /** The state of a day a proposal depends on: every visit's version and pin, every technician's day. */
  private stamps(visits: readonly PlanningVisit[], technicians: readonly Technician[]): Stamps {
    return {
      visits: Object.fromEntries(visits.map((v) => [v.id, `${v.version}|${this.pinned(v) ? 'pinned' : ''}`])),
      technicians: Object.fromEntries(technicians.map((t) => [t.id, JSON.stringify([t.skills, t.hours, t.absences, t.start, t.end])])),
    };
  }

  proposal(id: string): Proposal | null {
    const row = this.options.db.prepare<ProposalRow>('SELECT id, day, status, stamps, proposal FROM planning_proposals WHERE id = ?').get(id);
    return row ? { ...(JSON.parse(row.proposal) as Proposal), status: row.status } : null;
  }

  /** What changed in the day since the proposal (names), empty when nothing did. */
  private changesSince(day: string, stamps: Stamps, proposal: Proposal): string[] {
    const visits = this.visitsBetween(day, day);
    const now = this.stamps(visits, this.activeTechnicians());
    const label = (v: { customer: string; kind: string }) => v.customer || v.kind;
    const known = new Map([...proposal.routes.flatMap((r) => r.stops), ...proposal.unassigned].map((s) => [s.visitId, label(s)]));
    const changed: string[] = [];
    for (const v of visits) if (stamps.visits[v.id] !== now.visits[v.id]) changed.push(label(v));
    for (const id of Object.keys(stamps.visits)) if (!(id in now.visits)) changed.push(known.get(id) ?? id);
    const names = new Map(this.options.technicians().list().map((t) => [t.id, t.name]));
    const technicianIds = new Set([...Object.keys(stamps.technicians), ...Object.keys(now.technicians)]);
    for (const id of technicianIds) if (stamps.technicians[id] !== now.technicians[id]) changed.push(names.get(id) ?? id);
    return changed;
  }

  async accept(id: string, actor: string | null): Promise<{ proposal: Proposal; moved: number; customersNotified: number }> {
    const { db } = this.options;
    const row = db.prepare<ProposalRow>('SELECT id, day, status, stamps, proposal FROM planning_proposals WHERE id = ?').get(id);
    if (!row) throw new ServiceError('not_found', { reason: 'planning.proposal_unknown' });
    if (row.status !== 'pending') throw new ServiceError('conflict', { reason: 'planning.proposal_closed' });
    const proposal = JSON.parse(row.proposal) as Proposal;
    const stamps = JSON.parse(row.stamps) as Stamps;
    const moves = proposal.routes.flatMap((route) =>
      route.stops
        .filter((s) => s.fromTechnicianId !== null)
        .map((s) => ({ interventionId: s.visitId, technicianId: route.technicianId, day: proposal.day, windowStart: s.windowStart, windowEnd: s.windowEnd, reason: '« Optimiser la journée »' })),
    );
    const at = () => this.options.clock().toISOString();
    const inside = () => {
      const changed = this.changesSince(row.day, stamps, proposal);
      if (changed.length > 0) throw new ServiceError('conflict', { reason: 'planning.proposal_stale', params: { visits: [...new Set(changed)].join(', ') } });
      // The order and arrivals of the day as proposed (the moves below keep them: same day, same windows).
      db.prepare('DELETE FROM planning_route_stops WHERE day = ?').run(row.day);
      const stop = db.prepare('INSERT OR REPLACE INTO planning_route_stops (intervention_id, day, technician_id, position, arrival_min, proposal_id) VALUES (?, ?, ?, ?, ?, ?)');
      for (const route of proposal.routes) route.stops.forEach((s, position) => stop.run(s.visitId, row.day, route.technicianId, position, minutesOfDay(s.arrival), id));
      const claimed = db.prepare(`UPDATE planning_proposals SET status = 'accepted', decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending'`).run(at(), actor, id);
      if (claimed.changes !== 1) throw new ServiceError('conflict', { reason: 'planning.proposal_closed' });
    };
    let bookings: Awaited<ReturnType<BookingDesk['rescheduleMany']>> = [];
    try {
      if (moves.length === 0) db.transaction(inside);
      else bookings = await this.options.booking().rescheduleMany(moves, actor, { check: false, customer: 'if_changed', inside });
    } catch (error) {
      if (error instanceof ServiceError && error.reason === 'planning.proposal_stale') {
        db.prepare(`UPDATE planning_proposals SET status = 'stale', decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending'`).run(at(), actor, id);
      }
      throw error;
    }
    // Customers whose day or window changed were told (an e-mail tried); the others were not.
    const customersNotified = bookings.filter((b) => (b.history.at(-1)?.customerMail ?? null) !== null).length;
    return { proposal: { ...proposal, status: 'accepted' }, moved: moves.length, customersNotified };
  }

  refuse(id: string, actor: string | null): Proposal {
    const row = this.options.db.prepare<ProposalRow>('SELECT id, status FROM planning_proposals WHERE id = ?').get(id);
    if (!row) throw new ServiceError('not_found', { reason: 'planning.proposal_unknown' });
    if (row.status !== 'pending') throw new ServiceError('conflict', { reason: 'planning.proposal_closed' });
    this.options.db.prepare(`UPDATE planning_proposals SET status = 'refused', decided_at = ?, decided_by = ? WHERE id = ?`).run(this.options.clock().toISOString(), actor, id);
    return this.proposal(id)!;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

