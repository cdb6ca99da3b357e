/**
 * The planning board (issue 16, part 3): a week per technician with the visits, absences and
 * working hours, the conflicts the services find in it, moving a visit (to another technician, day
 * or window) and « Optimiser la journée » — a proposal computed by the route solver, that changes
 * nothing until a person accepts it. The planning area answers (services/planning/).
 *
 * Roles: the staff (Claire, agent; Gaëtan, supervisor) view the board and move visits. Forcing a
 * move that breaks a booked visit's window is a supervisor's (or an administrator's) on the company
 * server; accepting a proposal too (`serverRoles`). A standalone console is the company's only desk:
 * its user may do both.
 */
import { z } from 'zod';
import { audience, call, STAFF } from './call-spec';
import { ClockTime, DateOnly, MailOutcome, Skill, Urgency } from './booking-calls';
import { Id, IsoDate } from './model';

/** Who may force a move or accept a proposal on the company server. */
export const PLANNING_SUPERVISORS = ['supervisor', 'admin'] as const;

export const ConflictKind = z.enum([
  /** Two visits of the technician whose windows and lengths cannot both be kept, in either order. */
  'overlap',
  /** The visit cannot be done inside his working hours that day (or he does not work that day, or he would be back too late). */
  'outside_hours',
  /** He is away that day. */
  'absence',
  /** He lacks a skill the kind of visit needs. */
  'missing_skill',
  /** With the drives between his visits (travel model), he cannot arrive inside this window. */
  'window_unreachable',
  /** No technician: the visit waits for one. */
  'unassigned',
]);
export type ConflictKind = z.infer<typeof ConflictKind>;

export const Conflict = z.object({
  kind: ConflictKind,
  visitId: Id,
  /** The other visit (overlap). */
  otherVisitId: Id.nullable(),
  /** The estimated arrival (window_unreachable) or return (outside_hours), HH:MM — past midnight when hopeless (« 26:10 »). */
  at: z.string().max(10).nullable(),
  /** Skills missing (missing_skill). */
  skills: z.array(z.string()),
  /** The absence's reason (absence). */
  reason: z.string().nullable(),
});
export type Conflict = z.infer<typeof Conflict>;

