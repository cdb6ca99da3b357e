/**
 * Calls: the stack of pops (ringing or recent calls with their card) and the recent-calls list.
 * Fed by `call.incoming` / `call.updated` and by `calls.active` / `calls.recent` on each (re)connect.
 */
import { create } from 'zustand';
import { callLine, type CallRecord, type RecordCard, type ScreenPop } from '../contract';
import { api } from '../transport/contract-client';
import {
  addIncoming,
  applyCallUpdate,
  isWithheld,
  lookupNumber,
  mergeActive,
  neighbour,
  RECENT_LIMIT,
  settleFromRecent,
  shouldFocusIncoming,
  upsertRecent,
  type PopEntry,
} from './call-model';
import { toUiError, type UiError } from '../ui/ui-error';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface CallStoreState {
  pops: PopEntry[];
  focusedCallId: string | null;
  /** Ids Claire closed: a reload of `calls.active` must not bring them back. */
  dismissed: ReadonlySet<string>;
  /** Bumped on each new pop, for the screen-reader announcement. */
  announcement: { seq: number; callId: string } | null;

  recent: CallRecord[];
  onlyMissed: boolean;
  /**
   * « Mes appels » on the company server: only the calls of this person's line (`mine` is their SIP
   * user); null shows everyone's (« tous »), as on a standalone desk.
   */
  mine: string | null;
  recentStatus: LoadStatus;
  recentError: UiError | null;

  /** Returns true when the new call took the focus. */
  incoming(payload: { call: CallRecord; pop: ScreenPop }): boolean;
  updated(call: CallRecord): void;
  loadActive(): Promise<void>;
  loadRecent(): Promise<void>;
  setOnlyMissed(onlyMissed: boolean): Promise<void>;
  setMine(line: string | null): Promise<void>;
  focus(callId: string): void;
  focusRelative(delta: number): void;
  dismiss(callId: string): void;
  chooseMatch(callId: string, index: number): Promise<void>;
  /** Identify the caller again (after a quick-create or an attach) and show the new first match. */
  reidentify(callId: string): Promise<void>;
  setCard(callId: string, card: RecordCard): void;
  applyDirectoryChange(change: { contactIds: string[]; companyIds: string[] }): Promise<void>;
}

const POP_HISTORY = 10;

function patchPop(pops: PopEntry[], callId: string, patch: (p: PopEntry) => PopEntry): PopEntry[] {
  return pops.map((p) => (p.call.id === callId ? patch(p) : p));
}

let recentSeq = 0;

