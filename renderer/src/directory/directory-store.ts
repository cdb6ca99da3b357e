/**
 * The directory: type-ahead search, the record open in the centre (contact or company), and the
 * "number" view (a number looked up from the search box or the recent list, outside a live call).
 *
 * Search is debounced (120 ms) and each answer carries a sequence number: a slow answer to an old
 * query never overwrites the results of a newer one.
 */
import { create } from 'zustand';
import type { CallerMatch, RecordCard, ScreenPop, SearchHit } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import type { LoadStatus } from '../call/call-store';

export const SEARCH_DEBOUNCE_MS = 120;
export const SEARCH_LIMIT = 12;
export const RECORD_HISTORY = 200;

export type RecordType = 'contact' | 'company';
export interface RecordRef {
  type: RecordType;
  id: string;
}

export type ResultItem =
  | { kind: 'record'; type: RecordType; id: string; label: string; detail: string | null; reason: CallerMatch['reason'] | null }
  | { kind: 'number'; number: string; display: string };

/** A query made of digits and phone punctuation (at least 6 digits) is looked up as a number too. */
export function looksLikePhoneNumber(query: string): boolean {
  const compact = query.replace(/[\s.\-()/]/g, '');
  return /^(\+|00)?\d{6,}$/.test(compact);
}

export function resultKey(item: ResultItem): string {
  return item.kind === 'number' ? `number:${item.number}` : `${item.type}:${item.id}`;
}

/** Merges a number identification (first, ranked) with text hits, without duplicates. */
export function mergeResults(identified: ScreenPop | null, hits: readonly SearchHit[], query: string): ResultItem[] {
  const items: ResultItem[] = [];
  const seen = new Set<string>();
  const push = (item: ResultItem) => {
    const key = resultKey(item);
    if (seen.has(key)) return;
    seen.add(key);
    items.push(item);
  };
  for (const m of identified?.matches ?? []) {
    const type: RecordType = m.contactId !== null ? 'contact' : 'company';
    const id = m.contactId ?? m.companyId;
    if (id === null) continue;
    push({ kind: 'record', type, id, label: m.label, detail: m.companyName, reason: m.reason });
  }
  for (const h of hits) push({ kind: 'record', type: h.type, id: h.id, label: h.label, detail: h.detail, reason: null });
  if (identified && identified.matches.length === 0 && items.length === 0 && identified.number.kind !== 'invalide') {
    push({ kind: 'number', number: identified.number.e164 ?? query.trim(), display: identified.number.display });
  }
  return items;
}

export interface OpenRecord {
  ref: RecordRef;
  card: RecordCard | null;
  status: LoadStatus;
  error: UiError | null;
}

export interface NumberLookup {
  number: string;
  /** The call this number came from (recent list), passed on to `directory.attachNumber`. */
  callId: string | null;
  pop: ScreenPop | null;
  status: LoadStatus;
  error: UiError | null;
}

export interface DirectoryState {
  query: string;
  results: ResultItem[];
  searchStatus: LoadStatus;
  searchError: UiError | null;
  activeIndex: number;

  record: OpenRecord | null;
  lookup: NumberLookup | null;

  setQuery(query: string): void;
  /** Runs the pending search now (tests, Enter before the debounce ends). */
  flushSearch(): Promise<void>;
  moveActive(delta: number): void;
  setActive(index: number): void;
  clearSearch(): void;

  openRecord(ref: RecordRef): Promise<void>;
  reloadRecord(): Promise<void>;
  openNumber(number: string, callId?: string | null): Promise<void>;
  reloadNumber(): Promise<void>;
  applyDirectoryChange(change: { contactIds: string[]; companyIds: string[] }): Promise<void>;
}

let searchSeq = 0;
let recordSeq = 0;
let lookupSeq = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let pendingRun: (() => Promise<void>) | null = null;

