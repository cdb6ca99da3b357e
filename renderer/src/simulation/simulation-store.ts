/**
 * « Simuler un appel » (demo workspace): the ready callers, and ringing the console as one of them
 * would. The pop itself arrives like any call's, through `call.incoming`.
 */
import { create } from 'zustand';
import type { SimulationCaller } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type SimulationOutcome = 'answered' | 'missed';

export interface SimulationState {
  callers: SimulationCaller[];
  open: boolean;
  ringing: boolean;
  error: UiError | null;
  setOpen(open: boolean): void;
  load(): Promise<void>;
  simulate(number: string, outcome: SimulationOutcome): Promise<boolean>;
}

export const useSimulationStore = create<SimulationState>()((set, get) => ({
  callers: [],
  open: false,
  ringing: false,
  error: null,

  setOpen(open) {
    set({ open, error: null });
    if (open && get().callers.length === 0) void get().load();
  },

  async load() {
    try {
      set({ callers: await api().invoke('demo.simulationCallers', {}), error: null });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },

  async simulate(number, outcome) {
    set({ ringing: true, error: null });
    try {
      await api().invoke('demo.simulateCall', { number, outcome });
      set({ ringing: false, open: false });
      return true;
    } catch (error) {
      set({ ringing: false, error: toUiError(error) });
      return false;
    }
  },
}));
