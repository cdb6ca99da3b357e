/**
 * The phone line restarting (IT changed the SIP settings) while a real call rings, on a real
 * Kamailio with a sipp caller: the ringing call is closed as missed at once and reaches the callback
 * list, instead of staying "ringing" until the next launch.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventBus } from '../../electron/services/event-bus';
import { createMemoryLogger } from '../../electron/services/log';
import { openStore } from '../../electron/services/store';
import { Directory } from '../../electron/services/directory';
import { CallJournal } from '../../electron/services/journal/call-journal';
import { CallbackList } from '../../electron/services/work/callbacks/callback-list';
import { PhoneLine } from '../../electron/services/phone-line';
import { startKamailio, type KamailioServer } from '../support/kamailio';
import { placeCall } from '../support/sipp';
import { waitFor } from '../support/wait';

let kamailio: KamailioServer;

beforeAll(async () => {
  kamailio = await startKamailio();
});

afterAll(async () => {
  await kamailio?.stop();
});


it('closes a call ringing when the line restarts as missed, and puts it on the callback list', async () => {
  const store = openStore(':memory:');
  const events = new EventBus();
  const logger = createMemoryLogger();
  const journal = new CallJournal(store.calls, new Directory(store), events, logger);
  const callbacks = new CallbackList(store, events, logger);
  callbacks.start();
  const config = { wsUrl: kamailio.wsUrl, uri: 'sip:claire@127.0.0.1', user: 'claire', password: 'unused', displayName: 'Claire' };
  const line = new PhoneLine({ sipConfig: () => config }, events, journal, logger, { initialMs: 150, maxMs: 600 });
  try {
    await line.start();
    await waitFor('registered', () => line.status().state === 'registered');
    // The caller would ring for 4 s; the restart comes first (our branch of the call is refused as
    // the old line goes; a desk phone's branch would ring on).
    const call = placeCall({ kamailio, to: 'claire', from: '0612345678', scenario: 'ring-then-cancel', holdMs: 4_000 });
    const ringing = await waitFor('the ringing row', () => store.calls.recent({ limit: 5 }).find((c) => c.state === 'ringing'));

    await line.restart();

    expect(store.calls.get(ringing.id)).toMatchObject({ state: 'missed', endReason: 'Ligne arrêtée' });
    expect(callbacks.list({ includeDone: false, limit: 10 }).map((c) => c.display)).toEqual(['06 12 34 56 78']);
    await waitFor('registered again', () => line.status().state === 'registered');
    await call;
    // Whatever the caller's side does next does not reopen or change the closed call.
    expect(store.calls.get(ringing.id)).toMatchObject({ state: 'missed' });
  } finally {
    await line.stop();
    callbacks.stop();
    store.close();
  }
});
