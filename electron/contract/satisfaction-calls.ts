/**
 * Satisfaction: the surveys sent after a visit or a resolved ticket, their answers, and the
 * figures the supervisor and the company's plan read (CSAT /10 and NPS, each with its n and its
 * 95 % interval). The customer's side — the answer page — is on the public surface
 * (host/public/satisfaction.ts), not in this contract.
 */
import { z } from 'zod';
import { audience, call, companySetting, Empty, STAFF, STAFF_AND_WALL_SCREEN } from './call-spec';
import { Id, IsoDate } from './model';

export const NpsCategory = z.enum(['detracteur', 'passif', 'promoteur']);

const Interval = z.object({ low: z.number(), high: z.number() });

export const ScoreSummary = z.object({
  n: z.number().int().min(0),
  /** Mean score /10 (the plan's « satisfaction client /10 »), one decimal; null without answers. */
  mean: z.number().nullable(),
  meanInterval: Interval.nullable(),
  /** % answering 9–10. */
  topShare: z.number().nullable(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** −100…+100. */
  nps: z.number().nullable(),
  npsInterval: Interval.nullable(),
});
export type ScoreSummary = z.infer<typeof ScoreSummary>;

export const GroupSummary = ScoreSummary.extend({ label: z.string() });

export const SatisfactionFigures = z.object({
  /** The rolling window (default 90 days) ending now. */
  from: IsoDate,
  to: IsoDate,
  windowDays: z.number().int(),
  window: ScoreSummary,
  /** Surveys sent in the window and how many were answered. */
  sent: z.number().int(),
  answered: z.number().int(),
  /** % of the surveys sent that were answered; null when none was sent. */
  responseRate: z.number().nullable(),
  byTechnician: z.array(GroupSummary),
  byKind: z.array(GroupSummary),
  /** The last 12 calendar months (Paris), oldest first: `month` is YYYY-MM. */
  months: z.array(ScoreSummary.extend({ month: z.string() })),
});
export type SatisfactionFigures = z.infer<typeof SatisfactionFigures>;

export const LatestAnswer = z.object({
  surveyId: Id,
  score: z.number().int().min(0).max(10),
  category: NpsCategory,
  answeredAt: IsoDate,
  comment: z.string().nullable(),
  wantsCallback: z.boolean(),
});
export type LatestAnswer = z.infer<typeof LatestAnswer>;

export const SatisfactionSettings = z.object({
  /** After the visit is done (or the ticket resolved), before the survey leaves (then 9:00–19:00, not Sundays or holidays). */
  delayMinutes: z.number().int().min(0).max(10_080),
  /** At most one survey per customer in this many days. */
  capDays: z.number().int().min(0).max(365),
  /** Surveys can go out: the company server has a public address and e-mail is configured. */
  sending: z.boolean(),
  /** Why not, in the settings' language, when `sending` is false. */
  sendingBlocker: z.string().nullable(),
  /** The same as a reason of the error catalogue, for the console to word in its own language (its
      language may have changed since the settings were read). */
  sendingBlockerReason: z.string().nullable().optional(),
  /** ACCUEIL_SURVEY_DELAY_MIN sets the delay (the screen shows it read-only). */
  delayFromEnvironment: z.boolean(),
});
export type SatisfactionSettings = z.infer<typeof SatisfactionSettings>;

export const satisfactionCalls = {
  'satisfaction.figures': call('read', z.object({ windowDays: z.number().int().min(7).max(365).default(90) }).strict(), SatisfactionFigures, STAFF_AND_WALL_SCREEN),
  /** The customer's last answer, for the pop and the record (« Dernier avis : 3/10, il y a 2 jours »). */
  'satisfaction.latest': call('read', z.object({ contactId: Id }).strict(), LatestAnswer.nullable(), STAFF),
  'satisfaction.settings': call('read', Empty, SatisfactionSettings, STAFF),
  'satisfaction.updateSettings': companySetting(
    call('write', z.object({ delayMinutes: z.number().int().min(0).max(10_080), capDays: z.number().int().min(0).max(365) }).strict(), SatisfactionSettings),
  ),
} as const;

export const satisfactionEvents = {
  /** An answer arrived or changed: the figures and these customers' « Dernier avis » are worth reading again. */
  'satisfaction.changed': audience(STAFF_AND_WALL_SCREEN, z.object({ contactIds: z.array(Id) })),
} as const;

type SatisfactionCalls = typeof satisfactionCalls;
type SatisfactionEvents = typeof satisfactionEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends SatisfactionCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends SatisfactionEvents {}
}
