/**
 * Sage in the console: what each shown customer owes (the pop's « Impayés » line, the record's open
 * items), read from the services — the days overdue are counted there, on the services' clock.
 * `sage.changed` (an import) reloads the customers shown.
 */
import { create } from 'zustand';
import type { CallOutput } from '../contract';
import { api } from '../transport/contract-client';

export type UnpaidSummary = NonNullable<CallOutput<'sage.unpaid'>>;

/** One key per card: a company, or a contact (its own accounts and its company's). */
export const unpaidKey = (companyId: string | null, contactId: string | null): string => `${companyId ?? ''}|${contactId ?? ''}`;

export interface SageState {
  /** By unpaidKey (undefined: not loaded; null: no Sage account for this customer). */
  unpaid: Record<string, UnpaidSummary | null>;
  loadUnpaid(companyId: string | null, contactId: string | null): Promise<void>;
  applyChanged(): void;
}

export const useSageStore = create<SageState>()((set, get) => ({
  unpaid: {},

  async loadUnpaid(companyId, contactId) {
    try {
      const summary = await api().invoke('sage.unpaid', { companyId, contactId });
      set({ unpaid: { ...get().unpaid, [unpaidKey(companyId, contactId)]: summary } });
    } catch {
      // A wall screen or an older server: the line is simply not shown.
    }
  },

  applyChanged() {
    for (const key of Object.keys(get().unpaid)) {
      const [companyId, contactId] = key.split('|');
      void get().loadUnpaid(companyId || null, contactId || null);
    }
  },
}));
