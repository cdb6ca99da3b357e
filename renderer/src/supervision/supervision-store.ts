/**
 * Supervision in the renderer: the live board (pushed by `supervision.live`), the day's figures, the
 * trend and the forecast (re-read when calls change, and every minute), and the role settings.
 * Every figure is computed by the services; this store only keeps what is on screen.
 */
import { create } from 'zustand';
import type { CallerRole, CallInput, CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type LiveState = CallOutput<'supervision.live'>;
export type LiveAgent = LiveState['agents'][number];
export type LiveCall = LiveState['calls'][number];
export type TodayKpis = CallOutput<'supervision.today'>;
export type DayKpis = CallOutput<'supervision.trend'>[number];
export type Forecast = CallOutput<'supervision.forecast'>;
export type SupervisionSettings = CallOutput<'supervision.settings'>;
export type SupervisionSettingsInput = CallInput<'supervision.updateSettings'>;

/** The wall screen: the page opened at /wallboard, or any read-only connection. */
export function isWallboardLocation(pathname: string, access: CallerRole | null | undefined): boolean {
  // Anchored at both ends: `/\/+$/` retried every '/' of a long run, so a crafted link of slashes froze the tab.
  return /^\/wallboard\/*$/.test(pathname) || access === 'read-only';
}

export interface SupervisionState {
  open: boolean;
  live: LiveState | null;
  today: TodayKpis | null;
  trend: DayKpis[];
  forecast: Forecast | null;
  settings: SupervisionSettings | null;
  error: UiError | null;
  saving: boolean;
  saveError: UiError | null;

  setOpen(open: boolean): void;
  applyLive(live: LiveState): void;
  applySettings(settings: SupervisionSettings): void;
  loadLive(): Promise<void>;
  loadFigures(): Promise<void>;
  loadSettings(): Promise<void>;
  saveSettings(input: SupervisionSettingsInput): Promise<boolean>;
}

export const useSupervisionStore = create<SupervisionState>()((set) => ({
  open: false,
  live: null,
  today: null,
  trend: [],
  forecast: null,
  settings: null,
  error: null,
  saving: false,
  saveError: null,

  setOpen(open) {
    set({ open });
  },
  applyLive(live) {
    set({ live });
  },
  applySettings(settings) {
    set((s) => ({ settings, open: settings.role === 'supervisor' ? s.open : false }));
  },
  async loadLive() {
    try {
      set({ live: await api().invoke('supervision.live', {}) });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },
  async loadFigures() {
    try {
      const [today, trend, forecast] = await Promise.all([
        api().invoke('supervision.today', {}),
        api().invoke('supervision.trend', { days: 30 }),
        api().invoke('supervision.forecast', {}),
      ]);
      set({ today, trend, forecast, error: null });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },
  async loadSettings() {
    try {
      set({ settings: await api().invoke('supervision.settings', {}) });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },
  async saveSettings(input) {
    set({ saving: true, saveError: null });
    try {
      const settings = await api().invoke('supervision.updateSettings', input);
      set({ settings, saving: false });
      return true;
    } catch (error) {
      set({ saving: false, saveError: toUiError(error) });
      return false;
    }
  },
}));
