import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { card, call, contact, match, pop } from '../../test/support/fixtures';
import { fakeClient, type FakeClient } from '../../test/support/fake-client';
import { setContractClient } from '../transport/contract-client';
import { useCallStore } from '../call/call-store';
import { looksLikePhoneNumber, mergeResults, SEARCH_DEBOUNCE_MS, useDirectoryStore } from '../directory/directory-store';
import { sipUpdateInput, validateSipDraft, useSettingsStore } from '../settings/settings-store';
import { defaultAttachKind, validateNewContact, createContactForCaller, attachNumberForCaller } from '../call/new-caller';
import { useViewStore, selectCurrentView } from './view-store';
import { bootstrap } from './bootstrap';
import type { LinkStatus, StatusTransport } from '../transport/transport-status';
import type { SearchHit, SearchPage } from '../contract';

let fake: FakeClient;
const initial = {
  calls: useCallStore.getState(),
  directory: useDirectoryStore.getState(),
  settings: useSettingsStore.getState(),
  view: useViewStore.getState(),
};

beforeEach(() => {
  fake = fakeClient();
  setContractClient(fake);
  useCallStore.setState(initial.calls, true);
  useDirectoryStore.setState(initial.directory, true);
  useSettingsStore.setState(initial.settings, true);
  useViewStore.setState(initial.view, true);
});
afterEach(() => {
  vi.useRealTimers();
  setContractClient(null);
});

