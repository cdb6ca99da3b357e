/**
 * The supervisor's figures through the contract's handlers, from a real SQLite journal holding a
 * generated history with known counts (every agent's calls, outbound call-backs included).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../electron/services/event-bus';
import { createMemoryLogger } from '../../electron/services/log';
import { openStore, type AccueilStore } from '../../electron/services/store';
import { createSupervisionArea, type SupervisionArea } from '../../electron/services/supervision/supervision-area';
import { localTime, parisInstant } from '../../electron/services/shared/paris-time';
import { generateCallHistory } from '../support/call-history';
import { CallbacksRepository } from '../../electron/services/work/callbacks/callbacks-repository';

let dir: string;
let store: AccueilStore;
let area: SupervisionArea;
const NOW = new Date('2025-06-20T14:30:00Z'); // Friday 16:30 in Paris
let oldestOpen = '';
const history = generateCallHistory({ until: '2025-06-20', days: 20 * 7, seed: 3 });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-figures-'));
  store = openStore(path.join(dir, 'accueil.db'));
  store.transaction(() => {
    history.calls.forEach((c, i) =>
      store.calls.insertPast({
        id: `h${i}`, sipCallId: null, direction: c.direction, state: c.state, fromRaw: c.number ?? 'anonymous', fromE164: c.number,
        fromDisplay: c.number ?? 'Numéro masqué', callerName: null, toRaw: 'claire', ringAt: c.ringAt, contactId: null, companyId: null,
        matchLabel: null, answerAt: c.answerAt, endAt: c.endAt, endReason: null,
      }),
    );
    // Today: a missed call at 09:00 called back by Claire (outbound, answered) at 09:40, another never called back.
    const at = (h: number, m: number) => new Date(parisInstant('2025-06-20', h).getTime() + m * 60_000).toISOString();
    const base = { sipCallId: null, callerName: null, contactId: null, companyId: null, matchLabel: null, endReason: null };
    store.calls.insertPast({ ...base, id: 't1', direction: 'inbound', state: 'missed', fromRaw: '0611223344', fromE164: '+33611223344', fromDisplay: '06 11 22 33 44', toRaw: 'claire', ringAt: at(9, 0), answerAt: null, endAt: at(9, 1) });
    store.calls.insertPast({ ...base, id: 't2', direction: 'outbound', state: 'ended', fromRaw: 'claire', fromE164: null, fromDisplay: 'claire', toRaw: '06 11 22 33 44', ringAt: at(9, 40), answerAt: at(9, 40), endAt: at(9, 45) });
    store.calls.insertPast({ ...base, id: 't3', direction: 'inbound', state: 'missed', fromRaw: '0655667788', fromE164: '+33655667788', fromDisplay: '06 55 66 77 88', toRaw: 'bob', ringAt: at(10, 0), answerAt: null, endAt: at(10, 1) });
    // The callback list as the work area keeps it (issue 4): both missed callers listed, the first closed by Claire's call.
    const item = (id: string, e164: string, ringAt: string) =>
      store.repository(CallbacksRepository).addMissed({ callId: id, ringAt, numberKey: e164, numberE164: e164, display: e164, contactId: null, companyId: null, label: null });
    const first = item('t1', '+33611223344', at(9, 0))!;
    item('t3', '+33655667788', at(10, 0));
    store.repository(CallbacksRepository).close(first, { by: 'answered_call', reason: 'rappelé', callId: 't2', at: at(9, 40) });
    oldestOpen = at(10, 0);
  });
  area = createSupervisionArea({
    store, dataDir: dir, env: {}, events: new EventBus(), logger: createMemoryLogger(),
    identify: () => ({ number: { raw: '', e164: null, display: '', kind: 'invalide' }, matches: [] }),
    callbackItemsSince: (since) => store.repository(CallbacksRepository).itemsForFiguresSince(since),
    callbackTargetMinutes: () => 60, createAdapter: () => null, clock: () => NOW,
  });
});

afterAll(async () => {
  await area?.stop();
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const generatedOn = (date: string, upTo = Infinity) =>
  history.calls.filter((c) => localTime(c.ringAt).date === date && Date.parse(c.ringAt) <= upTo);

describe('supervision figures from the journal file', () => {
  it('counts today’s calls (Paris day) and the call-back of a missed caller within the target', async () => {
    const today = await area.handlers['supervision.today']({});
    const generated = generatedOn('2025-06-20');
    expect(today.date).toBe('2025-06-20');
    expect(today.inbound).toBe(generated.length + 2);
    expect(today.missed).toBe(generated.filter((c) => c.state === 'missed').length + 2);
    expect(today.answered).toBe(generated.filter((c) => c.state === 'ended').length);
    expect(today.byHour.reduce((n, b) => n + b.inbound, 0)).toBe(today.inbound);
    expect(today.byHour[9]).toEqual({ hour: 9, inbound: 1, answered: 0, missed: 1 });
    // +33611223344 called back after 40 min (the number dialled, read from to_raw); +33655667788 not.
    // From the callback list (it exists since migration 0003): one called back in 40 min, one still open.
    expect(today.callbackSource).toBe('callback-list');
    expect(today.missedCallers).toBe(2);
    expect(today.calledBack).toBe(1);
    expect(today.calledBackWithinTarget).toBe(1);
    expect(today.pendingCallbacks).toBe(1);
    expect(today.oldestPendingAt).toBe(oldestOpen);
  });

  it('gives 30 days whose counts are the generated ones', async () => {
    const days = await area.handlers['supervision.trend']({ days: 30 });
    expect(days).toHaveLength(30);
    for (const day of days.slice(0, 29)) expect(day.inbound, day.date).toBe(generatedOn(day.date).length);
  });

  it('forecasts the next week from the file and beats the naive baseline in its backtest', async () => {
    const forecast = await area.handlers['supervision.forecast']({});
    expect(forecast.days[0]!.date).toBe('2025-06-21');
    expect(forecast.hours).toHaveLength(168);
    expect(forecast.backtest!.weeks).toBe(4);
    expect(forecast.backtest!.model.wape).toBeLessThan(forecast.backtest!.naive.wape);
    // Monday 23 June: a normal Monday in the generator (62 calls × growth).
    expect(forecast.days[2]!.expected).toBeGreaterThan(45);
  });
});
