/**
 * The directory: type-ahead search, the record open in the centre (contact or company), and the
 * "number" view (a number looked up from the search box or the recent list, outside a live call).
 *
 * Search is debounced (120 ms) and each answer carries a sequence number: a slow answer to an old
 * query never overwrites the results of a newer one. The first 12 records come first; when the
 * service finds more, the list ends with a « more » entry that loads the next ones.
 */
import { create } from 'zustand';
import type { CallerMatch, RecordCard, ScreenPop, SearchHit, SearchPage } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import type { LoadStatus } from '../call/call-store';

export const SEARCH_DEBOUNCE_MS = 120;
export const SEARCH_LIMIT = 12;
/** Records loaded by each « Voir plus »: the most one call may ask for. */
export const SEARCH_MORE_LIMIT = 50;
export const RECORD_HISTORY = 200;

export type RecordType = 'contact' | 'company';
export interface RecordRef {
  type: RecordType;
  id: string;
}

export type ResultItem =
  | { kind: 'record'; type: RecordType; id: string; label: string; detail: string | null; reason: CallerMatch['reason'] | null }
  | { kind: 'number'; number: string; display: string }
  /** The last entry while the service found more records than are listed: loads the next ones. */
  | { kind: 'more'; shown: number; total: number };

/** A query made of digits and phone punctuation (at least 6 digits) is looked up as a number too. */
export function looksLikePhoneNumber(query: string): boolean {
  const compact = query.replace(/[\s.\-()/]/g, '');
  return /^(\+|00)?\d{6,}$/.test(compact);
}

export function resultKey(item: ResultItem): string {
  if (item.kind === 'more') return 'more';
  return item.kind === 'number' ? `number:${item.number}` : `${item.type}:${item.id}`;
}

/**
 * Merges a number identification (first, ranked) with text hits, without duplicates, and ends with
 * the « more » entry when `total` (records the search found) is more than the hits loaded.
 */
export function mergeResults(identified: ScreenPop | null, hits: readonly SearchHit[], query: string, total = hits.length): ResultItem[] {
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
  // Only a whole number the service could put in E.164 is one to create a record for: « 12 34 56 »
  // is the middle of a number (an extension to the normaliser), « 04 78 12 34 » its beginning.
  if (identified && identified.matches.length === 0 && items.length === 0 && identified.number.e164 !== null) {
    push({ kind: 'number', number: identified.number.e164, display: identified.number.display });
  }
  if (total > hits.length) items.push({ kind: 'more', shown: hits.length, total });
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
  /** What the results were built from, kept so that « Voir plus » can add to them. */
  searchAnswer: { query: string; identified: ScreenPop | null; hits: SearchHit[]; total: number } | null;

  record: OpenRecord | null;
  lookup: NumberLookup | null;

  setQuery(query: string): void;
  /** Runs the pending search now (tests, Enter before the debounce ends). */
  flushSearch(): Promise<void>;
  /** Loads the next records of the current search; the first of them becomes the active result. */
  showMore(): Promise<void>;
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
    const [identified, page] = await Promise.all([
      // A number the service cannot parse still gets the text results.
      asNumber ? api().invoke('directory.identify', { number: trimmed }).catch(() => null) : Promise.resolve(null),
      api().invoke('directory.searchPage', { query: trimmed, offset: 0, limit: SEARCH_LIMIT }),
    ]);
    if (seq !== searchSeq) return;
    set({
      results: mergeResults(identified, page.hits, trimmed, page.total),
      searchAnswer: { query: trimmed, identified, hits: page.hits, total: page.total },
      searchStatus: 'ready',
      searchError: null,
      activeIndex: 0,
    });
  } catch (error) {
    if (seq !== searchSeq) return;
    set({ results: [], searchAnswer: null, searchStatus: 'error', searchError: toUiError(error), activeIndex: 0 });
  }
}

export const useDirectoryStore = create<DirectoryState>()((set, get) => ({
  query: '',
  results: [],
  searchStatus: 'idle',
  searchError: null,
  activeIndex: 0,
  searchAnswer: null,
  record: null,
  lookup: null,

  setQuery(query) {
    const seq = ++searchSeq;
    if (timer) clearTimeout(timer);
    timer = null;
    pendingRun = null;
    if (query.trim() === '') {
      set({ query, results: [], searchAnswer: null, searchStatus: 'idle', searchError: null, activeIndex: 0 });
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

  async showMore() {
    const answer = get().searchAnswer;
    if (!answer || answer.hits.length >= answer.total || get().searchStatus !== 'ready') return;
    const seq = searchSeq;
    let page: SearchPage;
    try {
      page = await api().invoke('directory.searchPage', { query: answer.query, offset: answer.hits.length, limit: SEARCH_MORE_LIMIT });
    } catch (error) {
      if (seq === searchSeq) set({ searchError: toUiError(error) });
      return;
    }
    if (seq !== searchSeq) return;
    const before = get().results.filter((item) => item.kind !== 'more').length;
    const hits = [...answer.hits, ...page.hits];
    // A record added meanwhile moves the total; what was loaded is the floor.
    const total = Math.max(page.total, hits.length);
    const results = mergeResults(answer.identified, hits, answer.query, page.hits.length === 0 ? hits.length : total);
    set({ results, searchAnswer: { ...answer, hits, total }, searchError: null, activeIndex: Math.min(before, results.length - 1) });
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
    set({ query: '', results: [], searchAnswer: null, searchStatus: 'idle', searchError: null, activeIndex: 0 });
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