/** A whole answer: every record found is in the page. */
function page(hits: SearchHit[]): SearchPage {
  return { hits, total: hits.length };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('useCallStore', () => {
  it('focuses a new call unless Claire is on another one', () => {
    const store = useCallStore.getState();
    expect(store.incoming({ call: call({ id: 'a', ringAt: '2025-03-04T13:00:00Z' }), pop: pop() })).toBe(true);
    useCallStore.getState().updated(call({ id: 'a', state: 'answered', ringAt: '2025-03-04T13:00:00Z' }));
    expect(useCallStore.getState().incoming({ call: call({ id: 'b', ringAt: '2025-03-04T13:01:00Z' }), pop: pop() })).toBe(false);
    const s = useCallStore.getState();
    expect(s.focusedCallId).toBe('a');
    expect(s.pops.map((p) => p.call.id)).toEqual(['b', 'a']);
    expect(s.recent.map((c) => c.id)).toEqual(['b', 'a']);
    expect(s.announcement).toEqual({ seq: 2, callId: 'b' });
  });

  it('chooses another match: calls calls.chooseMatch and shows the returned card', async () => {
    const second = match({ contactId: null, companyId: 'co-9', label: 'Entreprise Martin', reason: 'standard' });
    useCallStore.getState().incoming({ call: call({ id: 'a' }), pop: pop({ matches: [match(), second] }) });
    const companyCard = card({ contact: null });
    fake.handle('calls.chooseMatch', (input) => ({ call: call({ id: input.callId, contactId: null, companyId: 'co-9' }), card: companyCard }));
    await useCallStore.getState().chooseMatch('a', 1);
    expect(fake.calls.at(-1)).toEqual({ name: 'calls.chooseMatch', input: { callId: 'a', contactId: null, companyId: 'co-9' } });
    const entry = useCallStore.getState().pops[0]!;
    expect(entry.selected).toBe(1);
    expect(entry.card).toBe(companyCard);
    expect(entry.call.companyId).toBe('co-9');
  });

  it('restores the previous match and keeps the error when chooseMatch fails', async () => {
    useCallStore.getState().incoming({ call: call({ id: 'a' }), pop: pop({ matches: [match(), match({ contactId: 'ct-2' })] }) });
    fake.fail('calls.chooseMatch', 'conflict', 'Appel déjà terminé');
    await useCallStore.getState().chooseMatch('a', 1);
    const entry = useCallStore.getState().pops[0]!;
    expect(entry.selected).toBe(0);
    expect(entry.error).toEqual({ kind: 'service', code: 'conflict', message: 'Appel déjà terminé' });
  });

  it('dismisses a pop, focuses the next one and does not bring it back on reload', async () => {
    const s = useCallStore.getState();
    s.incoming({ call: call({ id: 'a', ringAt: '2025-03-04T13:00:00Z' }), pop: pop() });
    s.incoming({ call: call({ id: 'b', ringAt: '2025-03-04T13:01:00Z' }), pop: pop() });
    useCallStore.getState().dismiss('b');
    expect(useCallStore.getState().focusedCallId).toBe('a');
    fake.handle('calls.active', () => [
      { call: call({ id: 'a', ringAt: '2025-03-04T13:00:00Z' }), pop: pop() },
      { call: call({ id: 'b', ringAt: '2025-03-04T13:01:00Z' }), pop: pop() },
    ]);
    await useCallStore.getState().loadActive();
    expect(useCallStore.getState().pops.map((p) => p.call.id)).toEqual(['a']);
  });

  it('re-identifies a new caller when the directory changes', async () => {
    useCallStore.getState().incoming({ call: call({ id: 'a', contactId: null }), pop: pop({ matches: [], card: null }) });
    const known = pop();
    fake.handle('directory.identify', () => known);
    await useCallStore.getState().applyDirectoryChange({ contactIds: ['ct-1'], companyIds: [] });
    expect(fake.calls.map((c) => c.name)).toEqual(['directory.identify']);
    expect(useCallStore.getState().pops[0]!.card).toBe(known.card);
  });

  it('loads recent calls with the "missed only" filter', async () => {
    fake.handle('calls.recent', (input) => (input.onlyMissed ? [call({ id: 'm', state: 'missed' })] : [call({ id: 'x' })]));
    await useCallStore.getState().setOnlyMissed(true);
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 100, onlyMissed: true });
    expect(useCallStore.getState().recent.map((c) => c.id)).toEqual(['m']);
  });

  it('narrows recent calls to « mes appels » (the own line), also for calls arriving afterwards', async () => {
    const mineCall = call({ id: 'c', direction: 'inbound', toRaw: 'claire' });
    const bobs = call({ id: 'b', direction: 'inbound', toRaw: 'bob' });
    fake.handle('calls.recent', (input) => (input.mine ? [mineCall] : [mineCall, bobs]));
    await useCallStore.getState().setMine('claire');
    expect(fake.calls.at(-1)?.input).toMatchObject({ mine: true });
    expect(useCallStore.getState().recent.map((c) => c.id)).toEqual(['c']);
    useCallStore.getState().updated(call({ id: 'b2', direction: 'inbound', toRaw: 'bob' }));
    useCallStore.getState().updated(call({ id: 'c2', direction: 'inbound', toRaw: 'claire' }));
    expect(useCallStore.getState().recent.map((c) => c.id).sort()).toEqual(['c', 'c2']);
    await useCallStore.getState().setMine(null);
    expect(useCallStore.getState().recent.map((c) => c.id).sort()).toEqual(['b', 'c']);
  });
});