export const BoardVisit = z.object({
  id: Id,
  technicianId: z.string().nullable(),
  day: DateOnly,
  /** The arrival window the customer was told (a visit from the CRM: its start time, both ends). */
  windowStart: ClockTime,
  windowEnd: ClockTime,
  durationMin: z.number().int(),
  /** The arrival planned by an accepted « Optimiser la journée » (null: none yet). */
  plannedArrival: ClockTime.nullable(),
  kind: z.string(),
  typeId: z.string().nullable(),
  skills: z.array(z.string()),
  customer: z.string(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  address: z.string(),
  commune: z.string(),
  status: z.enum(['planifiee', 'en_cours']),
  urgency: Urgency,
  /** Booked in Accueil (movable here), or mirrored from a HubSpot meeting (moved in HubSpot). */
  source: z.enum(['accueil', 'crm']),
  /** Stays where it is when a day is optimised (started, pinned by hand, or from the CRM). */
  pinned: z.boolean(),
  pinnedByHand: z.boolean(),
  /** Changes with every change of the visit: a move carries it, and is refused if it moved since. */
  version: z.string(),
  conflicts: z.array(Conflict),
});
export type BoardVisit = z.infer<typeof BoardVisit>;

export const BoardDay = z.object({
  day: DateOnly,
  /** His working hours that day (null: he does not work that day). */
  hours: z.object({ start: ClockTime, end: ClockTime }).nullable(),
  absence: z.string().nullable(),
  /** Road km of his day as planned (start → visits → end, travel model). */
  km: z.number(),
});

export const BoardTechnician = z.object({
  id: Id,
  name: z.string(),
  skills: z.array(Skill),
  days: z.array(BoardDay),
});

export const PlanningBoard = z.object({
  weekStart: DateOnly,
  days: z.array(z.object({ day: DateOnly, holiday: z.string().nullable() })),
  today: DateOnly,
  technicians: z.array(BoardTechnician),
  visits: z.array(BoardVisit),
  conflicts: z.array(Conflict),
});
export type PlanningBoard = z.infer<typeof PlanningBoard>;

export const MoveInput = z
  .object({
    visitId: Id,
    /** The board's version of the visit: refused if it changed since (planning.visit_changed). */
    version: z.string().max(200),
    technicianId: Id,
    day: DateOnly,
    windowStart: ClockTime,
    windowEnd: ClockTime,
    /** Break another visit's window anyway (a supervisor's decision). */
    force: z.boolean().default(false),
    reason: z.string().trim().max(300).optional(),
  })
  .strict()
  .refine((m) => m.windowStart <= m.windowEnd, { message: 'windowStart ≤ windowEnd', path: ['windowEnd'] });

export const MoveResult = z.object({
  visit: BoardVisit,
  /** What became of the customer's e-mail: null when he was not told (his day and window did not change). */
  customerMail: MailOutcome.nullable(),
  /** The conflicts a forced move left (empty when none). */
  conflicts: z.array(Conflict),
});

export const ProposalStop = z.object({
  visitId: Id,
  arrival: ClockTime,
  start: ClockTime,
  kind: z.string(),
  customer: z.string(),
  commune: z.string(),
  windowStart: ClockTime,
  windowEnd: ClockTime,
  pinned: z.boolean(),
  /** The technician it leaves (null: stays with him). */
  fromTechnicianId: z.string().nullable(),
  fromTechnicianName: z.string().nullable(),
});

export const ProposalRoute = z.object({
  technicianId: Id,
  technicianName: z.string(),
  stops: z.array(ProposalStop),
  kmBefore: z.number(),
  kmAfter: z.number(),
  visitsBefore: z.number().int(),
});

export const Proposal = z.object({
  id: Id,
  day: DateOnly,
  createdAt: IsoDate,
  createdBy: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'refused', 'stale']),
  routes: z.array(ProposalRoute),
  unassigned: z.array(z.object({ visitId: Id, kind: z.string(), customer: z.string(), reason: z.string(), detail: z.string() })),
  totals: z.object({ kmBefore: z.number(), kmAfter: z.number(), visits: z.number().int(), served: z.number().int(), moves: z.number().int() }),
  /** The independent verifier's judgement of the proposal (every window, shift and skill kept). */
  verified: z.boolean(),
  solveMs: z.number(),
});
export type Proposal = z.infer<typeof Proposal>;

export const planningCalls = {
  /** The week that contains `day` (default: today; Monday to Sunday), every active technician, the conflicts. */
  'planning.board': call('read', z.object({ day: DateOnly.optional() }).strict(), PlanningBoard, STAFF),
  /** Moves a visit booked in Accueil (the booking desk's reschedule: HubSpot updated once, the customer's invitation if his window changed, history). */
  'planning.move': call('write', MoveInput, MoveResult, STAFF),
  /** Keeps a visit where it is when its day is optimised (or lets it go). */
  'planning.pin': call('write', z.object({ visitId: Id, pinned: z.boolean() }).strict(), z.object({ pinned: z.boolean() }), STAFF),
  /** « Optimiser la journée »: a proposal, nothing changed. */
  'planning.optimise': call('write', z.object({ day: DateOnly }).strict(), Proposal, STAFF),
  'planning.proposal': call('read', z.object({ id: Id }).strict(), Proposal.nullable(), STAFF),
  /** Applies every move of the proposal in one transaction; refused if a visit of the day changed since. */
  'planning.accept': { ...call('write', z.object({ id: Id }).strict(), z.object({ proposal: Proposal, moved: z.number().int(), /** Customers told (their day or window changed). */ customersNotified: z.number().int() }), STAFF), serverRoles: PLANNING_SUPERVISORS },
  'planning.refuse': call('write', z.object({ id: Id }).strict(), Proposal, STAFF),
} as const;

export const planningEvents = {
  /** Visits moved on these days (a move, an accepted proposal): open boards read again. */
  'planning.changed': audience(STAFF, z.object({ days: z.array(DateOnly) })),
} as const;

type PlanningCalls = typeof planningCalls;
type PlanningEvents = typeof planningEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends PlanningCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends PlanningEvents {}
}
