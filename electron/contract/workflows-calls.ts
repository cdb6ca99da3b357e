/**
 * Workflows (« Automatisations »): the rules that act by themselves — relances de devis, chantier à
 * planifier, rappel de rendez-vous, entretien annuel — their timers, what each step did and why,
 * a dry run of the coming days, and pause-all. The engine runs where the data lives (the company
 * server, or a desktop working alone); every console reads it through these calls.
 */
import { z } from 'zod';
import { audience, call, Empty, STAFF } from './call-spec';
import { Id, IsoDate } from './model';

export const CatchUpPolicy = z.enum(['send_late', 'skip', 'ask']);
export const DelayUnit = z.enum(['calendar_days', 'working_days', 'months', 'hours']);
export const StepActionType = z.enum(['email', 'callback', 'plan_intervention', 'open_ticket', 'notify_supervisor']);
export const WorkflowStepState = z.enum(['planned', 'held', 'running', 'done', 'skipped', 'failed']);

export const WorkflowRuleStep = z.object({
  id: z.string(),
  label: z.string(),
  action: StepActionType,
  amount: z.number().int(),
  unit: DelayUnit,
  atHour: z.number().int().min(0).max(23).nullable(),
  /** For an e-mail step: the template sent (Claire may choose another). */
  templateId: z.string().nullable(),
  templateName: z.string().nullable(),
});

export const WorkflowRule = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  triggerLabel: z.string(),
  enabled: z.boolean(),
  /** Runs elsewhere (the satisfaction survey): configured in Paramètres. */
  delegatedTo: z.enum(['satisfaction']).nullable(),
  /** Why it cannot run yet (no Sage data), in French; null when it can. */
  unavailable: z.string().nullable(),
  catchUp: CatchUpPolicy,
  steps: z.array(WorkflowRuleStep),
  /** Records in the rule now. */
  active: z.number().int(),
  planned: z.number().int(),
  held: z.number().int(),
  failed: z.number().int(),
  nextRunAt: IsoDate.nullable(),
});
export type WorkflowRule = z.infer<typeof WorkflowRule>;

/** One step of one record: planned, or what became of it and why. */
export const WorkflowStepItem = z.object({
  id: Id,
  ruleId: z.string(),
  ruleName: z.string(),
  stepLabel: z.string(),
  state: WorkflowStepState,
  dueAt: IsoDate,
  finishedAt: IsoDate.nullable(),
  /** The record the rule is about (« Devis DV-2026-00012 — Chaudière »). */
  recordLabel: z.string(),
  recordKind: z.enum(['quote', 'intervention', 'ticket', 'invoice']),
  recordId: Id,
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  contactName: z.string().nullable(),
  /** Why it ran, waits, was skipped or failed — a sentence in the UI's language. */
  reason: z.string().nullable(),
  attempts: z.number().int(),
});
export type WorkflowStepItem = z.infer<typeof WorkflowStepItem>;

export const WorkflowsOverview = z.object({
  paused: z.boolean(),
  pausedAt: IsoDate.nullable(),
  /** The steps run here: false in the demo workspace (nothing is sent) and in a one-shot command. */
  running: z.boolean(),
  /** Why not, when `running` is false. */
  notRunning: z.string().nullable(),
  rules: z.array(WorkflowRule),
  /** What the last start found overdue and did with it (shown until Claire dismisses it). */
  lastCatchUp: z
    .object({ at: IsoDate, overdue: z.number().int(), sentLate: z.number().int(), skipped: z.number().int(), held: z.number().int() })
    .nullable(),
});
export type WorkflowsOverview = z.infer<typeof WorkflowsOverview>;

export const DryRunItem = WorkflowStepItem.extend({
  /** What would happen if it ran now: « enverrait à anne@exemple.fr », « ignorée : devis accepté ». */
  outcome: z.string(),
  wouldAct: z.boolean(),
});
export type DryRunItem = z.infer<typeof DryRunItem>;

const RuleUpdate = z
  .object({
    ruleId: z.string().min(1).max(80),
    enabled: z.boolean().optional(),
    catchUp: CatchUpPolicy.optional(),
    steps: z
      .array(
        z
          .object({
            id: z.string().min(1).max(40),
            amount: z.number().int().min(-60).max(400),
            unit: DelayUnit,
            templateId: z.string().min(1).max(120).nullable().optional(),
          })
          .strict(),
      )
      .max(10)
      .optional(),
  })
  .strict();

export const workflowsCalls = {
  'workflows.overview': call('read', Empty, WorkflowsOverview, STAFF),
  'workflows.updateRule': call('write', RuleUpdate, WorkflowRule, STAFF),
  /** Stops every step at once (enrolments are still recorded); resuming applies each rule's catch-up policy. */
  'workflows.setPaused': call('write', z.object({ paused: z.boolean() }).strict(), WorkflowsOverview, STAFF),
  'workflows.upcoming': call('read', z.object({ days: z.number().int().min(1).max(60).default(14), ruleId: z.string().max(80).optional() }).strict(), z.array(WorkflowStepItem), STAFF),
  'workflows.history': call(
    'read',
    z.object({ limit: z.number().int().min(1).max(500).default(100), ruleId: z.string().max(80).optional(), contactId: Id.optional() }).strict(),
    z.array(WorkflowStepItem),
    STAFF,
  ),
  /** What would happen in the next days if nothing changed: each step with the outcome its checks give now. */
  'workflows.dryRun': call('read', z.object({ days: z.number().int().min(1).max(60).default(14) }).strict(), z.array(DryRunItem), STAFF),
  /** Steps waiting for a decision (late after a stop, rule « ask ») and failed ones. */
  'workflows.attention': call('read', Empty, z.array(WorkflowStepItem), STAFF),
  /** A held step: run it now, or skip it; a failed step: try again. */
  'workflows.decide': call('write', z.object({ stepId: Id, decision: z.enum(['run', 'skip', 'retry']) }).strict(), WorkflowStepItem, STAFF),
  'workflows.dismissCatchUp': call('write', Empty, WorkflowsOverview, STAFF),
  /** What is running for this customer (the pop and the record): « Relance devis J+15 prévue jeudi ». */
  'workflows.forRecord': call('read', z.object({ contactId: Id.nullable(), companyId: Id.nullable() }).strict(), z.array(WorkflowStepItem), STAFF),
} as const;

export const workflowsEvents = {
  /** A step ran, a rule changed, pause: the screen and the pop read again. */
  'workflows.changed': audience(STAFF, z.object({ contactIds: z.array(Id) })),
} as const;

type WorkflowsCalls = typeof workflowsCalls;
type WorkflowsEvents = typeof workflowsEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends WorkflowsCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends WorkflowsEvents {}
}
