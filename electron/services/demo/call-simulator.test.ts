/**
 * « Simuler un appel » on a real (in-memory) demo store, through the real journal and callback list:
 * each ready caller pops what a SIP call from that number would, and the outcome reaches the list.
 * Timers are injected: the test moves the simulation on, never waits for it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { openStore, type AccueilStore } from '../store';
import { Directory } from '../directory';
import { CallJournal } from '../journal/call-journal';
import { CallbackList } from '../work/callbacks/callback-list';
import type { CallRecord, ScreenPop } from '../../contract/model';
import { generateDemoWorkspace, DEMO_FIXTURES } from '.';
import { CallSimulator, SIMULATION_CALLERS } from './call-simulator';

const NOW = new Date('2026-12-02T09:00:00Z');

let store: AccueilStore;
let events: EventBus;
let callbacks: CallbackList;
let simulator: CallSimulator;
let timers: Array<{ fn: () => void; ms: number; cleared: boolean }>;
let pops: Array<{ call: CallRecord; pop: ScreenPop }>;
let updates: CallRecord[];

beforeEach(() => {
  store = openStore(':memory:', { clock: () => NOW });
  generateDemoWorkspace(store, { contacts: 30, now: NOW });
  events = new EventBus();
  const journal = new CallJournal(store.calls, new Directory(store, { now: () => NOW }), events, createMemoryLogger());
  callbacks = new CallbackList(store, events, createMemoryLogger());
  callbacks.start();
  pops = [];
  updates = [];
  events.on('call.incoming', (p) => pops.push(p));
  events.on('call.updated', ({ call }) => updates.push(call));
  timers = [];
  simulator = new CallSimulator({
    deliver: (event) => journal.handle(event),
    called: () => 'sip:claire@pbx.example',
    now: () => NOW,
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  });
});

/** Runs the next pending timer, as the clock would. */
function tick(): void {
  const next = timers.find((t) => !t.cleared);
  if (!next) throw new Error('no timer pending');
  next.cleared = true;
  next.fn();
}

const caller = (kind: string) => SIMULATION_CALLERS.find((c) => c.kind === kind)!;

describe('CallSimulator', () => {
  it('pops every kind of caller as a SIP call from that number would', () => {
    const seen = SIMULATION_CALLERS.map((c) => {
      simulator.simulate(c.number, 'missed');
      return pops.at(-1)!;
    });
    const [known, landline, switchboard, unknown, withheld] = seen;
    expect(known!.pop.card?.contact?.id).toBe(DEMO_FIXTURES.mobileContact.contactId);
    expect(known!.pop.card?.openQuotes.some((q) => q.status === 'envoye')).toBe(true);
    expect(landline!.pop.matches.map((m) => m.contactId)).toEqual([...DEMO_FIXTURES.sharedLandline.contactIds]);
    expect(switchboard!.pop.matches).toMatchObject([{ companyId: DEMO_FIXTURES.switchboardCompany.companyId, reason: 'standard' }]);
    expect(unknown!.pop.matches).toEqual([]);
    expect(unknown!.pop.number.e164).toBe(DEMO_FIXTURES.unknownNumber.e164);
    expect(withheld!.pop.number.kind).toBe('masque');
    for (const { call } of seen) expect(call).toMatchObject({ state: 'ringing', direction: 'inbound', toRaw: 'sip:claire@pbx.example', simulated: true });
  });

  it('puts a missed simulation on the callback list, journaled once and marked as a simulation', () => {
    simulator.simulate(caller('unknown_number').number, 'missed');
    expect(callbacks.list({ includeDone: false, limit: 50 }).map((c) => c.number)).not.toContain(DEMO_FIXTURES.unknownNumber.e164);
    tick();
    const call = store.calls.get(pops[0]!.call.id)!;
    expect(call).toMatchObject({ state: 'missed', simulated: true, endReason: 'caller_cancelled' });
    expect(callbacks.list({ includeDone: false, limit: 50 }).filter((c) => c.number === DEMO_FIXTURES.unknownNumber.e164)).toHaveLength(1);
    expect(store.calls.recent({ limit: 500, onlyMissed: false }).filter((c) => c.simulated)).toHaveLength(1);
  });

  it('answers then ends an answered simulation, and a real call never reads as one', () => {
    simulator.simulate(caller('known_customer').number, 'answered');
    tick();
    expect(updates.at(-1)).toMatchObject({ state: 'answered', simulated: true });
    tick();
    expect(updates.at(-1)).toMatchObject({ state: 'ended', endReason: 'bye' });
    expect(timers.filter((t) => !t.cleared)).toEqual([]);
    expect(store.calls.recent({ limit: 500, onlyMissed: false }).filter((c) => !c.simulated).every((c) => c.simulated === undefined)).toBe(true);
  });

  it('closes what is still running when it stops: ringing as missed, answered as ended', () => {
    simulator.simulate(caller('company_switchboard').number, 'answered');
    simulator.simulate(caller('shared_landline').number, 'answered');
    tick(); // the first one is answered
    simulator.stop();
    expect(pops.map((p) => store.calls.get(p.call.id)!.state)).toEqual(['ended', 'missed']);
    expect(timers.every((t) => t.cleared)).toBe(true);
  });

  it('refuses an empty number and a flood of simulations, with a clear reason', () => {
    expect(() => simulator.simulate('   ', 'missed')).toThrow(/manquant/);
    for (let i = 0; i < 5; i++) simulator.simulate(`06 12 34 56 7${i}`, 'missed');
    expect(() => simulator.simulate('06 12 34 56 79', 'missed')).toThrow(/Trop d’appels simulés/);
    tick();
    expect(() => simulator.simulate('06 12 34 56 79', 'missed')).not.toThrow();
  });
});
