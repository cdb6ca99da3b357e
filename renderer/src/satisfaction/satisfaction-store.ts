/**
 * Satisfaction in the console: the figures (supervisor, wallboard), each shown customer's last
 * answer (pop, record), the survey settings. `satisfaction.changed` says which customers answered.
 */
import { create } from 'zustand';
import type { CallOutput } from '../contract';

export type SatisfactionFigures = CallOutput<'satisfaction.figures'>;
export type LatestAnswer = NonNullable<CallOutput<'satisfaction.latest'>>;
export type SatisfactionSettings = CallOutput<'satisfaction.settings'>;
export type ScoreSummary = SatisfactionFigures['window'];
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export interface SatisfactionState {
  figures: SatisfactionFigures | null;
  figuresError: UiError | null;
  /** Last answer per contact shown (undefined: not loaded yet; null: none). */
  latest: Record<string, LatestAnswer | null>;
  settings: SatisfactionSettings | null;
  settingsError: UiError | null;
  loadFigures(): Promise<void>;
  loadLatest(contactId: string): Promise<void>;
  /** Answers arrived: reload the figures if shown and the customers' last answers. */
  applyChanged(contactIds: readonly string[]): void;
  loadSettings(): Promise<void>;
  saveSettings(rules: { delayMinutes: number; capDays: number }): Promise<boolean>;
}

export const useSatisfactionStore = create<SatisfactionState>()((set, get) => ({
  figures: null,
  figuresError: null,
  latest: {},
  settings: null,
  settingsError: null,

  async loadFigures() {
    try {
      set({ figures: await api().invoke('satisfaction.figures', { windowDays: 90 }), figuresError: null });
    } catch (error) {
      set({ figuresError: toUiError(error) });
    }
  },

  async loadLatest(contactId) {
    try {
      const answer = await api().invoke('satisfaction.latest', { contactId });
      set({ latest: { ...get().latest, [contactId]: answer } });
    } catch {
      // A wall screen or a console without the right: the line is simply not shown.
    }
  },

  applyChanged(contactIds) {
    if (get().figures) void get().loadFigures();
    for (const id of contactIds) if (id in get().latest) void get().loadLatest(id);
  },

  async loadSettings() {
    try {
      set({ settings: await api().invoke('satisfaction.settings', {}), settingsError: null });
    } catch (error) {
      set({ settingsError: toUiError(error) });
    }
  },

  async saveSettings(rules) {
    try {
      set({ settings: await api().invoke('satisfaction.updateSettings', rules), settingsError: null });
      return true;
    } catch (error) {
      set({ settingsError: toUiError(error) });
      return false;
    }
  },
}));
