/**
 * Automatisations in the renderer: the rules as the engine runs them, what needs a decision, the
 * coming steps, the dry run and the history; and, per customer shown, what is running for them.
 * Every sentence (why a step ran or was skipped) comes from the services in the UI's language.
 */
import { create } from 'zustand';
import type { CallInput, CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import { busyAction } from '../ui/busy-action';

export type WorkflowsOverview = CallOutput<'workflows.overview'>;
export type WorkflowRule = WorkflowsOverview['rules'][number];
export type WorkflowStepItem = CallOutput<'workflows.history'>[number];
export type DryRunItem = CallOutput<'workflows.dryRun'>[number];
export type RuleUpdate = CallInput<'workflows.updateRule'>;
export type WorkflowsTab = 'upcoming' | 'dryRun' | 'history';

interface WorkflowsState {
  overview: WorkflowsOverview | null;
  /** The templates an e-mail step may send (id and name). */
  templates: Array<{ id: string; name: string }>;
  attention: WorkflowStepItem[];
  upcoming: WorkflowStepItem[];
  dryRun: DryRunItem[];
  history: WorkflowStepItem[];
  tab: WorkflowsTab;
  error: UiError | null;
  busy: boolean;
  /** Per customer shown (key `contact:<id>` or `company:<id>`): the steps planned for them. */
  forRecord: Record<string, WorkflowStepItem[]>;
  load(): Promise<void>;
  /** The steps waiting for a decision (the top bar's badge), without the rest of the screen. */
  loadAttention(): Promise<void>;
  setTab(tab: WorkflowsTab): void;
  loadTab(): Promise<void>;
  updateRule(update: RuleUpdate): Promise<boolean>;
  setPaused(paused: boolean): Promise<void>;
  decide(stepId: string, decision: 'run' | 'skip' | 'retry'): Promise<void>;
  dismissCatchUp(): Promise<void>;
  loadForRecord(contactId: string | null, companyId: string | null): Promise<void>;
  /** `workflows.changed`: what is shown is read again. */
  applyChanged(contactIds: readonly string[]): void;
}

export const recordKey = (contactId: string | null | undefined, companyId: string | null | undefined) => (contactId ? `contact:${contactId}` : companyId ? `company:${companyId}` : null);

export const useWorkflowsStore = create<WorkflowsState>()((set, get) => {
  const guarded = busyAction(set);
  return {
    overview: null,
    templates: [],
    attention: [],
    upcoming: [],
    dryRun: [],
    history: [],
    tab: 'upcoming',
    error: null,
    busy: false,
    forRecord: {},

    async load() {
      try {
        const [overview, attention, templates] = await Promise.all([api().invoke('workflows.overview', {}), api().invoke('workflows.attention', {}), api().invoke('templates.list', { channel: 'email' })]);
        set({ overview, attention, templates: templates.map((t) => ({ id: t.id, name: t.name })), error: null });
        await get().loadTab();
      } catch (error) {
        set({ error: toUiError(error) });
      }
    },
    async loadAttention() {
      try {
        set({ attention: await api().invoke('workflows.attention', {}) });
      } catch {
        // A console without the right (the wall screen): no badge.
      }
    },
    setTab(tab) {
      set({ tab });
      void get().loadTab();
    },
    async loadTab() {
      const { tab } = get();
      try {
        if (tab === 'upcoming') set({ upcoming: await api().invoke('workflows.upcoming', { days: 14 }) });
        else if (tab === 'dryRun') set({ dryRun: await api().invoke('workflows.dryRun', { days: 14 }) });
        else set({ history: await api().invoke('workflows.history', { limit: 200 }) });
      } catch (error) {
        set({ error: toUiError(error) });
      }
    },
    async updateRule(update) {
      let ok = false;
      await guarded(async () => {
        await api().invoke('workflows.updateRule', update);
        ok = true;
        await get().load();
      });
      return ok;
    },
    setPaused: (paused) =>
      guarded(async () => {
        set({ overview: await api().invoke('workflows.setPaused', { paused }) });
        await get().load();
      }),
    decide: (stepId, decision) =>
      guarded(async () => {
        await api().invoke('workflows.decide', { stepId, decision });
        await get().load();
      }),
    dismissCatchUp: () =>
      guarded(async () => {
        set({ overview: await api().invoke('workflows.dismissCatchUp', {}) });
      }),
    async loadForRecord(contactId, companyId) {
      const key = recordKey(contactId, companyId);
      if (!key) return;
      try {
        const steps = await api().invoke('workflows.forRecord', { contactId: contactId ?? null, companyId: contactId ? null : (companyId ?? null) });
        set({ forRecord: { ...get().forRecord, [key]: steps } });
      } catch {
        // A wall screen or a console without the right: the line is simply not shown.
      }
    },
    applyChanged(contactIds) {
      if (get().overview) void get().load();
      else void get().loadAttention();
      for (const key of Object.keys(get().forRecord)) {
        const [kind, id] = key.split(':') as ['contact' | 'company', string];
        if (kind === 'company' || contactIds.length === 0 || contactIds.includes(id)) void get().loadForRecord(kind === 'contact' ? id : null, kind === 'company' ? id : null);
      }
    },
  };
});