async function runSearch(query: string, seq: number, set: (p: Partial<DirectoryState>) => void): Promise<void> {
  const trimmed = query.trim();
  try {
    const asNumber = looksLikePhoneNumber(trimmed);
    const [identified, hits] = await Promise.all([
      // A number the service cannot parse still gets the text results.
      asNumber ? api().invoke('directory.identify', { number: trimmed }).catch(() => null) : Promise.resolve(null),
      api().invoke('directory.search', { query: trimmed, limit: SEARCH_LIMIT }),
    ]);
    if (seq !== searchSeq) return;
    set({ results: mergeResults(identified, hits, trimmed), searchStatus: 'ready', searchError: null, activeIndex: 0 });
  } catch (error) {
    if (seq !== searchSeq) return;
    set({ results: [], searchStatus: 'error', searchError: toUiError(error), activeIndex: 0 });
  }
}

export const useDirectoryStore = create<DirectoryState>()((set, get) => ({
  query: '',
  results: [],
  searchStatus: 'idle',
  searchError: null,
  activeIndex: 0,
  record: null,
  lookup: null,

  setQuery(query) {
    const seq = ++searchSeq;
    if (timer) clearTimeout(timer);
    timer = null;
    pendingRun = null;
    if (query.trim() === '') {
      set({ query, results: [], searchStatus: 'idle', searchError: null, activeIndex: 0 });
      return;
    }
    set({ query, searchStatus: 'loading' });
    const run = () => {
      timer = null;
      pendingRun = null;
      return runSearch(query, seq, set);
    };
    pendingRun = run;
    timer = setTimeout(() => void run(), SEARCH_DEBOUNCE_MS);
  },

  async flushSearch() {
    if (timer) clearTimeout(timer);
    timer = null;
    const run = pendingRun;
    if (run) await run();
  },

  moveActive(delta) {
    const { results, activeIndex } = get();
    if (results.length === 0) return;
    set({ activeIndex: (activeIndex + delta + results.length) % results.length });
  },

  setActive(index) {
    if (index >= 0 && index < get().results.length) set({ activeIndex: index });
  },

  clearSearch() {
    searchSeq++;
    if (timer) clearTimeout(timer);
    timer = null;
    pendingRun = null;
    set({ query: '', results: [], searchStatus: 'idle', searchError: null, activeIndex: 0 });
  },

  async openRecord(ref) {
    const seq = ++recordSeq;
    const same = get().record?.ref;
    const keep = same && same.type === ref.type && same.id === ref.id ? get().record?.card ?? null : null;
    set({ record: { ref, card: keep, status: 'loading', error: null } });
    try {
      const card =
        ref.type === 'contact'
          ? await api().invoke('directory.contactCard', { contactId: ref.id, historyLimit: RECORD_HISTORY })
          : await api().invoke('directory.companyCard', { companyId: ref.id, historyLimit: RECORD_HISTORY });
      if (seq !== recordSeq) return;
      set({ record: { ref, card, status: 'ready', error: null } });
    } catch (error) {
      if (seq !== recordSeq) return;
      set({ record: { ref, card: keep, status: 'error', error: toUiError(error) } });
    }
  },

  async reloadRecord() {
    const record = get().record;
    if (record) await get().openRecord(record.ref);
  },

  async openNumber(number, callId = null) {
    const seq = ++lookupSeq;
    set({ lookup: { number, callId, pop: null, status: 'loading', error: null } });
    try {
      const pop = await api().invoke('directory.identify', { number });
      if (seq !== lookupSeq) return;
      set({ lookup: { number, callId, pop, status: 'ready', error: null } });
    } catch (error) {
      if (seq !== lookupSeq) return;
      set({ lookup: { number, callId, pop: null, status: 'error', error: toUiError(error) } });
    }
  },

  async reloadNumber() {
    const lookup = get().lookup;
    if (lookup) await get().openNumber(lookup.number, lookup.callId);
  },

  async applyDirectoryChange(change) {
    const work: Promise<void>[] = [];
    const record = get().record;
    if (record) {
      const ids = record.ref.type === 'contact' ? change.contactIds : change.companyIds;
      const card = record.card;
      const related =
        ids.includes(record.ref.id) ||
        (card?.company && change.companyIds.includes(card.company.id)) ||
        (card?.contact && change.contactIds.includes(card.contact.id));
      if (related) work.push(get().reloadRecord());
    }
    if (get().lookup) work.push(get().reloadNumber());
    await Promise.all(work);
  },
}));
