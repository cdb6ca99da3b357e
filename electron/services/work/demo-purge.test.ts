/**
 * Leaving the demo: the demo's and the simulations' calls go with their callback items; a real
 * missed call stays on the list, without the fictional name it was matched to.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { Directory } from '../directory';
import { CallJournal, type LineCallEvent } from '../journal/call-journal';
import { CallbackList } from './callbacks/callback-list';
import { generateDemoWorkspace, DEMO_FIXTURES } from '../demo';
import { SIMULATION_CALL_ID_HOST } from '../store/demo-purge';
import { purgeWorkDemo } from './demo-purge';

const NOW = new Date('2026-12-02T09:00:00Z');
const missedCall = (callKey: string, number: string): LineCallEvent[] => [
  { type: 'ringing', callKey, caller: { number, displayName: null, source: 'from', withheld: false, warnings: [] }, called: 'claire', at: NOW },
  { type: 'missed', callKey, at: new Date(NOW.getTime() + 20_000), reason: null },
];

describe('the demo purge with the work area’s hook', () => {
  it('removes the demo and simulated calls with their callback items, and keeps a real missed call listed without the demo name', () => {
    const store = openStore(':memory:', { clock: () => NOW });
    generateDemoWorkspace(store, { contacts: 30, now: NOW });
    const events = new EventBus();
    const journal = new CallJournal(store.calls, new Directory(store, { now: () => NOW }), events, createMemoryLogger());
    const callbacks = new CallbackList(store, events, createMemoryLogger());
    callbacks.start();
    for (const event of missedCall('real-1@pbx.example', DEMO_FIXTURES.mobileContact.e164)) journal.handle(event);
    for (const event of missedCall(`sim-1@${SIMULATION_CALL_ID_HOST}`, DEMO_FIXTURES.switchboardCompany.e164)) journal.handle(event);
    expect(callbacks.list({ includeDone: true, limit: 1000 }).length).toBeGreaterThan(5);

    store.purgeDemo([purgeWorkDemo]);

    const left = callbacks.list({ includeDone: true, limit: 1000 });
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ number: DEMO_FIXTURES.mobileContact.e164, state: 'open', contactId: null, companyId: null, label: null, missedCount: 1 });
    expect(store.calls.recent({ limit: 1000, onlyMissed: false }).map((c) => c.id)).toEqual([store.calls.findBySipCallId('real-1@pbx.example')!.id]);
    const orphans = store.database.prepare(`SELECT call_id FROM callback_calls WHERE call_id NOT IN (SELECT id FROM calls)`).all();
    expect(orphans).toEqual([]);
  });
});
