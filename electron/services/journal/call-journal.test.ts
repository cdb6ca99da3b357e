import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { openStore, type AccueilStore } from '../store';
import { Directory } from '../directory';
import { generateDemoWorkspace, DEMO_FIXTURES } from '../demo';
import { CallJournal, type LineCallEvent, type PopTiming } from './call-journal';

let store: AccueilStore;
let directory: Directory;
let events: EventBus;
let seen: Array<{ name: string; payload: unknown }>;
let logger: ReturnType<typeof createMemoryLogger>;
let journal: CallJournal;

const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 9, 0, s));
const ringing = (callKey: string, number: string, extra: Partial<Extract<LineCallEvent, { type: 'ringing' }>['caller']> = {}): LineCallEvent => ({
  type: 'ringing',
  callKey,
  caller: { number, displayName: null, source: 'from', withheld: false, warnings: [], ...extra },
  called: 'claire',
  at: at(0),
});

beforeEach(() => {
  store = openStore(':memory:');
  generateDemoWorkspace(store, { contacts: 30, now: at(0) });
  directory = new Directory(store, { now: () => at(0) });
  events = new EventBus();
  seen = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  logger = createMemoryLogger();
  journal = new CallJournal(store.calls, directory, events, logger);
});

describe('CallJournal', () => {
  it('writes the ringing call before it announces the pop, attached to the identified contact', () => {
    let rowAtAnnounce: unknown = 'not announced';
    events.on('call.incoming', ({ call }) => (rowAtAnnounce = store.calls.get(call.id)));
    journal.handle(ringing('k1', '+33612345678'));
    expect(rowAtAnnounce).toMatchObject({ state: 'ringing', contactId: DEMO_FIXTURES.mobileContact.contactId });
    const incoming = seen.find((e) => e.name === 'call.incoming')?.payload as { pop: { card: { contact: { id: string } } } };
    expect(incoming.pop.card.contact.id).toBe(DEMO_FIXTURES.mobileContact.contactId);
  });

  it('logs a repeated INVITE of the same call once', () => {
    journal.handle(ringing('k1', '0612345678'));
    journal.handle(ringing('k1', '0612345678'));
    expect(store.calls.recent({ limit: 500 }).filter((c) => c.fromE164 === '+33612345678' && c.state === 'ringing')).toHaveLength(1);
    expect(seen.filter((e) => e.name === 'call.incoming')).toHaveLength(1);
  });

  it('treats an INVITE repeated within the window as the same call, and the same Call-ID an hour later as a new call', () => {
    const rowsOf = (callKey: string) =>
      store.database.prepare<{ state: string; ring_at: string }>(`SELECT state, ring_at FROM calls WHERE sip_call_id = ? ORDER BY ring_at DESC`).all(callKey);
    const reused = (when: Date): LineCallEvent => ({ ...ringing('reused', '0612345678'), at: when }) as LineCallEvent;
    journal.handle(reused(at(0)));
    journal.handle({ type: 'missed', callKey: 'reused', at: at(20), reason: null });
    // A retransmission or a PBX re-sending after a failover, 4 minutes on: still the call that rang.
    journal.handle(reused(new Date(at(0).getTime() + 4 * 60_000)));
    expect(rowsOf('reused')).toHaveLength(1);

    const anHourLater = new Date(at(0).getTime() + 60 * 60_000);
    journal.handle(reused(anHourLater));
    expect(rowsOf('reused')).toEqual([
      { state: 'ringing', ring_at: anHourLater.toISOString() },
      { state: 'missed', ring_at: at(0).toISOString() },
    ]);
    expect(seen.filter((e) => e.name === 'call.incoming')).toHaveLength(2);
    // What follows for that Call-ID is about the new call; the old one keeps its outcome.
    journal.handle({ type: 'answered_elsewhere', callKey: 'reused', at: new Date(anHourLater.getTime() + 5_000), reason: null });
    expect(rowsOf('reused').map((r) => r.state)).toEqual(['answered_elsewhere', 'missed']);
  });

  it('takes the window from its options', () => {
    const strict = new CallJournal(store.calls, directory, events, logger, { sameCallWindowMs: 1_000 });
    strict.handle(ringing('w2', '0612345678'));
    strict.handle({ ...ringing('w2', '0612345678'), at: at(2) } as LineCallEvent);
    expect(store.database.prepare(`SELECT id FROM calls WHERE sip_call_id = 'w2'`).all()).toHaveLength(2);
  });

  it('records missed and answered-elsewhere outcomes, and ignores a late retransmission', () => {
    journal.handle(ringing('a', '0612345678'));
    journal.handle(ringing('b', '0478123456'));
    journal.handle({ type: 'missed', callKey: 'a', at: at(9), reason: null });
    journal.handle({ type: 'answered_elsewhere', callKey: 'b', at: at(7), reason: 'Call completed elsewhere' });
    journal.handle({ type: 'ended', callKey: 'a', at: at(12), reason: null });
    expect(store.calls.findBySipCallId('a')).toMatchObject({ state: 'missed', endAt: at(9).toISOString() });
    expect(store.calls.findBySipCallId('b')).toMatchObject({ state: 'answered_elsewhere', companyId: DEMO_FIXTURES.switchboardCompany.companyId });
    expect(journal.active()).toEqual([]);
  });

  it('keeps the call when identification throws, as an unmatched new caller', () => {
    const broken = Object.create(directory) as Directory;
    broken.buildPop = () => {
      throw new Error('index exploded');
    };
    const j = new CallJournal(store.calls, broken, events, logger);
    j.handle(ringing('x', '0612345678'));
    expect(store.calls.findBySipCallId('x')).toMatchObject({ state: 'ringing', contactId: null, fromE164: '+33612345678' });
    expect(logger.lines.some((l) => l['msg'] === 'caller identification failed')).toBe(true);
  });

  it('journals a withheld caller without a number', () => {
    journal.handle(ringing('w', '', { withheld: true }));
    expect(store.calls.findBySipCallId('w')).toMatchObject({ fromE164: null, contactId: null });
  });

  it('logs the caller-identity warnings the line reported', () => {
    journal.handle(ringing('h', '0612345678', { warnings: ['display name truncated to 200 characters'] }));
    expect(logger.lines.some((l) => l['warning'] === 'display name truncated to 200 characters')).toBe(true);
  });

  it('closes calls a killed run left ringing as missed, so they are called back', () => {
    journal.handle(ringing('left', '0612345678'));
    const next = new CallJournal(store.calls, directory, new EventBus(), logger);
    expect(next.closeInterrupted(at(30))).toBe(1);
    expect(store.calls.findBySipCallId('left')).toMatchObject({ state: 'missed', endReason: 'interrupted' });
  });

  it('moves the call and its pop to the record Claire picks', () => {
    journal.handle(ringing('s', '0299876543'));
    const call = store.calls.findBySipCallId('s')!;
    const [, second] = DEMO_FIXTURES.sharedLandline.contactIds;
    const updated = journal.attach(call.id, { contactId: second, companyId: null, label: 'Jérôme Gauthier' });
    expect(updated.contactId).toBe(second);
    expect(journal.active()[0]?.pop.card?.contact?.id).toBe(second);
  });

  it('reports the marks of each popped call to onTiming, in the order of the path', () => {
    const timings: PopTiming[] = [];
    let announced: string | null = null;
    events.on('call.incoming', ({ call }) => (announced = call.id));
    const timed = new CallJournal(store.calls, directory, events, logger, { onTiming: (t) => timings.push(t) });
    timed.handle(ringing('t1', '0612345678'));
    timed.handle(ringing('t1', '0612345678')); // the same call again: no second pop, no second timing
    timed.handle({ type: 'missed', callKey: 't1', at: at(5), reason: null });
    expect(timings).toHaveLength(1);
    const [t] = timings;
    expect(t).toMatchObject({ callKey: 't1', callId: announced });
    expect(t!.lineAt).toBeLessThanOrEqual(t!.cardAt);
    expect(t!.cardAt).toBeLessThanOrEqual(t!.writtenAt);
    expect(t!.writtenAt).toBeLessThanOrEqual(t!.announcedAt);
  });

  it('logs pop timings only when ACCUEIL_POP_TIMING=1', () => {
    new CallJournal(store.calls, directory, events, logger, { env: {} }).handle(ringing('off', '0612345678'));
    expect(logger.lines.some((l) => l['msg'] === 'pop timing')).toBe(false);
    new CallJournal(store.calls, directory, events, logger, { env: { ACCUEIL_POP_TIMING: '1' } }).handle(ringing('on', '0612345678'));
    const line = logger.lines.find((l) => l['msg'] === 'pop timing');
    expect(line).toMatchObject({ level: 'info', callKey: 'on', callId: store.calls.findBySipCallId('on')!.id });
    expect(Object.keys(line!)).toEqual(expect.arrayContaining(['lineAt', 'cardAt', 'writtenAt', 'announcedAt']));
  });
});
