/**
 * A shipped rule as Claire set it: on/off, catch-up policy, each step's delay and template. Stored
 * in workflow_rule_settings (one JSON row per rule she changed); a row that no longer parses, or a
 * step that no longer exists, falls back to the shipped values — a bad row never stops the engine.
 */
import { z } from 'zod';
import type { CatchUpPolicy, RuleDefinition, StepAction, StepDefinition } from './shipped-rules';
import { SHIPPED_RULES } from './shipped-rules';
import type { Delay } from './workflow-calendar';

const StoredStep = z.object({
  id: z.string(),
  amount: z.number().int().min(-60).max(400),
  unit: z.enum(['calendar_days', 'working_days', 'months', 'hours']),
  templateId: z.string().nullable().optional(),
});
const StoredRule = z.object({
  enabled: z.boolean().optional(),
  catchUp: z.enum(['send_late', 'skip', 'ask']).optional(),
  steps: z.array(StoredStep).optional(),
});
export type StoredRuleSettings = z.infer<typeof StoredRule>;

export interface EffectiveRule extends RuleDefinition {
  enabled: boolean;
  catchUp: CatchUpPolicy;
  steps: readonly StepDefinition[];
  /** Runs in this engine: not delegated, not waiting for data. */
  runsHere: boolean;
}

export function effectiveRule(definition: RuleDefinition, stored: unknown): EffectiveRule {
  const parsed = StoredRule.safeParse(stored);
  const settings = parsed.success ? parsed.data : {};
  const steps = definition.steps.map((step): StepDefinition => {
    const changed = settings.steps?.find((s) => s.id === step.id);
    if (!changed) return step;
    const delay: Delay = { amount: changed.amount, unit: changed.unit, atHour: step.delay.atHour };
    const action: StepAction = step.action.type === 'email' && changed.templateId ? { type: 'email', templateId: changed.templateId } : step.action;
    return { ...step, delay, action };
  });
  const runsHere = !definition.delegatedTo && !definition.needs;
  return { ...definition, steps, enabled: runsHere && (settings.enabled ?? definition.enabledByDefault), catchUp: settings.catchUp ?? definition.catchUp, runsHere };
}

export function effectiveRules(stored: Map<string, unknown>): EffectiveRule[] {
  return SHIPPED_RULES.map((rule) => effectiveRule(rule, stored.get(rule.id)));
}

/** Merges a change into what was stored (only the fields given change). */
export function mergeRuleSettings(
  definition: RuleDefinition,
  stored: unknown,
  change: { enabled?: boolean | undefined; catchUp?: CatchUpPolicy | undefined; steps?: Array<{ id: string; amount: number; unit: Delay['unit']; templateId?: string | null | undefined }> | undefined },
): StoredRuleSettings {
  const parsed = StoredRule.safeParse(stored);
  const current: StoredRuleSettings = parsed.success ? parsed.data : {};
  const steps = new Map((current.steps ?? []).map((s) => [s.id, s]));
  for (const step of change.steps ?? []) {
    const shipped = definition.steps.find((s) => s.id === step.id);
    if (!shipped) continue;
    steps.set(step.id, { id: step.id, amount: step.amount, unit: step.unit, templateId: shipped.action.type === 'email' ? (step.templateId ?? steps.get(step.id)?.templateId ?? null) : null });
  }
  return {
    ...(change.enabled !== undefined ? { enabled: change.enabled } : current.enabled !== undefined ? { enabled: current.enabled } : {}),
    ...(change.catchUp !== undefined ? { catchUp: change.catchUp } : current.catchUp !== undefined ? { catchUp: current.catchUp } : {}),
    ...(steps.size > 0 ? { steps: [...steps.values()] } : {}),
  };
}
