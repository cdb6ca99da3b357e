/**
 * The callback list (missed calls to return) and click-to-call, fed by `callbacks.changed`.
 */
import { create } from 'zustand';
import type { Callback } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export interface CallbackState {
  open: Callback[];
  done: Callback[];
  showDone: boolean;
  /** « Mes rappels » (company server): only the callers who missed this person's line. */
  mine: boolean;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: UiError | null;
  /** Number being dialled (click-to-call in flight), and the last dial failure. */
  dialling: string | null;
  dialError: UiError | null;
  /** Target delay from the settings (minutes), once loaded. */
  targetMinutes: number | null;
  targetError: UiError | null;

  load(): Promise<void>;
  loadTarget(): Promise<void>;
  saveTarget(minutes: number): Promise<boolean>;
  applyChanged(open: Callback[]): void;
  setShowDone(showDone: boolean): Promise<void>;
  setMine(mine: boolean): Promise<void>;
  close(callbackId: string, reason: string): Promise<boolean>;
  dial(number: string): Promise<boolean>;
  clearDialError(): void;
}

export const useCallbackStore = create<CallbackState>()((set, get) => ({
  open: [],
  done: [],
  showDone: false,
  mine: false,
  status: 'idle',
  error: null,
  dialling: null,
  dialError: null,
  targetMinutes: null,
  targetError: null,

  async loadTarget() {
    try {
      set({ targetMinutes: (await api().invoke('callbacks.settings', {})).targetMinutes, targetError: null });
    } catch (error) {
      set({ targetError: toUiError(error) });
    }
  },

  async saveTarget(minutes) {
    try {
      set({ targetMinutes: (await api().invoke('callbacks.setTarget', { targetMinutes: minutes })).targetMinutes, targetError: null });
      return true;
    } catch (error) {
      set({ targetError: toUiError(error) });
      return false;
    }
  },

  async load() {
    set({ status: 'loading', error: null });
    try {
      const all = await api().invoke('callbacks.list', { includeDone: get().showDone, limit: 200, ...(get().mine ? { mine: true } : {}) });
      set({ open: all.filter((c) => c.state === 'open'), done: all.filter((c) => c.state === 'done'), status: 'ready' });
    } catch (error) {
      set({ status: 'error', error: toUiError(error) });
    }
  },

  applyChanged(open) {
    // The event lists everyone's open items: under « mes rappels » the list is read again.
    if (get().mine) {
      void get().load();
      return;
    }
    set({ open });
    // Closed items moved: refresh that list only when it is shown.
    if (get().showDone) void get().load();
  },

  async setShowDone(showDone) {
    set({ showDone });
    await get().load();
  },

  async setMine(mine) {
    set({ mine });
    await get().load();
  },

  async close(callbackId, reason) {
    try {
      await api().invoke('callbacks.close', { callbackId, reason });
      await get().load();
      return true;
    } catch (error) {
      set({ error: toUiError(error) });
      return false;
    }
  },

  async dial(number) {
    if (get().dialling) return false;
    set({ dialling: number, dialError: null });
    try {
      await api().invoke('dialer.call', { number });
      return true;
    } catch (error) {
      set({ dialError: toUiError(error) });
      return false;
    } finally {
      set({ dialling: null });
    }
  },

  clearDialError() {
    set({ dialError: null });
  },
}));
