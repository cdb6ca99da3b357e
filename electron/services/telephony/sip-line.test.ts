import { describe, expect, it } from 'vitest';
import type { TelephonyStatus } from '../../contract/model';
import { createMemoryLogger } from '../log';
import { SipLine } from './sip-line';

const config = { wsUrl: 'wss://pbx.example:8443', uri: 'sip:claire@pbx.example', user: 'claire', password: 'Tr3s-secret' };

describe('SipLine (no network)', () => {
  it('is unconfigured, with its address and server, before start()', () => {
    const line = new SipLine(config, { logger: createMemoryLogger() });
    expect(line.status()).toMatchObject({ state: 'unconfigured', aor: config.uri, server: config.wsUrl, detail: null, nextRetryAt: null });
  });

  it.each([
    [{ ...config, wsUrl: 'http://pbx.example' }, /ws:\/\/ ou wss:\/\//],
    [{ ...config, wsUrl: '' }, /ws:\/\/ ou wss:\/\//],
    [{ ...config, uri: 'pas une adresse' }, /adresse SIP incorrecte/],
  ])('fails with a plain-French detail, without retrying, on a bad configuration (%#)', async (bad, detail) => {
    const logger = createMemoryLogger();
    const line = new SipLine(bad, { logger, reconnect: { initialMs: 10, maxMs: 20 } });
    const seen: TelephonyStatus[] = [];
    line.on('status', (s) => seen.push(s));
    await line.start();
    expect(line.status()).toMatchObject({ state: 'failed', nextRetryAt: null });
    expect(line.status().detail).toMatch(detail);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(seen.map((s) => s.state)).toEqual(['failed']);
    expect(JSON.stringify(logger.lines)).not.toContain(config.password);
    await line.stop();
    await line.stop();
    expect(line.status().state).toBe('unregistered');
  });

  it('stops listeners when their unsubscribe function is called, and survives a listener that throws', async () => {
    const logger = createMemoryLogger();
    const line = new SipLine({ ...config, wsUrl: 'nope' }, { logger });
    const seen: string[] = [];
    const off = line.on('status', (s) => seen.push(s.state));
    line.on('status', () => {
      throw new Error('listener bug');
    });
    await line.start();
    off();
    await line.stop();
    expect(seen).toEqual(['failed']);
    expect(logger.lines.some((l) => l.msg === 'status listener threw')).toBe(true);
  });

  it('does nothing on stop() before start()', async () => {
    const line = new SipLine(config, { logger: createMemoryLogger() });
    await line.stop();
    expect(line.status().state).toBe('unconfigured');
  });
});