describe('useDirectoryStore search', () => {
  it('debounces typing into one search', async () => {
    vi.useFakeTimers();
    fake.handle('directory.searchPage', () => page([]));
    const s = useDirectoryStore.getState();
    s.setQuery('d');
    s.setQuery('du');
    s.setQuery('dur');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    expect(fake.calls).toEqual([{ name: 'directory.searchPage', input: { query: 'dur', offset: 0, limit: 12 } }]);
  });

  it('ignores a stale answer that arrives after a newer one', async () => {
    const slow = deferred<SearchPage>();
    fake.handle('directory.searchPage', (input) => (input.query === 'du' ? slow.promise : page([{ type: 'contact', id: 'new', label: 'Durand', detail: null }])));
    useDirectoryStore.getState().setQuery('du');
    const first = useDirectoryStore.getState().flushSearch();
    useDirectoryStore.getState().setQuery('durand');
    await useDirectoryStore.getState().flushSearch();
    slow.resolve(page([{ type: 'contact', id: 'old', label: 'Dubois', detail: null }]));
    await first;
    const results = useDirectoryStore.getState().results;
    expect(results.map((r) => (r.kind === 'record' ? r.id : r.kind))).toEqual(['new']);
  });

  it('looks a typed phone number up with directory.identify, matches first', async () => {
    fake.handle('directory.identify', () => pop({ matches: [match({ contactId: 'ct-7', label: 'Paul' })] }));
    fake.handle('directory.searchPage', () => page([{ type: 'contact', id: 'ct-7', label: 'Paul', detail: null }, { type: 'company', id: 'co-3', label: 'X', detail: null }]));
    useDirectoryStore.getState().setQuery('06 12 34 56 78');
    await useDirectoryStore.getState().flushSearch();
    expect(fake.calls.map((c) => c.name).sort()).toEqual(['directory.identify', 'directory.searchPage']);
    expect(useDirectoryStore.getState().results.map((r) => (r.kind === 'record' ? r.id : r.kind))).toEqual(['ct-7', 'co-3']);
  });

  it('still shows text results when the number cannot be identified', async () => {
    fake.fail('directory.identify', 'bad_request', 'numéro illisible');
    fake.handle('directory.searchPage', () => page([{ type: 'contact', id: 'ct-1', label: 'Marie', detail: null }]));
    useDirectoryStore.getState().setQuery('0612 3456 78');
    await useDirectoryStore.getState().flushSearch();
    expect(useDirectoryStore.getState().searchStatus).toBe('ready');
    expect(useDirectoryStore.getState().results).toHaveLength(1);
  });

  it('offers the unknown number itself when nothing matches', () => {
    const items = mergeResults(pop({ matches: [], card: null }), [], '0612345678');
    expect(items).toEqual([{ kind: 'number', number: '+33612345678', display: '06 12 34 56 78' }]);
  });

  it('offers no record creation for part of a number (« 12 34 56 », which the service reads as an extension)', () => {
    const partial = pop({ matches: [], card: null, number: { raw: '12 34 56', e164: null, display: '123456', kind: 'interne' } });
    expect(mergeResults(partial, [], '12 34 56')).toEqual([]);
    const beginning = pop({ matches: [], card: null, number: { raw: '04 78 12 34', e164: null, display: '04 78 12 34', kind: 'invalide' } });
    expect(mergeResults(beginning, [], '04 78 12 34')).toEqual([]);
  });

  it('says when the service found more records than listed, and loads the next ones on demand', async () => {
    const hit = (i: number) => ({ type: 'contact' as const, id: `ct-${i}`, label: `Bernard ${i}`, detail: null });
    const all = Array.from({ length: 40 }, (_, i) => hit(i));
    fake.handle('directory.searchPage', (input) => ({ hits: all.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 12)), total: all.length }));
    useDirectoryStore.getState().setQuery('bernard');
    await useDirectoryStore.getState().flushSearch();
    let results = useDirectoryStore.getState().results;
    expect(results).toHaveLength(13);
    expect(results[12]).toEqual({ kind: 'more', shown: 12, total: 40 });

    useDirectoryStore.getState().setActive(12);
    await useDirectoryStore.getState().showMore();
    results = useDirectoryStore.getState().results;
    expect(results.map((r) => (r.kind === 'record' ? r.id : r.kind))).toEqual(all.map((h) => h.id));
    // The first record loaded is the active one: Enter again opens it, the arrows go on from it.
    expect(useDirectoryStore.getState().activeIndex).toBe(12);
    expect(fake.calls.at(-1)).toEqual({ name: 'directory.searchPage', input: { query: 'bernard', offset: 12, limit: 50 } });
  });
  it('moves the active result with wrap-around', async () => {
    fake.handle('directory.searchPage', () =>
      page([
        { type: 'contact', id: '1', label: 'a', detail: null },
        { type: 'contact', id: '2', label: 'b', detail: null },
      ]),
    );
    useDirectoryStore.getState().setQuery('ab');
    await useDirectoryStore.getState().flushSearch();
    useDirectoryStore.getState().moveActive(-1);
    expect(useDirectoryStore.getState().activeIndex).toBe(1);
    useDirectoryStore.getState().moveActive(1);
    expect(useDirectoryStore.getState().activeIndex).toBe(0);
  });

  it('recognises phone-looking queries', () => {
    expect(looksLikePhoneNumber('06 12 34 56 78')).toBe(true);
    expect(looksLikePhoneNumber('+33 6 12 34 56 78')).toBe(true);
    expect(looksLikePhoneNumber('04.78.00.00.00')).toBe(true);
    expect(looksLikePhoneNumber('Durand')).toBe(false);
    expect(looksLikePhoneNumber('69003')).toBe(false);
  });

  it('opens a record with the full history (200)', async () => {
    fake.handle('directory.companyCard', () => card({ contact: null }));
    await useDirectoryStore.getState().openRecord({ type: 'company', id: 'co-1' });
    expect(fake.calls).toEqual([{ name: 'directory.companyCard', input: { companyId: 'co-1', historyLimit: 200 } }]);
    expect(useDirectoryStore.getState().record?.status).toBe('ready');
  });
});

