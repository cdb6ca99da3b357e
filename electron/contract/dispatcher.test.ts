import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallHandlers } from './dispatcher';
import { ServiceError } from './envelope';

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
          throw new ServiceError('not_found', 'Contact introuvable');
        },
      }),
    );
    expect(await dispatch('directory.contactCard', { contactId: 'x' }, { access: 'agent' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Contact introuvable' },
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
});
