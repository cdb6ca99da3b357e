import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallHandlers } from './dispatcher';
import { ServiceError } from './envelope';
import { errorSentence, type ErrorReason } from './error-catalog';
import { calls } from './calls';
import { mergeTables } from './call-spec';
import { eventAudience, events, type EventName } from './events';

const status = { state: 'unconfigured', aor: null, server: null, detail: null, nextRetryAt: null, since: '2026-11-25T10:00:00.000Z' } as const;

function handlers(overrides: Partial<CallHandlers> = {}): CallHandlers {
  const notUsed = () => {
    throw new Error('not used in this test');
  };
  const base = Object.fromEntries(
    ['app.info', 'directory.identify', 'directory.search', 'directory.contactCard', 'directory.companyCard', 'directory.createContact', 'directory.attachNumber', 'calls.recent', 'calls.active', 'calls.chooseMatch', 'telephony.reconnect', 'settings.get', 'settings.update'].map((n) => [n, notUsed]),
  ) as unknown as CallHandlers;
  return { ...base, 'telephony.status': () => status, ...overrides };
}

describe('dispatcher', () => {
  it('answers a known call with an ok envelope', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('telephony.status', {}, { access: 'agent' })).toEqual({ ok: true, value: status });
  });

  it('refuses an unknown call name without running anything', async () => {
    const dispatch = createDispatcher(handlers());
    const result = await dispatch('__proto__', {}, { access: 'agent' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('refuses input that fails the schema, naming the field', async () => {
    const dispatch = createDispatcher(handlers());
    const result = await dispatch('directory.search', { query: 42 }, { access: 'agent' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    if (!result.ok) expect(result.error.message).toContain('query');
  });

  it('gives a refused input a reason with the field path, and keeps the French sentence as before', async () => {
    const dispatch = createDispatcher(handlers());
    const one = await dispatch('directory.search', { query: 42 }, { access: 'agent' });
    expect(one).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'contract.invalid_input', params: { field: 'query' } } });
    if (!one.ok) expect(one.error.message).toBe(`query : ${String(one.error.params?.['detail'])}`);
    const root = await dispatch('directory.search', 'not an object', { access: 'agent' });
    expect(root).toMatchObject({ ok: false, error: { reason: 'contract.invalid_input_root' } });
    if (!root.ok) expect(root.error.message).toMatch(/^\(entrée\) : /);
    const two = await dispatch('directory.contactCard', { contactId: 1, historyLimit: 'x' }, { access: 'agent' });
    expect(two).toMatchObject({ ok: false, error: { reason: 'contract.invalid_inputs', params: { field: 'contactId' } } });
    if (!two.ok) expect(two.error.message).toMatch(/^contactId : .+ ; historyLimit : /);
  });

  it('words what a form sends wrong by the field’s label, in French and in English, never zod’s words', async () => {
    const dispatch = createDispatcher(handlers());
    const settings = { role: 'agent', extensions: [], queueNumber: '', wrapUpSeconds: -5 };
    const low = await dispatch('supervision.updateSettings', settings, { access: 'agent' });
    expect(low).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'contract.field_too_small', params: { field: 'wrapUpSeconds', limit: 0 } } });
    if (!low.ok) {
      expect(low.error.message).toBe('Durée de l’après-appel (secondes) : au moins 0.');
      expect(errorSentence('en', low.error.reason as ErrorReason, low.error.params)).toBe('Wrap-up time (seconds): at least 0.');
      expect(low.error.message).not.toMatch(/too small|wrapUpSeconds/i);
    }
    const half = await dispatch('supervision.updateSettings', { ...settings, wrapUpSeconds: 2.5 }, { access: 'agent' });
    if (!half.ok) expect(half.error.message).toBe('Durée de l’après-appel (secondes) : un nombre entier est attendu.');
    expect(half.ok).toBe(false);
  });

  it('words its own refusals with reasons too', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('nope', {}, { access: 'agent' })).toEqual({ ok: false, error: { code: 'unknown_call', message: 'Appel inconnu : nope', reason: 'contract.unknown_call', params: { name: 'nope' } } });
    expect(await dispatch('telephony.reconnect', {}, { access: 'read-only' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Cet accès est en lecture seule.', reason: 'contract.read_only', params: {} },
    });
  });

  it('refuses extra fields (strict inputs)', async () => {
    const dispatch = createDispatcher(handlers());
    const result = await dispatch('telephony.status', { evil: true }, { access: 'agent' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('lets a read-only connection read but not write', async () => {
    let wrote = false;
    const dispatch = createDispatcher(
      handlers({
        'telephony.reconnect': () => {
          wrote = true;
          return status;
        },
      }),
    );
    expect((await dispatch('telephony.status', {}, { access: 'read-only' })).ok).toBe(true);
    expect(await dispatch('telephony.reconnect', {}, { access: 'read-only' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(wrote).toBe(false);
  });

  it('passes a ServiceError through as its code and message', async () => {
    const dispatch = createDispatcher(
      handlers({
        'directory.contactCard': () => {
          throw new ServiceError('not_found', { reason: 'contact.not_found' });
        },
      }),
    );
    expect(await dispatch('directory.contactCard', { contactId: 'x' }, { access: 'agent' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Contact introuvable', reason: 'contact.not_found', params: {} },
    });
  });

  it('hides a bug behind an internal error and reports it', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatcher(
      handlers({
        'directory.search': () => {
          throw new TypeError('x is undefined at /home/secret/path.ts');
        },
      }),
    );
    const result = await dispatch('directory.search', { query: 'a' }, { access: 'agent', onInternalError: (_n, e) => seen.push(e) });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).not.toContain('/home/secret');
    expect(seen).toHaveLength(1);
  });

  it('refuses an output that drifts from the contract', async () => {
    const dispatch = createDispatcher(handlers({ 'telephony.status': () => ({ ...status, state: 'dancing' }) as never }));
    expect(await dispatch('telephony.status', {}, { access: 'agent' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('passes the caller to the handler, and refuses a role the call does not allow', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatcher(
      handlers({
        'telephony.status': (_input, ctx) => {
          seen.push(ctx);
          return status;
        },
      }),
    );
    await dispatch('telephony.status', {}, { access: 'read-only' });
    expect(seen).toEqual([{ role: 'read-only' }]);
    expect(calls['telephony.status'].roles).toEqual(['agent', 'supervisor', 'admin', 'read-only']);
    expect(calls['telephony.reconnect'].roles).toEqual(['agent', 'supervisor', 'admin']);
  });
});

describe('contract tables', () => {
  it('fails loudly when two modules define the same name', () => {
    expect(() => mergeTables({ 'a.one': 1, 'a.two': 2 }, { 'b.one': 3 }, { 'a.two': 4 })).toThrow(/« a\.two » is defined twice/);
    expect(mergeTables({ 'a.one': 1 }, { 'b.one': 3 })).toEqual({ 'a.one': 1, 'b.one': 3 });
  });

  it('sends customer data to the agent only: pops, calls, callbacks, tickets and settings are not for the wall screen', () => {
    for (const name of Object.keys(events) as EventName[]) {
      expect(eventAudience(name)).toContain('agent');
    }
    for (const name of ['call.incoming', 'call.updated', 'callbacks.changed', 'tickets.changed', 'settings.changed', 'directory.changed'] as EventName[]) {
      expect(eventAudience(name), name).toEqual(['agent', 'supervisor', 'admin']);
    }
    expect(eventAudience('supervision.live')).toEqual(['agent', 'supervisor', 'admin', 'read-only']);
  });
});