describe('settings', () => {
  it('validates the PBX addresses lightly', () => {
    const draft = { wsUrl: 'http://pbx', uri: 'accueil@pbx', user: '', displayName: '', password: '', removePassword: false };
    expect(validateSipDraft(draft)).toEqual({ wsUrl: 'settings.wsUrlInvalid', uri: 'settings.uriInvalid' });
    expect(validateSipDraft({ ...draft, wsUrl: 'wss://pbx:8089/ws', uri: 'sip:accueil@pbx' })).toEqual({});
    expect(validateSipDraft({ ...draft, wsUrl: '', uri: '' })).toEqual({});
  });

  it('sends the password only when it changes (write-only field)', () => {
    const base = { wsUrl: ' wss://pbx ', uri: 'sip:a@pbx', user: 'a', displayName: 'Accueil', password: '', removePassword: false };
    expect(sipUpdateInput(base)).toEqual({ wsUrl: 'wss://pbx', uri: 'sip:a@pbx', user: 'a', displayName: 'Accueil' });
    expect(sipUpdateInput({ ...base, password: 's3cret' }).password).toBe('s3cret');
    expect(sipUpdateInput({ ...base, password: 'x', removePassword: true }).password).toBe('');
  });

  it('follows settings.changed for the locale, and rolls back a failed language change', async () => {
    fake.fail('settings.update', 'unavailable', 'Base indisponible');
    await useSettingsStore.getState().saveLocale('en');
    expect(useSettingsStore.getState().locale).toBe('fr');
    expect(useSettingsStore.getState().saveError).toEqual({ kind: 'service', code: 'unavailable', message: 'Base indisponible' });
  });
});

