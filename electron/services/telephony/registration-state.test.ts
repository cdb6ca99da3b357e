import { describe, expect, it } from 'vitest';
import type { TelephonyStatus } from '../../contract/model';
import { Registration, canTransition } from './registration-state';

const where = { aor: 'sip:claire@pbx', server: 'wss://pbx:8443' };

describe('Registration', () => {
  it('starts unconfigured and reports every change with its detail and next retry', () => {
    const seen: TelephonyStatus[] = [];
    let now = new Date('2026-01-05T08:00:00Z');
    const reg = new Registration(where, (s) => seen.push(s), () => now);
    expect(reg.status()).toMatchObject({ state: 'unconfigured', aor: where.aor, server: where.server, detail: null, nextRetryAt: null });
    reg.transition('connecting');
    now = new Date('2026-01-05T08:00:01Z');
    reg.transition('unregistered', { detail: 'Serveur injoignable', nextRetryAt: new Date('2026-01-05T08:00:03Z') });
    reg.transition('connecting');
    reg.transition('registered');
    expect(seen.map((s) => s.state)).toEqual(['connecting', 'unregistered', 'connecting', 'registered']);
    expect(seen[1]).toMatchObject({ detail: 'Serveur injoignable', nextRetryAt: '2026-01-05T08:00:03.000Z', since: '2026-01-05T08:00:01.000Z' });
    expect(seen[3]).toMatchObject({ detail: null, nextRetryAt: null });
  });

  it('refuses a move the diagram does not have, SIP.js style', () => {
    const reg = new Registration(where, () => {});
    expect(() => reg.transition('registered')).toThrow('Invalid state transition from unconfigured to registered');
    reg.transition('connecting');
    reg.transition('failed', { detail: 'Identifiants refusés (403)' });
    expect(() => reg.transition('registered')).toThrow('Invalid state transition from failed to registered');
    expect(reg.state).toBe('failed');
  });

  it('lets a person retry after a failure, and stop() settle any state but unconfigured', () => {
    expect(canTransition('failed', 'connecting')).toBe(true);
    for (const s of ['connecting', 'registered', 'unregistered', 'failed'] as const) expect(canTransition(s, 'unregistered')).toBe(true);
    expect(canTransition('unconfigured', 'unregistered')).toBe(false);
    expect(canTransition('unregistered', 'registered')).toBe(false);
  });
});