export const useCallStore = create<CallStoreState>()((set, get) => ({
  pops: [],
  focusedCallId: null,
  dismissed: new Set<string>(),
  announcement: null,
  recent: [],
  onlyMissed: false,
  mine: null,
  recentStatus: 'idle',
  recentError: null,

  incoming(payload) {
    const state = get();
    const focused = state.pops.find((p) => p.call.id === state.focusedCallId);
    const takeFocus = shouldFocusIncoming(focused);
    const dismissed = new Set(state.dismissed);
    dismissed.delete(payload.call.id);
    set({
      pops: addIncoming(state.pops, payload),
      focusedCallId: takeFocus ? payload.call.id : state.focusedCallId,
      dismissed,
      announcement: { seq: (state.announcement?.seq ?? 0) + 1, callId: payload.call.id },
      recent: keepsMine(state.mine, payload.call) ? upsertRecent(state.recent, payload.call, state.onlyMissed) : state.recent,
    });
    return takeFocus;
  },

  updated(call) {
    set((s) => ({ pops: applyCallUpdate(s.pops, call), recent: keepsMine(s.mine, call) ? upsertRecent(s.recent, call, s.onlyMissed) : s.recent }));
  },

  async loadActive() {
    const active = await api().invoke('calls.active', {});
    set((s) => {
      const pops = mergeActive(s.pops, active, s.dismissed);
      const focusedCallId = pops.some((p) => p.call.id === s.focusedCallId) ? s.focusedCallId : (pops[0]?.call.id ?? null);
      return { pops, focusedCallId };
    });
  },

  async loadRecent() {
    const seq = ++recentSeq;
    const { onlyMissed, mine } = get();
    set({ recentStatus: 'loading', recentError: null });
    try {
      const recent = await api().invoke('calls.recent', { limit: RECENT_LIMIT, onlyMissed, ...(mine !== null ? { mine: true } : {}) });
      if (seq !== recentSeq) return;
      set((s) => ({ recent, recentStatus: 'ready', pops: settleFromRecent(s.pops, recent) }));
    } catch (error) {
      if (seq !== recentSeq) return;
      set({ recentStatus: 'error', recentError: toUiError(error) });
    }
  },

  async setOnlyMissed(onlyMissed) {
    if (get().onlyMissed === onlyMissed) return;
    set((s) => ({ onlyMissed, recent: onlyMissed ? s.recent.filter((c) => c.state === 'missed') : s.recent }));
    await get().loadRecent();
  },

  async setMine(line) {
    if (get().mine === line) return;
    set((s) => ({ mine: line, recent: line === null ? s.recent : s.recent.filter((c) => callLine(c) === line) }));
    await get().loadRecent();
  },

  focus(callId) {
    if (get().pops.some((p) => p.call.id === callId)) set({ focusedCallId: callId });
  },

  focusRelative(delta) {
    const { pops, focusedCallId } = get();
    const target = neighbour(pops, focusedCallId, delta);
    if (target) set({ focusedCallId: target });
  },

  dismiss(callId) {
    set((s) => {
      const index = s.pops.findIndex((p) => p.call.id === callId);
      if (index === -1) return {};
      const pops = s.pops.filter((p) => p.call.id !== callId);
      const dismissed = new Set(s.dismissed);
      dismissed.add(callId);
      const focusedCallId =
        s.focusedCallId === callId ? (pops[Math.min(index, pops.length - 1)]?.call.id ?? null) : s.focusedCallId;
      return { pops, dismissed, focusedCallId };
    });
  },

  async chooseMatch(callId, index) {
    const entry = get().pops.find((p) => p.call.id === callId);
    const match = entry?.pop.matches[index];
    if (!entry || !match || entry.choosing) return;
    if (index === entry.selected && entry.card) return;
    const previous = { selected: entry.selected, card: entry.card };
    set((s) => ({ pops: patchPop(s.pops, callId, (p) => ({ ...p, selected: index, choosing: true, error: null })) }));
    try {
      const result = await api().invoke('calls.chooseMatch', { callId, contactId: match.contactId, companyId: match.companyId });
      set((s) => ({
        pops: patchPop(s.pops, callId, (p) => ({ ...p, call: result.call, card: result.card, choosing: false })),
        recent: upsertRecent(s.recent, result.call, s.onlyMissed),
      }));
    } catch (error) {
      set((s) => ({
        pops: patchPop(s.pops, callId, (p) => ({ ...p, ...previous, choosing: false, error: toUiError(error) })),
      }));
    }
  },

  async reidentify(callId) {
    const entry = get().pops.find((p) => p.call.id === callId);
    if (!entry || isWithheld(entry.pop)) return;
    try {
      const pop = await api().invoke('directory.identify', { number: lookupNumber(entry.pop) });
      set((s) => ({ pops: patchPop(s.pops, callId, (p) => ({ ...p, pop, selected: 0, card: pop.card, error: null })) }));
    } catch (error) {
      set((s) => ({ pops: patchPop(s.pops, callId, (p) => ({ ...p, error: toUiError(error) })) }));
    }
  },

  setCard(callId, card) {
    set((s) => ({ pops: patchPop(s.pops, callId, (p) => ({ ...p, card, error: null })) }));
  },

  async applyDirectoryChange(change) {
    const contactIds = new Set(change.contactIds);
    const companyIds = new Set(change.companyIds);
    const work = get().pops.map(async (entry) => {
      if (isWithheld(entry.pop)) return;
      if (entry.pop.matches.length === 0) {
        // A new caller may just have been created or attached (here or on another screen).
        await get().reidentify(entry.call.id);
        return;
      }
      const match = entry.pop.matches[entry.selected];
      if (!match) return;
      const touched =
        (match.contactId !== null && contactIds.has(match.contactId)) || (match.companyId !== null && companyIds.has(match.companyId));
      if (!touched) return;
      try {
        const card =
          match.contactId !== null
            ? await api().invoke('directory.contactCard', { contactId: match.contactId, historyLimit: POP_HISTORY })
            : await api().invoke('directory.companyCard', { companyId: match.companyId ?? '', historyLimit: POP_HISTORY });
        get().setCard(entry.call.id, card);
      } catch {
        // Keep the card already shown; the next change or reload will catch up.
      }
    });
    await Promise.all(work);
  },
}));

/** Selector: the pop shown in the centre. */
export const selectFocusedPop = (s: CallStoreState): PopEntry | undefined => s.pops.find((p) => p.call.id === s.focusedCallId);

/** Whether a call belongs in the list under « mes appels » (every call under « tous »). */
function keepsMine(mine: string | null, call: CallRecord): boolean {
  return mine === null || callLine(call) === mine;
}
