/**
 * Supervision (issue 5): the live queue and agents from the PBX, the day's figures and the last
 * days' trend from the call journal, tomorrow's call volume, and the role of this workstation.
 * Every call here is `read` except the settings update: the wallboard (read-only token) can show
 * everything and change nothing.
 */
import { z } from 'zod';
import { IsoDate } from './model';
import { audience, call, Empty, STAFF_AND_WALL_SCREEN, companySetting } from './call-spec';

/**
 * An agent's state as the wall screen shows it:
 *   offline ── subscription accepted ──▶ available ──▶ ringing ──▶ on_call ──▶ wrap_up ──▶ available
 * `offline` also while the PBX cannot be reached; `wrap_up` lasts `wrapUpSeconds` after a call.
 */
export const AgentState = z.enum(['offline', 'available', 'ringing', 'on_call', 'wrap_up']);
export type AgentState = z.infer<typeof AgentState>;

export const LiveParty = z.object({
  /** As received from the PBX (user part of the remote identity). */
  number: z.string(),
  /** National format for French numbers, or as received. */
  display: z.string(),
  /** The customer's name from the directory, else the display name the PBX gave, else null. */
  name: z.string().nullable(),
});
export type LiveParty = z.infer<typeof LiveParty>;

export const LiveAgent = z.object({
  extension: z.string(),
  name: z.string(),
  state: AgentState,
  /** When the current state began (for "en appel depuis 3 min"). */
  since: IsoDate,
  /** The other party while ringing or on a call. */
  party: LiveParty.nullable(),
});
export type LiveAgent = z.infer<typeof LiveAgent>;

export const LiveCall = z.object({
  id: z.string(),
  state: z.enum(['waiting', 'in_progress']),
  party: LiveParty.nullable(),
  /** First seen ringing at the hunt group / agent. */
  since: IsoDate,
  answeredAt: IsoDate.nullable(),
  /** Extension of the agent who took it, when known. */
  agent: z.string().nullable(),
});
export type LiveCall = z.infer<typeof LiveCall>;

export const LiveState = z.object({
  /** Where the live state comes from, and whether it is flowing. */
  source: z.object({
    kind: z.enum(['none', 'sip-dialog', 'journal']),
    state: z.enum(['unconfigured', 'connecting', 'live', 'failed']),
    detail: z.string().nullable(),
  }),
  agents: z.array(LiveAgent),
  /** Oldest first. */
  calls: z.array(LiveCall),
  updatedAt: IsoDate,
});
export type LiveState = z.infer<typeof LiveState>;

export const HourBucket = z.object({ hour: z.number().int(), inbound: z.number().int(), answered: z.number().int(), missed: z.number().int() });
export type HourBucket = z.infer<typeof HourBucket>;

/** One Paris calendar day of inbound calls. Durations in seconds; null when nothing to measure. */
export const DayKpis = z.object({
  date: z.string(),
  inbound: z.number().int(),
  answered: z.number().int(),
  missed: z.number().int(),
  /** answered / (answered + missed); null with no finished call. */
  answerRate: z.number().nullable(),
  averageWaitSeconds: z.number().nullable(),
  longestWaitSeconds: z.number().nullable(),
  averageHandlingSeconds: z.number().nullable(),
});
export type DayKpis = z.infer<typeof DayKpis>;

export const TodayKpis = DayKpis.extend({
  /** Distinct caller numbers with a missed call (last `pendingLookbackDays` days) not called back yet. */
  pendingCallbacks: z.number().int(),
  oldestPendingAt: IsoDate.nullable(),
  /** Of today's missed callers with a number: called back, and called back within the target. */
  missedCallers: z.number().int(),
  calledBack: z.number().int(),
  calledBackWithinTarget: z.number().int(),
  callbackTargetMinutes: z.number().int(),
  /** Where the callback figures come from: the callback list Claire works from. */
  callbackSource: z.literal('callback-list'),
  byHour: z.array(HourBucket),
  computedAt: IsoDate,
});
export type TodayKpis = z.infer<typeof TodayKpis>;

export const ForecastHour = z.object({
  date: z.string(),
  hour: z.number().int(),
  /** Expected inbound calls in that Paris hour. */
  expected: z.number(),
  /** Same hour last week (the naive baseline), when known. */
  naive: z.number().nullable(),
});
export type ForecastHour = z.infer<typeof ForecastHour>;

export const ForecastError = z.object({ mae: z.number(), wape: z.number() });

export const Forecast = z.object({
  generatedAt: IsoDate,
  /** The next 7 Paris days, hour by hour (0–23). */
  hours: z.array(ForecastHour),
  /** Per day, for the chart's labels. */
  days: z.array(z.object({ date: z.string(), expected: z.number(), holiday: z.string().nullable() })),
  /** Rolling-origin backtest on the last weeks; null while the history is too short. */
  backtest: z
    .object({
      weeks: z.number().int(),
      hours: z.number().int(),
      model: ForecastError,
      naive: ForecastError,
    })
    .nullable(),
  /** Weeks of history the model learned from. */
  historyWeeks: z.number().int(),
});
export type Forecast = z.infer<typeof Forecast>;

export const WorkstationRole = z.enum(['agent', 'supervisor']);
export type WorkstationRole = z.infer<typeof WorkstationRole>;

export const MonitoredExtension = z.object({
  extension: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._+-]+$/, 'Extension : lettres, chiffres, . _ + -'),
  name: z.string().trim().max(100),
});
export type MonitoredExtension = z.infer<typeof MonitoredExtension>;

export const SupervisionSettings = z.object({
  role: WorkstationRole,
  /** The agents' extensions to watch (user part, e.g. "claire" or "201"). */
  extensions: z.array(MonitoredExtension),
  /** The hunt group / queue number whose ringing calls are "waiting"; '' when none. */
  queueNumber: z.string(),
  wrapUpSeconds: z.number().int(),
});
export type SupervisionSettings = z.infer<typeof SupervisionSettings>;

export const SupervisionSettingsInput = z
  .object({
    role: WorkstationRole,
    extensions: z.array(MonitoredExtension).max(50),
    queueNumber: z
      .string()
      .trim()
      .max(64)
      .regex(/^[A-Za-z0-9._+-]*$/, 'Numéro du groupe : lettres, chiffres, . _ + -'),
    wrapUpSeconds: z.number().int().min(0).max(600).default(30),
  })
  .strict();

export const supervisionCalls = {
  'supervision.live': call('read', Empty, LiveState),
  'supervision.today': call('read', Empty, TodayKpis),
  'supervision.trend': call('read', z.object({ days: z.number().int().min(1).max(90).default(30) }).strict(), z.array(DayKpis)),
  'supervision.forecast': call('read', Empty, Forecast),
  'supervision.settings': call('read', Empty, SupervisionSettings),
  'supervision.updateSettings': companySetting(call('write', SupervisionSettingsInput, SupervisionSettings)),
} as const;

/** The wall screen shows the live board and the figures: the agent's console and its read-only link. */
const WALL_SCREEN = STAFF_AND_WALL_SCREEN;

export const supervisionEvents = {
  /** The live state changed (an agent, a waiting call, the PBX link). */
  'supervision.live': audience(WALL_SCREEN, LiveState),
  'supervision.settingsChanged': audience(WALL_SCREEN, SupervisionSettings),
  /** A call was journaled or moved on: the day's figures are worth reading again (no call data). */
  'supervision.figuresChanged': audience(WALL_SCREEN, Empty),
} as const;

type SupervisionCalls = typeof supervisionCalls;
type SupervisionEvents = typeof supervisionEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends SupervisionCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends SupervisionEvents {}
}
