/**
 * The « Bilan »: the company plan's KPI table (feuille de route › KPI de suivi projet › Gains,
 * mesurés mensuellement), each calendar month (Paris) measured from Accueil's own data beside the
 * plan's targets for M3, M6, M12 and M18. The supervisor's (and the administrator's) screen: on the
 * company server an agent's account does not read it; the standalone desk (role agent, no account)
 * is Gaëtan's own workstation and does.
 *
 * A figure Accueil cannot measure (the additional turnover) crosses as « not measured », never as
 * a number. Time saved is a model, not a measurement: its counts and its parameters cross with it.
 */
import { z } from 'zod';
import { call, companySetting, Empty, type CallerRole } from './call-spec';
import { IsoDate } from './model';

/** A calendar month, YYYY-MM. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export type Month = z.infer<typeof Month>;

/** Who reads the Bilan: the standalone desk (agent, no account) and, on the company server, supervisors and administrators. */
const BILAN_READERS: readonly CallerRole[] = ['agent', 'supervisor', 'admin'];
const BILAN_SERVER_READERS: readonly CallerRole[] = ['supervisor', 'admin'];

/**
 * The time-saved model's parameters: seconds of Claire's (or Gaëtan's) work one automatic action
 * spares, as the company estimates them. Hypotheses, editable in Paramètres › Bilan.
 */
export const TimeSavedParameters = z.object({
  /** A caller identified and their card popped: no searching the file by name while they wait. */
  secondsPerPop: z.number().int().min(0).max(3_600),
  /** An e-mail sent from a template instead of written by hand. */
  secondsPerTemplateEmail: z.number().int().min(0).max(3_600),
  /** A satisfaction survey sent automatically instead of a call or an e-mail by hand. */
  secondsPerSurvey: z.number().int().min(0).max(3_600),
  /** A relance (reminder) sent by a workflow. Accueil has no workflows yet: the count is 0. */
  secondsPerRelance: z.number().int().min(0).max(3_600),
});
export type TimeSavedParameters = z.infer<typeof TimeSavedParameters>;

export const BilanSettingsInput = z
  .object({
    /** The plan's month 0 (M3 is three months later); null: the month of the first recorded call. */
    planStart: Month.nullable(),
    timeSaved: TimeSavedParameters.strict(),
  })
  .strict();
export type BilanSettingsInput = z.infer<typeof BilanSettingsInput>;

export const BilanSettings = z.object({
  planStart: Month.nullable(),
  timeSaved: TimeSavedParameters,
  /** The month of the first call in the journal (the default month 0); null on an empty journal. */
  firstCallMonth: Month.nullable(),
});
export type BilanSettings = z.infer<typeof BilanSettings>;

export const Milestone = z.enum(['M3', 'M6', 'M12', 'M18']);
export type Milestone = z.infer<typeof Milestone>;

/** The plan's rows, in its order. */
export const PlanKpi = z.enum(['timeSaved', 'inboundPerDay', 'satisfaction', 'nps', 'traceability', 'revenue']);
export type PlanKpi = z.infer<typeof PlanKpi>;

/**
 *   reached      the month is over (or current) and its measure meets the target
 *   missed       measured, not met
 *   in_progress  the milestone's month is the current one (measured so far)
 *   upcoming     the milestone's month has not begun
 *   no_data      nothing to measure that month (« — »)
 *   not_measured Accueil has no data for this KPI (the additional turnover)
 *   no_plan      no month 0 yet (empty journal, no plan start set)
 */
export const MilestoneStatus = z.enum(['reached', 'missed', 'in_progress', 'upcoming', 'no_data', 'not_measured', 'no_plan']);
export type MilestoneStatus = z.infer<typeof MilestoneStatus>;

export const MilestoneCell = z.object({
  milestone: Milestone,
  /** The calendar month it falls on (month 0 + 3, 6, 12, 18); null without a month 0. */
  month: Month.nullable(),
  target: z.number(),
  /** The month's measure; null for « — ». */
  measured: z.number().nullable(),
  /** How many answers the measure stands on (satisfaction and NPS only). */
  n: z.number().int().nullable(),
  status: MilestoneStatus,
});
export type MilestoneCell = z.infer<typeof MilestoneCell>;

export const PlanRow = z.object({
  kpi: PlanKpi,
  /** Whether a higher measure is better (satisfaction) or a lower one (inbound calls a day). */
  better: z.enum(['higher', 'lower']),
  /** False for the additional turnover: Accueil keeps no sales figures. */
  measuredByAccueil: z.boolean(),
  milestones: z.array(MilestoneCell),
});
export type PlanRow = z.infer<typeof PlanRow>;

export const BilanMonth = z.object({
  month: Month,
  /** Months since month 0 (negative before it: the « before » of before/after); null without a month 0. */
  planMonth: z.number().int().nullable(),
  /** The current month, measured so far. */
  partial: z.boolean(),
  /** Monday–Friday, French public holidays excluded; for the current month, up to today. */
  workingDays: z.number().int(),
  inbound: z.object({
    /** Inbound calls journaled (simulated calls excluded). */
    calls: z.number().int(),
    perWorkingDay: z.number().nullable(),
  }),
  satisfaction: z.object({
    /** Answers given that month. */
    n: z.number().int(),
    /** Mean score /10, one decimal; null without answers. */
    mean: z.number().nullable(),
    /** % promoters (9–10) − % detractors (0–6); null without answers. */
    nps: z.number().nullable(),
  }),
  traceability: z.object({
    /** Conversations (calls answered, either direction). */
    answered: z.number().int(),
    /** Of them, with their wrap-up saved. */
    logged: z.number().int(),
    /** Whole %, rounded down (100 only when every conversation is logged); null without conversations. */
    percent: z.number().nullable(),
  }),
  timeSaved: z.object({
    /** Inbound calls whose caller was identified (the card popped by itself). */
    pops: z.number().int(),
    templateEmails: z.number().int(),
    surveys: z.number().int(),
    /** Always 0 today: no workflow sends relances yet. */
    relances: z.number().int(),
    /** Hours saved that month (counts × parameters); null when nothing was counted. */
    hours: z.number().nullable(),
    /** The same pace over a year (the plan's unit); a current month is first extended to its working days. */
    hoursPerYear: z.number().nullable(),
  }),
});
export type BilanMonth = z.infer<typeof BilanMonth>;

export const BilanTable = z.object({
  /** When it was measured. */
  asOf: IsoDate,
  planStart: Month.nullable(),
  /** Where month 0 comes from: the setting, the first recorded call, or nowhere yet. */
  planStartSource: z.enum(['setting', 'first-call', 'none']),
  parameters: TimeSavedParameters,
  rows: z.array(PlanRow),
  /** Oldest first, up to the current month. */
  months: z.array(BilanMonth),
});
export type BilanTable = z.infer<typeof BilanTable>;

export const bilanCalls = {
  'bilan.table': { ...call('read', Empty, BilanTable, BILAN_READERS), serverRoles: BILAN_SERVER_READERS },
  'bilan.settings': { ...call('read', Empty, BilanSettings, BILAN_READERS), serverRoles: BILAN_SERVER_READERS },
  /** Month 0 and the time-saved parameters are the company's: on the company server, an administrator's. */
  'bilan.updateSettings': companySetting(call('write', BilanSettingsInput, BilanSettings)),
} as const;

type BilanCalls = typeof bilanCalls;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends BilanCalls {}
}
