/**
 * The planning board in the console: the week shown, the visit and the day chosen, the last move's
 * refusal (a supervisor may force it), and « Optimiser la journée »'s proposal. No rule lives here:
 * conflicts, refusals and proposals come from the service (planning.*).
 */
import { create } from 'zustand';
import type { CallInput, CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import { useAccountStore } from '../account/account-store';

export type PlanningBoard = CallOutput<'planning.board'>;
export type BoardVisit = PlanningBoard['visits'][number];
export type Conflict = PlanningBoard['conflicts'][number];
export type Proposal = CallOutput<'planning.optimise'>;
export type MoveRequest = Omit<CallInput<'planning.move'>, 'force'>;

/** Forcing a move and accepting a proposal: a supervisor's or an administrator's on the company server; the standalone console's user. */
export function canSupervisePlanning(accountRole: string | null | undefined): boolean {
  return !accountRole || accountRole === 'supervisor' || accountRole === 'admin';
}
export const selectPlanningSupervisor = (): boolean => canSupervisePlanning(useAccountStore.getState().account?.role);

/** The day `days` after `day` (YYYY-MM-DD), by the calendar. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface PlanningState {
  /** A day of the week shown (null: the service's today). */
  anchor: string | null;
  board: PlanningBoard | null;
  loading: boolean;
  error: UiError | null;
  selectedVisitId: string | null;
  /** The day of the day view (« Optimiser la journée »). */
  selectedDay: string | null;
  moving: boolean;
  /** The last move refused, with what was asked (to force it). */
  refused: { error: UiError; request: MoveRequest } | null;
  /** What the last move or acceptance did, for the live region. */
  done: { key: 'moved' | 'movedTold' | 'forced' | 'accepted' | 'refusedProposal'; params: Record<string, string | number> } | null;
  proposal: Proposal | null;
  optimising: boolean;
  deciding: boolean;
  proposalError: UiError | null;
  load(anchor?: string | null): Promise<void>;
  shiftWeek(weeks: number): Promise<void>;
  select(visitId: string | null): void;
  selectDay(day: string | null): void;
  move(request: MoveRequest, force?: boolean): Promise<boolean>;
  pin(visitId: string, pinned: boolean): Promise<void>;
  optimise(day: string): Promise<void>;
  accept(): Promise<void>;
  refuse(): Promise<void>;
  /** Another console moved visits on these days. */
  applyChanged(days: readonly string[]): void;
}

export const usePlanningStore = create<PlanningState>()((set, get) => ({
  anchor: null,
  board: null,
  loading: false,
  error: null,
  selectedVisitId: null,
  selectedDay: null,
  moving: false,
  refused: null,
  done: null,
  proposal: null,
  optimising: false,
  deciding: false,
  proposalError: null,
  async load(anchor) {
    const day = anchor === undefined ? get().anchor : anchor;
    set({ loading: true, anchor: day });
    try {
      const board = await api().invoke('planning.board', day ? { day } : {});
      set({ board, error: null, loading: false });
    } catch (error) {
      set({ error: toUiError(error), loading: false });
    }
  },
  async shiftWeek(weeks) {
    const board = get().board;
    if (!board) return;
    set({ selectedDay: null, proposal: null, proposalError: null, refused: null });
    await get().load(addDays(board.weekStart, 7 * weeks));
  },
  select(visitId) {
    set({ selectedVisitId: visitId });
  },
  selectDay(day) {
    if (day !== get().selectedDay) set({ selectedDay: day, proposal: null, proposalError: null });
  },
  async move(request, force = false) {
    set({ moving: true, refused: null, done: null });
    try {
      const result = await api().invoke('planning.move', { ...request, force });
      set({
        moving: false,
        done: { key: force ? 'forced' : result.customerMail !== null ? 'movedTold' : 'moved', params: { customer: result.visit.customer || result.visit.kind } },
        selectedVisitId: request.visitId,
      });
      await get().load();
      return true;
    } catch (error) {
      set({ moving: false, refused: { error: toUiError(error), request } });
      await get().load();
      return false;
    }
  },
  async pin(visitId, pinned) {
    try {
      await api().invoke('planning.pin', { visitId, pinned });
      await get().load();
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },
  async optimise(day) {
    set({ optimising: true, proposal: null, proposalError: null, selectedDay: day, done: null });
    try {
      set({ proposal: await api().invoke('planning.optimise', { day }), optimising: false });
    } catch (error) {
      set({ proposalError: toUiError(error), optimising: false });
    }
  },
  async accept() {
    const proposal = get().proposal;
    if (!proposal) return;
    set({ deciding: true, proposalError: null });
    try {
      const result = await api().invoke('planning.accept', { id: proposal.id });
      set({ deciding: false, proposal: result.proposal, done: { key: 'accepted', params: { count: result.moved } } });
      await get().load();
    } catch (error) {
      set({ deciding: false, proposalError: toUiError(error) });
      await get().load();
    }
  },
  async refuse() {
    const proposal = get().proposal;
    if (!proposal) return;
    set({ deciding: true, proposalError: null });
    try {
      set({ deciding: false, proposal: null, done: { key: 'refusedProposal', params: {} } });
      await api().invoke('planning.refuse', { id: proposal.id });
    } catch (error) {
      set({ deciding: false, proposalError: toUiError(error) });
    }
  },
  applyChanged(days) {
    const board = get().board;
    if (board && days.some((d) => d >= board.weekStart && d <= addDays(board.weekStart, 6))) void get().load();
  },
}));
