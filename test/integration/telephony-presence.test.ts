/**
 * The test Kamailio's presence option (dialog events, RFC 4235 "BLF"): checked here so that a later
 * issue building a wallboard on it starts from a registrar known to publish dialog states.
 */
import { Subscriber, UserAgent } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/services/log';
import { SipLine } from '../../electron/services/telephony/sip-line';
import { startKamailio, type KamailioServer } from '../support/kamailio';
import { placeCall } from '../support/sipp';

let kamailio: KamailioServer;

beforeAll(async () => {
  kamailio = await startKamailio({ presence: true });
});

afterAll(async () => {
  await kamailio?.stop();
});

async function waitFor(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Kamailio with presence', () => {
  it("publishes a line's dialog states (early, then terminated) to a dialog-event subscriber", async () => {
    const line = new SipLine({ wsUrl: kamailio.wsUrl, uri: 'sip:claire@127.0.0.1', user: 'claire', password: 'unused' }, { logger: createMemoryLogger() });
    const watcherUri = UserAgent.makeURI('sip:wallboard@127.0.0.1');
    const claireUri = UserAgent.makeURI('sip:claire@127.0.0.1');
    if (!watcherUri || !claireUri) throw new Error('bad test URIs');
    const watcher = new UserAgent({ uri: watcherUri, transportOptions: { server: kamailio.wsUrl }, logBuiltinEnabled: false });
    const states: string[] = [];
    try {
      await line.start();
      await waitFor('registered', () => line.status().state === 'registered');
      await watcher.start();
      const subscriber = new Subscriber(watcher, claireUri, 'dialog', { expires: 120 });
      subscriber.delegate = {
        onNotify: (notification) => {
          void notification.accept();
          states.push(/<state>([^<]*)<\/state>/.exec(notification.request.body)?.[1] ?? 'none');
        },
      };
      await subscriber.subscribe();
      await waitFor('the first NOTIFY', () => states.length > 0);
      const call = await placeCall({ kamailio, to: 'claire', from: '0612345678', scenario: 'ring-then-cancel', holdMs: 300 });
      expect(call.code, call.errors).toBe(0);
      await waitFor('a terminated dialog', () => states.includes('terminated'));
      expect(states[0]).toBe('none'); // the initial NOTIFY has no dialog
      expect(states).toContain('early');
      expect(states.indexOf('early')).toBeLessThan(states.indexOf('terminated'));
      await subscriber.unsubscribe().catch(() => {});
    } finally {
      await watcher.stop().catch(() => {});
      await line.stop();
    }
  });
});
