/**
 * Sage in the console: what each shown customer owes (the pop's « Impayés » line, the record's open
 * items), read from the services — the days overdue are counted there, on the services' clock.
 * `sage.changed` (an import) reloads the customers shown.
 */
import { create } from 'zustand';
import type { CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type UnpaidSummary = NonNullable<CallOutput<'sage.unpaid'>>;
export type SageReview = CallOutput<'sage.reviews'>[number];
export type ReviewDecision = { decision: 'accept' | 'pick' | 'create' | 'ignore'; companyId?: string | null; contactId?: string | null };

/** One key per card: a company, or a contact (its own accounts and its company's). */
export const unpaidKey = (companyId: string | null, contactId: string | null): string => `${companyId ?? ''}|${contactId ?? ''}`;

export interface SageState {
  /** By unpaidKey (undefined: not loaded; null: no Sage account for this customer). */
  unpaid: Record<string, UnpaidSummary | null>;
  loadUnpaid(companyId: string | null, contactId: string | null): Promise<void>;
  /** Doubtful matches waiting for a person (null: not loaded). */
  reviews: SageReview[] | null;
  reviewError: UiError | null;
  loadReviews(): Promise<void>;
  decide(reviewId: number, decision: ReviewDecision): Promise<boolean>;
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

  reviews: null,
  reviewError: null,

  async loadReviews() {
    try {
      set({ reviews: await api().invoke('sage.reviews', {}), reviewError: null });
    } catch (error) {
      set({ reviewError: toUiError(error) });
    }
  },

  async decide(reviewId, { decision, companyId = null, contactId = null }) {
    try {
      await api().invoke('sage.decideReview', { reviewId, decision, companyId, contactId });
      set({ reviewError: null });
      await get().loadReviews();
      return true;
    } catch (error) {
      set({ reviewError: toUiError(error) });
      return false;
    }
  },

  applyChanged() {
    if (get().reviews) void get().loadReviews();
    for (const key of Object.keys(get().unpaid)) {
      const [companyId, contactId] = key.split('|');
      void get().loadUnpaid(companyId || null, contactId || null);
    }
  },
}));
