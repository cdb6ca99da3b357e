/**
 * The work area on a real (in-memory) SQLite store fed by the real call journal: wrap-up, notes,
 * tickets and the callback list, with the outbox items each write queues.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxKind, OutboxPort } from '../crm/outbox-port';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { openStore, type AccueilStore } from '../store';
import { Directory } from '../directory';
import { generateDemoWorkspace, DEMO_FIXTURES } from '../demo';
import { CallJournal, type LineCallEvent } from '../journal/call-journal';
import { CallWrapUp } from './wrapup/call-wrap-up';
import { TicketDesk } from './tickets/ticket-desk';
import { CallbackList } from './callbacks/callback-list';
import { Dialer, type DialProgress } from './dialer/dialer';

type Item = { kind: OutboxKind; localId: string; op: 'create' | 'update' };

let store: AccueilStore;
let directory: Directory;
let events: EventBus;
let journal: CallJournal;
let queued: Item[];
let outbox: OutboxPort;
let wrapUp: CallWrapUp;
let tickets: TicketDesk;
let callbacks: CallbackList;
let seen: Array<{ name: string; payload: unknown }>;
let now: Date;

const at = (m: number, s = 0) => new Date(Date.UTC(2026, 10, 25, 9, m, s));
const ring = (callKey: string, number: string, minute = 0): LineCallEvent => ({
  type: 'ringing',
  callKey,
  caller: { number, displayName: null, source: 'from', withheld: number === 'anonymous', warnings: [] },
  called: 'claire',
  at: at(minute),
});
const step = (callKey: string, type: 'answered' | 'missed' | 'ended' | 'answered_elsewhere', minute: number, second = 0): LineCallEvent => ({
  type,
  callKey,
  at: at(minute, second),
  reason: null,
});
const callId = (callKey: string) => store.calls.findBySipCallId(callKey)!.id;

beforeEach(() => {
  // The list starts following the journal at 09:00; the demo history is older.
  now = at(0);
  store = openStore(':memory:', { clock: () => now });
  generateDemoWorkspace(store, { contacts: 30, now: at(0) });
  directory = new Directory(store, { now: () => now });
  events = new EventBus();
  seen = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  journal = new CallJournal(store.calls, directory, events, createMemoryLogger());
  queued = [];
  // The outbox contract: enqueue runs inside the write's transaction. Record whether it did.
  outbox = { enqueue: (item) => queued.push({ ...item, inTransaction: store.database.inTransaction } as Item) };
  wrapUp = new CallWrapUp(store, outbox, events, () => 'Claire', () => now);
  tickets = new TicketDesk(store, wrapUp, outbox, events, () => 'Claire');
  callbacks = new CallbackList(store, events, createMemoryLogger(), () => 120);
  callbacks.start();
  // The demo's own callbacks to do (yesterday's missed caller, at least) were dealt with before these
  // tests' morning: the lists they read hold only the calls they make.
  for (const item of callbacks.list({ includeDone: false, limit: 500 })) callbacks.close(item.id, 'Traité la veille');
  seen = [];
  now = at(30);
});

function answeredCall(key = 'k1', number = DEMO_FIXTURES.mobileContact.e164): string {
  journal.handle(ring(key, number, 0));
  journal.handle(step(key, 'answered', 0, 5));
  journal.handle(step(key, 'ended', 3, 5));
  return callId(key);
}

describe('wrap-up', () => {
  it('logs a call once: the first save queues a create, a correction an update of the same row', () => {
    const id = answeredCall();
    const first = wrapUp.save({ callId: id, outcome: 'connecte', body: 'Fuite sous évier, passage demain' });
    expect(first).toMatchObject({ outcome: 'connecte', body: 'Fuite sous évier, passage demain', durationSec: 180, loggedAt: now.toISOString() });
    const loggedAt = first.loggedAt;
    now = at(40);
    const second = wrapUp.save({ callId: id, outcome: 'message_laisse', body: 'corrigé' });
    expect(second.loggedAt).toBe(loggedAt);
    expect(second.outcome).toBe('message_laisse');
    expect(queued.map(({ kind, localId, op }) => ({ kind, localId, op }))).toEqual([
      { kind: 'call', localId: id, op: 'create' },
      { kind: 'call', localId: id, op: 'update' },
    ]);
    expect(store.calls.recent({ limit: 100 }).filter((c) => c.id === id)).toHaveLength(1);
  });

  it('queues in the same transaction as the write, and writes nothing when the outbox throws', () => {
    const id = answeredCall();
    wrapUp.save({ callId: id, outcome: 'connecte', body: 'x' });
    expect((queued[0] as unknown as { inTransaction: boolean }).inTransaction).toBe(true);
    const failing = new CallWrapUp(store, { enqueue: () => { throw new Error('disk full'); } }, events);
    const other = answeredCall('k2');
    expect(() => failing.save({ callId: other, outcome: 'occupe', body: 'perdu ?' })).toThrow('disk full');
    expect(wrapUp.get(other)).toMatchObject({ outcome: null, body: null, loggedAt: null });
  });

  it('links the call to an existing open ticket: kept on the call, recorded in the ticket history; an unknown ticket is refused', () => {
    const id = answeredCall();
    const [existing] = store.tickets.openFor({ kind: 'contact', id: DEMO_FIXTURES.mobileContact.contactId });
    const ticketId = existing?.id ?? tickets.create({ subject: 'x', description: null, category: 'autre', priority: 'normale', status: 'nouveau', contactId: DEMO_FIXTURES.mobileContact.contactId, companyId: null, siteAddress: null, callId: null }).ticket.id;
    expect(wrapUp.save({ callId: id, outcome: 'connecte', body: '', ticketId }).ticketId).toBe(ticketId);
    expect(tickets.get(ticketId).events.filter((e) => e.kind === 'call').map((e) => e.callId)).toEqual([id]);
    // Saving again without a ticketId keeps the link (and does not record it twice).
    expect(wrapUp.save({ callId: id, outcome: 'connecte', body: 'suite' }).ticketId).toBe(ticketId);
    expect(tickets.get(ticketId).events.filter((e) => e.kind === 'call')).toHaveLength(1);
    expect(() => wrapUp.save({ callId: id, outcome: null, body: '', ticketId: 'ghost' })).toThrow(/Ticket introuvable/);
  });

  it('refuses a wrap-up while the call still rings, and an unknown call, in French', () => {
    journal.handle(ring('k3', DEMO_FIXTURES.mobileContact.e164));
    expect(() => wrapUp.save({ callId: callId('k3'), outcome: null, body: '' })).toThrow(/sonne encore/);
    expect(() => wrapUp.save({ callId: 'nope', outcome: null, body: '' })).toThrow(/Appel introuvable/);
  });

  it('keeps hostile and very long text exactly as typed', () => {
    const id = answeredCall();
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> ${'é'.repeat(19_000)}`;
    expect(wrapUp.save({ callId: id, outcome: null, body: hostile }).body).toBe(hostile);
    expect(wrapUp.addNote({ body: hostile, callId: id, ticketId: null, contactId: null, companyId: null }).body).toBe(hostile);
  });
});

describe('notes', () => {
  it('attaches a note to the caller of the call and queues it', () => {
    const id = answeredCall();
    const note = wrapUp.addNote({ body: 'Client pressé', callId: id, ticketId: null, contactId: null, companyId: null });
    expect(note).toMatchObject({ callId: id, contactId: DEMO_FIXTURES.mobileContact.contactId, author: 'Claire' });
    expect(wrapUp.get(id).notes.map((n) => n.id)).toEqual([note.id]);
    expect(queued.at(-1)).toMatchObject({ kind: 'note', localId: note.id, op: 'create' });
    // And it shows in the contact's history.
    expect(store.history.for({ kind: 'contact', id: DEMO_FIXTURES.mobileContact.contactId }, 50).some((i) => i.id === note.id)).toBe(true);
  });

  it('refuses a note attached to nothing', () => {
    expect(() => wrapUp.addNote({ body: 'x', callId: null, ticketId: null, contactId: null, companyId: null })).toThrow(/Rattachez/);
  });
});

describe('tickets', () => {
  it('prefills a ticket from the call: caller, company and site address', () => {
    const id = answeredCall();
    const draft = tickets.draft(id);
    const contact = store.contacts.get(DEMO_FIXTURES.mobileContact.contactId)!;
    expect(draft).toMatchObject({ contactId: contact.id, ownerLabel: DEMO_FIXTURES.mobileContact.name, callId: id });
    expect(draft.subject).toContain(DEMO_FIXTURES.mobileContact.name);
    if (contact.address) expect(draft.siteAddress).toContain(contact.address);
  });

  it('creates a ticket from a call: linked both ways, owned by the caller, history started, queued once', () => {
    const id = answeredCall();
    const detail = tickets.create({
      subject: 'Chaudière en panne',
      description: 'Plus d’eau chaude',
      category: 'depannage',
      priority: 'urgente',
      status: 'nouveau',
      contactId: null,
      companyId: null,
      siteAddress: '12 rue des Lilas, 69003 Lyon',
      callId: id,
    });
    expect(detail.ticket).toMatchObject({ contactId: DEMO_FIXTURES.mobileContact.contactId, category: 'depannage', priority: 'urgente' });
    expect(detail).toMatchObject({ callId: id, siteAddress: '12 rue des Lilas, 69003 Lyon', ownerLabel: DEMO_FIXTURES.mobileContact.name });
    expect(detail.events.map((e) => e.kind)).toEqual(['created']);
    expect(wrapUp.get(id).ticketId).toBe(detail.ticket.id);
    expect(store.tickets.openFor({ kind: 'contact', id: DEMO_FIXTURES.mobileContact.contactId }).map((t) => t.id)).toContain(detail.ticket.id);
    // The call is not logged yet: only the ticket is queued; the wrap-up will carry the link.
    expect(queued.map((q) => q.kind)).toEqual(['ticket']);
    wrapUp.save({ callId: id, outcome: 'connecte', body: '' });
    expect(queued.filter((q) => q.kind === 'call')).toHaveLength(1);
    expect(seen.some((e) => e.name === 'tickets.changed')).toBe(true);
  });

  it('records each changed field in the history and queues one update; an unchanged save queues nothing', () => {
    const id = answeredCall();
    const { ticket } = tickets.create({ subject: 'Devis', description: null, category: 'demande_devis', priority: 'normale', status: 'nouveau', contactId: null, companyId: null, siteAddress: null, callId: id });
    queued = [];
    const updated = tickets.update({ ticketId: ticket.id, status: 'en_cours', priority: 'haute', subject: 'Devis', callId: id });
    expect(updated.ticket).toMatchObject({ status: 'en_cours', priority: 'haute' });
    expect(updated.events.filter((e) => e.kind === 'changed').map((e) => [e.field, e.from, e.to])).toEqual([
      ['status', 'nouveau', 'en_cours'],
      ['priority', 'normale', 'haute'],
    ]);
    expect(queued).toHaveLength(1);
    tickets.update({ ticketId: ticket.id, status: 'en_cours', callId: null });
    expect(queued).toHaveLength(1);
    const note = wrapUp.addNote({ body: 'Rappeler le syndic', callId: null, ticketId: ticket.id, contactId: null, companyId: null });
    expect(tickets.get(ticket.id).events.at(-1)).toMatchObject({ kind: 'note', noteId: note.id });
    expect(tickets.get(ticket.id).notes.map((n) => n.id)).toEqual([note.id]);
    // Resolved: no longer in the card's open tickets.
    tickets.update({ ticketId: ticket.id, status: 'resolu', callId: null });
    expect(store.tickets.openFor({ kind: 'contact', id: DEMO_FIXTURES.mobileContact.contactId }).map((t) => t.id)).not.toContain(ticket.id);
  });

  it('refuses a ticket for a contact that does not exist', () => {
    expect(() =>
      tickets.create({ subject: 'x', description: null, category: 'autre', priority: 'normale', status: 'nouveau', contactId: 'ghost', companyId: null, siteAddress: null, callId: null }),
    ).toThrow(/Contact introuvable/);
  });
});

describe('callback list', () => {
  it('puts every missed call on the list, grouped by number, known or unknown', () => {
    journal.handle(ring('m1', DEMO_FIXTURES.unknownNumber.e164, 1));
    journal.handle(step('m1', 'missed', 1, 20));
    journal.handle(ring('m2', DEMO_FIXTURES.mobileContact.e164, 2));
    journal.handle(step('m2', 'missed', 2, 20));
    journal.handle(ring('m3', DEMO_FIXTURES.unknownNumber.dial, 5));
    journal.handle(step('m3', 'missed', 5, 20));
    const open = callbacks.list({ includeDone: false, limit: 50 });
    expect(open.map((c) => [c.number, c.missedCount])).toEqual([
      [DEMO_FIXTURES.unknownNumber.e164, 2],
      [DEMO_FIXTURES.mobileContact.e164, 1],
    ]);
    expect(open[0]).toMatchObject({ firstMissedAt: at(1).toISOString(), lastMissedAt: at(5).toISOString(), dueAt: at(121).toISOString(), label: null });
    expect(open[1]).toMatchObject({ contactId: DEMO_FIXTURES.mobileContact.contactId, label: DEMO_FIXTURES.mobileContact.name });
    expect(seen.filter((e) => e.name === 'callbacks.changed').length).toBeGreaterThan(0);
  });

  it('closes the item when the caller calls again and is answered (here on the desk phone)', () => {
    journal.handle(ring('m1', DEMO_FIXTURES.mobileContact.e164, 1));
    journal.handle(step('m1', 'missed', 1, 20));
    journal.handle(ring('a1', DEMO_FIXTURES.mobileContact.e164, 4));
    journal.handle({ type: 'answered_elsewhere', callKey: 'a1', at: at(4, 5), reason: 'Call completed elsewhere' });
    expect(callbacks.list({ includeDone: false, limit: 50 })).toEqual([]);
    const [done] = callbacks.list({ includeDone: true, limit: 50 });
    expect(done).toMatchObject({ state: 'done', closedBy: 'answered_call', closingCallId: callId('a1') });
  });

  it('keeps an item Claire closes by hand, with her reason and the time; a new missed call opens a new item', () => {
    journal.handle(ring('m1', DEMO_FIXTURES.unknownNumber.e164, 1));
    journal.handle(step('m1', 'missed', 1, 20));
    const [item] = callbacks.list({ includeDone: false, limit: 50 });
    const closed = callbacks.close(item!.id, 'Démarchage commercial');
    expect(closed).toMatchObject({ state: 'done', closedBy: 'agent', closeReason: 'Démarchage commercial', closedAt: now.toISOString() });
    expect(() => callbacks.close(item!.id, 'encore')).toThrow(/déjà clos/);
    journal.handle(ring('m2', DEMO_FIXTURES.unknownNumber.e164, 8));
    journal.handle(step('m2', 'missed', 8, 20));
    // This number's items (the demo's own missed calls are on the list too, called back).
    const all = callbacks.list({ includeDone: true, limit: 500 }).filter((c) => c.number === DEMO_FIXTURES.unknownNumber.e164);
    expect(all.map((c) => c.state)).toEqual(['open', 'done']);
  });

  it('catches up at start on missed calls the events did not bring (killed run), without doubling any', () => {
    callbacks.stop();
    journal.handle(ring('m1', DEMO_FIXTURES.mobileContact.e164, 1));
    journal.handle(step('m1', 'missed', 1, 20));
    journal.handle(ring('r1', DEMO_FIXTURES.unknownNumber.e164, 2)); // left ringing by a killed run
    expect(journal.closeInterrupted(at(20))).toBe(1);
    expect(callbacks.start()).toBe(2);
    expect(callbacks.catchUp()).toBe(0);
    expect(callbacks.list({ includeDone: false, limit: 50 }).map((c) => c.number).sort()).toEqual(
      [DEMO_FIXTURES.mobileContact.e164, DEMO_FIXTURES.unknownNumber.e164].sort(),
    );
    // The demo's missed calls were listed when it was made, and dealt with: nothing else is open.
    expect(callbacks.list({ includeDone: false, limit: 500 })).toHaveLength(2);
  });

  it('catches up a missed call whose caller was reached since: listed, and closed by that later call', () => {
    callbacks.stop();
    journal.handle(ring('m1', DEMO_FIXTURES.unknownNumber.e164, 1));
    journal.handle(step('m1', 'missed', 1, 20));
    journal.handle(ring('a1', DEMO_FIXTURES.unknownNumber.e164, 3));
    journal.handle(step('a1', 'answered', 3, 5));
    expect(callbacks.start()).toBe(1);
    expect(callbacks.list({ includeDone: false, limit: 50 })).toEqual([]);
    expect(callbacks.list({ includeDone: true, limit: 50 })[0]).toMatchObject({ state: 'done', closedBy: 'answered_call', closingCallId: callId('a1') });
  });

  it('lists withheld missed calls too (they cannot be dialled)', () => {
    journal.handle(ring('w1', 'anonymous', 1));
    journal.handle(step('w1', 'missed', 1, 10));
    const [item] = callbacks.list({ includeDone: false, limit: 50 });
    expect(item).toMatchObject({ number: null, missedCount: 1 });
  });
});

describe('click-to-call', () => {
  it('journals the outbound call at once, pops the callee, and an answer closes their callback', () => {
    journal.handle(ring('m1', DEMO_FIXTURES.mobileContact.e164, 1));
    journal.handle(step('m1', 'missed', 1, 20));
    let report: ((p: DialProgress) => void) | null = null;
    const dialled: string[] = [];
    const dialer = new Dialer(store, directory, { dial: (target, listener) => (dialled.push(target), (report = listener), { callKey: 'out-1', agent: 'claire' }) }, events, createMemoryLogger(), () => now);
    const { call } = dialer.call('06 12 34 56 78');
    expect(dialled).toEqual(['0612345678']);
    expect(call).toMatchObject({ direction: 'outbound', state: 'ringing', toRaw: '06 12 34 56 78', contactId: DEMO_FIXTURES.mobileContact.contactId });
    expect(seen.some((e) => e.name === 'call.incoming')).toBe(true);
    report!({ type: 'desk_answered' });
    expect(callbacks.list({ includeDone: false, limit: 50 })).toHaveLength(1);
    report!({ type: 'answered' });
    expect(store.calls.get(call.id)!.state).toBe('answered');
    expect(callbacks.list({ includeDone: false, limit: 50 })).toEqual([]);
    expect(callbacks.list({ includeDone: true, limit: 50 })[0]).toMatchObject({ closedBy: 'answered_call', closingCallId: call.id });
    // A renderer that reloads mid-call gets the callee's pop, not the agent's own line.
    const reloaded = new CallJournal(store.calls, directory, events, createMemoryLogger()).active();
    expect(reloaded.find((a) => a.call.id === call.id)?.pop.matches[0]?.contactId).toBe(DEMO_FIXTURES.mobileContact.contactId);
    // The wrap-up ends a call the desk phone carries.
    expect(wrapUp.save({ callId: call.id, outcome: 'connecte', body: 'rappelé' }).call.state).toBe('ended');
  });

  it('a failed call back leaves the callback open', () => {
    journal.handle(ring('m1', DEMO_FIXTURES.mobileContact.e164, 1));
    journal.handle(step('m1', 'missed', 1, 20));
    let report: ((p: DialProgress) => void) | null = null;
    const dialer = new Dialer(store, directory, { dial: (_t, listener) => ((report = listener), { callKey: 'out-2', agent: 'claire' }) }, events, createMemoryLogger());
    const { call } = dialer.call(DEMO_FIXTURES.mobileContact.e164);
    report!({ type: 'failed', reason: 'Occupé (486)' });
    expect(store.calls.get(call.id)).toMatchObject({ state: 'failed', endReason: 'Occupé (486)' });
    expect(callbacks.list({ includeDone: false, limit: 50 })).toHaveLength(1);
  });
});

describe('two people on one ticket', () => {
  it('refuses a save that would overwrite a change made meanwhile, and applies one that does not', () => {
    const { ticket } = tickets.create({ subject: 'Fuite', description: null, category: 'autre', priority: 'normale', status: 'nouveau', contactId: null, companyId: null, siteAddress: null, callId: null });
    // Claire and Bob both opened it with status « nouveau », priority « normale ».
    tickets.update({ ticketId: ticket.id, status: 'en_cours', callId: null, expected: { status: 'nouveau' } }); // Bob first
    expect(() => tickets.update({ ticketId: ticket.id, status: 'resolu', callId: null, expected: { status: 'nouveau' } })).toThrow(
      expect.objectContaining({ code: 'conflict', reason: 'ticket.changed_meanwhile' }),
    );
    expect(tickets.get(ticket.id).ticket.status).toBe('en_cours');
    // Another field, untouched by Bob: Claire's change goes through.
    expect(tickets.update({ ticketId: ticket.id, priority: 'haute', callId: null, expected: { priority: 'normale' } }).ticket.priority).toBe('haute');
    // The same value as the other person's: nothing is lost, nothing refused.
    expect(tickets.update({ ticketId: ticket.id, status: 'en_cours', callId: null, expected: { status: 'nouveau' } }).ticket.status).toBe('en_cours');
  });
});

describe('two people on one wrap-up', () => {
  it('refuses a save over a wrap-up changed meanwhile, and saves over the version it started from', () => {
    const id = answeredCall();
    const blank = { outcome: null, body: null };
    wrapUp.save({ callId: id, outcome: 'message_laisse', body: 'Rappeler demain', expected: blank }); // the supervisor first
    expect(() => wrapUp.save({ callId: id, outcome: 'connecte', body: 'Renseigné', expected: blank })).toThrow(
      expect.objectContaining({ code: 'conflict', reason: 'wrapup.changed_meanwhile' }),
    );
    expect(wrapUp.get(id)).toMatchObject({ outcome: 'message_laisse', body: 'Rappeler demain' });
    expect(wrapUp.save({ callId: id, outcome: 'connecte', body: 'Renseigné', expected: { outcome: 'message_laisse', body: 'Rappeler demain' } })).toMatchObject({ outcome: 'connecte' });
  });
});
