/**
 * The Bilan in the renderer: the table as the services measured it, and its settings. Every figure
 * and every status is computed by the services (bilan-measurer.ts); this store only keeps what is
 * on screen. Who may open it is decided here from who is signed in, and checked again by the contract.
 */
import { create } from 'zustand';
import type { CallInput, CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type BilanTable = CallOutput<'bilan.table'>;
export type BilanMonth = BilanTable['months'][number];
export type PlanRow = BilanTable['rows'][number];
export type MilestoneCell = PlanRow['milestones'][number];
export type BilanSettings = CallOutput<'bilan.settings'>;
export type BilanSettingsInput = CallInput<'bilan.updateSettings'>;

/**
 * The Bilan is the supervisor's: on the company server a supervisor's or an administrator's
 * account; on a standalone desk (no account), the workstation whose role is supervisor.
 */
export function canReadBilan(accountRole: string | null | undefined, workstationRole: string | null | undefined): boolean {
  if (accountRole) return accountRole === 'supervisor' || accountRole === 'admin';
  return workstationRole === 'supervisor';
}

/** Month 0 and the parameters are the company's: on the server, an administrator's (companySetting). */
export function canEditBilanSettings(accountRole: string | null | undefined): boolean {
  return !accountRole || accountRole === 'admin';
}

interface BilanState {
  table: BilanTable | null;
  settings: BilanSettings | null;
  loading: boolean;
  error: UiError | null;
  saving: boolean;
  saveError: UiError | null;
  load(): Promise<void>;
  saveSettings(input: BilanSettingsInput): Promise<boolean>;
}

export const useBilanStore = create<BilanState>()((set) => ({
  table: null,
  settings: null,
  loading: false,
  error: null,
  saving: false,
  saveError: null,

  async load() {
    set({ loading: true });
    try {
      const [table, settings] = await Promise.all([api().invoke('bilan.table', {}), api().invoke('bilan.settings', {})]);
      set({ table, settings, loading: false, error: null });
    } catch (error) {
      set({ loading: false, error: toUiError(error) });
    }
  },
  async saveSettings(input) {
    set({ saving: true, saveError: null });
    try {
      const settings = await api().invoke('bilan.updateSettings', input);
      const table = await api().invoke('bilan.table', {});
      set({ settings, table, saving: false });
      return true;
    } catch (error) {
      set({ saving: false, saveError: toUiError(error) });
      return false;
    }
  },
}));
