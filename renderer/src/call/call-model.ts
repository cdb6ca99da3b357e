/**
 * Pure rules for the call stack and the recent-calls list; the store (call-store.ts) only applies
 * them to its state. Tested in call-model.test.ts.
 *
 * A pop lives from `call.incoming` (or `calls.active` after a reload) until Claire dismisses it;
 * `call.updated` moves its state along but never brings back a dismissed pop.
 */
import type { CallRecord, CallState, RecordCard, ScreenPop } from '../contract';
import type { UiError } from '../ui/ui-error';

export interface PopEntry {
  call: CallRecord;
  pop: ScreenPop;
  /** Index in `pop.matches` of the record shown. */
  selected: number;
  /** Card shown: `pop.card` at first, then the one returned by `calls.chooseMatch`. */
  card: RecordCard | null;
  choosing: boolean;
  error: UiError | null;
}

/** At most this many pops are kept; the oldest finished ones go first. */
export const MAX_POPS = 8;
export const RECENT_LIMIT = 100;

const FINAL_STATES: ReadonlySet<CallState> = new Set(['ended', 'missed', 'answered_elsewhere', 'failed']);

export function isFinal(state: CallState): boolean {
  return FINAL_STATES.has(state);
}

function byNewest(a: { call: CallRecord }, b: { call: CallRecord }): number {
  return b.call.ringAt.localeCompare(a.call.ringAt) || b.call.id.localeCompare(a.call.id);
}

function trim(pops: PopEntry[]): PopEntry[] {
  if (pops.length <= MAX_POPS) return pops;
  const kept = [...pops];
  while (kept.length > MAX_POPS) {
    let victim = -1;
    for (let i = kept.length - 1; i >= 0; i--) {
      if (isFinal(kept[i]!.call.state)) {
        victim = i;
        break;
      }
    }
    kept.splice(victim === -1 ? kept.length - 1 : victim, 1);
  }
  return kept;
}

export function newEntry(call: CallRecord, pop: ScreenPop): PopEntry {
  return { call, pop, selected: 0, card: pop.card, choosing: false, error: null };
}

/** A new ringing call goes on top. The same call id again replaces its pop (fresh identification). */
export function addIncoming(pops: PopEntry[], incoming: { call: CallRecord; pop: ScreenPop }): PopEntry[] {
  const rest = pops.filter((p) => p.call.id !== incoming.call.id);
  return trim([newEntry(incoming.call, incoming.pop), ...rest].sort(byNewest));
}

/** Moves a call's state along; unknown (or dismissed) calls are ignored. */
export function applyCallUpdate(pops: PopEntry[], call: CallRecord): PopEntry[] {
  let changed = false;
  const next = pops.map((p) => {
    if (p.call.id !== call.id) return p;
    changed = true;
    return { ...p, call };
  });
  return changed ? next : pops;
}

/**
 * After a (re)load: calls still active are added or refreshed (keeping Claire's choice of match);
 * pops she dismissed stay dismissed; pops not in the list are kept (their end arrives with the
 * recent-calls reload, see `settleFromRecent`).
 */
export function mergeActive(
  pops: PopEntry[],
  active: ReadonlyArray<{ call: CallRecord; pop: ScreenPop }>,
  dismissed: ReadonlySet<string>,
): PopEntry[] {
  const byId = new Map(pops.map((p) => [p.call.id, p]));
  for (const a of active) {
    if (dismissed.has(a.call.id)) continue;
    const existing = byId.get(a.call.id);
    byId.set(a.call.id, existing ? { ...existing, call: a.call } : newEntry(a.call, a.pop));
  }
  return trim([...byId.values()].sort(byNewest));
}

/** Pops whose call ended while the link was down take their final state from the recent list. */
export function settleFromRecent(pops: PopEntry[], recent: readonly CallRecord[]): PopEntry[] {
  const byId = new Map(recent.map((c) => [c.id, c]));
  let changed = false;
  const next = pops.map((p) => {
    const fresh = byId.get(p.call.id);
    if (!fresh || isFinal(p.call.state) || fresh.state === p.call.state) return p;
    changed = true;
    return { ...p, call: fresh };
  });
  return changed ? next : pops;
}

/**
 * A new call takes the centre unless Claire is talking on the one shown: then it waits in the
 * stack (announced, with its tab ringing) so her screen does not change under her.
 */
export function shouldFocusIncoming(focused: PopEntry | undefined): boolean {
  return !focused || focused.call.state !== 'answered';
}

/** The recent list, newest first, updated from one call record. */
export function upsertRecent(list: readonly CallRecord[], call: CallRecord, onlyMissed: boolean, limit = RECENT_LIMIT): CallRecord[] {
  const rest = list.filter((c) => c.id !== call.id);
  if (onlyMissed && call.state !== 'missed') return rest.length === list.length ? (list as CallRecord[]) : rest;
  return [call, ...rest].sort((a, b) => b.ringAt.localeCompare(a.ringAt) || b.id.localeCompare(a.id)).slice(0, limit);
}

export function neighbour(pops: readonly PopEntry[], focusedId: string | null, delta: number): string | null {
  if (pops.length === 0) return null;
  const index = pops.findIndex((p) => p.call.id === focusedId);
  const from = index === -1 ? 0 : index;
  const target = (from + delta + pops.length) % pops.length;
  return pops[target]?.call.id ?? null;
}

/** The number to identify a pop's caller again (after an attach or a quick-create). */
export function lookupNumber(pop: ScreenPop): string {
  return pop.number.e164 ?? pop.number.raw;
}

export function isWithheld(pop: ScreenPop): boolean {
  return pop.number.kind === 'masque';
}

/** A journal row whose caller hid the number (SIP "anonymous", empty, "private"…). */
export function isWithheldRecord(call: Pick<CallRecord, 'fromE164' | 'fromRaw'>): boolean {
  if (call.fromE164 !== null) return false;
  const raw = call.fromRaw.trim().replace(/^sips?:/i, '');
  return raw === '' || /^(anonymous|anonyme|private|privé|unknown|restricted|masqu)/i.test(raw);
}