describe('new caller', () => {
  it('requires a last name and a plausible e-mail', () => {
    expect(validateNewContact({ firstName: '', lastName: ' ', email: 'x', city: '', companyId: null })).toEqual({
      lastName: 'newCaller.lastNameRequired',
      email: 'newCaller.emailInvalid',
    });
    expect(validateNewContact({ firstName: '', lastName: 'Durand', email: '', city: '', companyId: null })).toEqual({});
  });

  it('picks a sensible line type for an attach', () => {
    const n = pop().number;
    expect(defaultAttachKind(n, 'company')).toBe('standard');
    expect(defaultAttachKind(n, 'contact')).toBe('mobile');
    expect(defaultAttachKind({ ...n, kind: 'international' }, 'contact')).toBe('autre');
  });

  it('quick-creates with the prefilled number, attaches the live call and refreshes the pop', async () => {
    useCallStore.getState().incoming({ call: call({ id: 'a', contactId: null }), pop: pop({ matches: [], card: null }) });
    fake.handle('directory.createContact', () => contact({ id: 'ct-new', companyId: null }));
    fake.handle('calls.chooseMatch', (input) => ({ call: call({ id: input.callId, contactId: 'ct-new' }), card: card() }));
    fake.handle('directory.identify', () => pop({ matches: [match({ contactId: 'ct-new' })] }));
    await createContactForCaller({ liveCallId: 'a', callId: 'a' }, pop().number, {
      firstName: ' Jean ',
      lastName: 'Martin',
      email: '',
      city: 'Lyon',
      companyId: null,
    });
    expect(fake.calls[0]).toEqual({
      name: 'directory.createContact',
      input: { firstName: 'Jean', lastName: 'Martin', phone: '+33612345678', email: null, city: 'Lyon', companyId: null },
    });
    expect(fake.calls.map((c) => c.name)).toEqual(['directory.createContact', 'calls.chooseMatch', 'directory.identify']);
    expect(useCallStore.getState().pops[0]!.pop.matches[0]!.contactId).toBe('ct-new');
  });

  it('attaches an unknown number with the call id', async () => {
    useCallStore.getState().incoming({ call: call({ id: 'a' }), pop: pop({ matches: [], card: null }) });
    fake.handle('directory.attachNumber', () => ({ contact: null, company: null }));
    fake.handle('directory.identify', () => pop());
    await attachNumberForCaller({ liveCallId: 'a', callId: 'a' }, pop().number, { type: 'company', id: 'co-1' }, 'standard');
    expect(fake.calls[0]).toEqual({
      name: 'directory.attachNumber',
      input: { number: '+33612345678', contactId: null, companyId: 'co-1', kind: 'standard', callId: 'a' },
    });
  });
});

describe('bootstrap', () => {
  function fakeTransport() {
    let status: LinkStatus = { state: 'connecting', access: null, retryAt: null, failedAttempts: 0, everConnected: false };
    const listeners = new Set<(s: LinkStatus) => void>();
    const transport: StatusTransport & { set(s: Partial<LinkStatus>): void } = {
      invoke: () => Promise.reject(new Error('unused')),
      on: () => () => {},
      status: () => status,
      onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
      set(patch) {
        status = { ...status, ...patch };
        for (const l of listeners) l(status);
      },
    };
    return transport;
  }

  it('re-fetches app info, settings, telephony, active and recent calls on every reconnect', async () => {
    const transport = fakeTransport();
    const { dispose } = bootstrap(transport);
    // bootstrap installs a real client over the transport; swap in the fake for the calls.
    setContractClient(fake);
    fake.handle('app.info', () => ({ version: '0.1.0', mode: 'web', workspace: 'demo', dataDir: '/tmp', locale: 'fr', access: 'agent' }));
    fake.handle('settings.get', () => ({ locale: 'fr', sip: { wsUrl: '', uri: '', user: '', displayName: '', hasPassword: false }, sipFromEnvironment: false }));
    fake.handle('telephony.status', () => ({ state: 'unconfigured', aor: null, server: null, detail: null, nextRetryAt: null, since: '2025-03-04T13:00:00Z' }));
    fake.handle('calls.active', () => [{ call: call({ id: 'live' }), pop: pop() }]);
    fake.handle('calls.recent', () => []);
    fake.handle('callbacks.list', () => []);
    fake.handle('accounts.me', () => null);
    fake.handle('workflows.attention', () => []);
    fake.handle('messaging.unread', () => []);
    transport.set({ state: 'up' });
    await vi.waitFor(() => expect(useCallStore.getState().pops).toHaveLength(1));
    expect(selectCurrentView(useViewStore.getState())).toEqual({ kind: 'call' });
    const names = () => fake.calls.map((c) => c.name).sort();
    expect(names()).toEqual(['accounts.me', 'app.info', 'callbacks.list', 'calls.active', 'calls.recent', 'messaging.unread', 'settings.get', 'telephony.status', 'workflows.attention']);
    transport.set({ state: 'down' });
    transport.set({ state: 'up' });
    await vi.waitFor(() => expect(fake.calls).toHaveLength(18));
    dispose();
  });
});
