/**
 * Risque de départ in the renderer: one record's risk (the pop, the record) and the list of the
 * customers most at risk (Gaëtan's). Scores are computed by the services twice a day; reading one is
 * a lookup.
 */
import { create } from 'zustand';
import type { CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type ChurnForRecord = CallOutput<'churn.forRecord'>;
export type ChurnList = CallOutput<'churn.list'>;
export type ChurnRisk = ChurnList['customers'][number];

export const churnKey = (companyId: string | null | undefined, contactId: string | null | undefined) => (companyId ? `company:${companyId}` : contactId ? `contact:${contactId}` : null);

interface ChurnState {
  byRecord: Record<string, ChurnForRecord | undefined>;
  list: ChurnList | null;
  error: UiError | null;
  loadForRecord(companyId: string | null, contactId: string | null): Promise<void>;
  loadList(): Promise<void>;
}

export const useChurnStore = create<ChurnState>()((set, get) => ({
  byRecord: {},
  list: null,
  error: null,
  async loadForRecord(companyId, contactId) {
    const key = churnKey(companyId, contactId);
    if (!key) return;
    try {
      const found = await api().invoke('churn.forRecord', { companyId, contactId: companyId ? null : contactId });
      set({ byRecord: { ...get().byRecord, [key]: found } });
    } catch {
      // A console without the right (a wall screen) shows no line.
    }
  },
  async loadList() {
    try {
      set({ list: await api().invoke('churn.list', { limit: 100 }), error: null });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },
}));
