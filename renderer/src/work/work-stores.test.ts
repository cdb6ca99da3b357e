import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Callback, CallLog } from '../contract';
import { call } from '../../test/support/fixtures';
import { fakeClient, type FakeClient } from '../../test/support/fake-client';
import { setContractClient } from '../transport/contract-client';
import { useWorkStore } from './work-store';
import { useCallbackStore } from '../callbacks/callback-store';

let fake: FakeClient;
const initial = { work: useWorkStore.getState(), callbacks: useCallbackStore.getState() };

beforeEach(() => {
  fake = fakeClient();
  setContractClient(fake);
  useWorkStore.setState(initial.work, true);
  useCallbackStore.setState(initial.callbacks, true);
});
afterEach(() => setContractClient(null));

const log = (patch: Partial<CallLog> = {}): CallLog => ({
  call: call({ id: 'c1', state: 'ended' }),
  outcome: null,
  body: null,
  ticketId: null,
  loggedAt: null,
  notes: [],
  durationSec: null,
  ...patch,
});

const item = (patch: Partial<Callback> = {}): Callback => ({
  id: 'cb1',
  state: 'open',
  number: '+33612345678',
  display: '06 12 34 56 78',
  contactId: null,
  companyId: null,
  label: null,
  firstMissedAt: '2026-11-25T09:00:00.000Z',
  lastMissedAt: '2026-11-25T09:00:00.000Z',
  missedCount: 1,
  dueAt: '2026-11-25T11:00:00.000Z',
  closedAt: null,
  closedBy: null,
  closeReason: null,
  closingCallId: null,
  reason: null,
  ...patch,
});

describe('useWorkStore', () => {
  it('keeps what Claire typed when the saved wrap-up arrives late', async () => {
    let resolve!: (l: CallLog) => void;
    fake.handle('wrapup.get', () => new Promise<CallLog>((r) => (resolve = r)));
    const loading = useWorkStore.getState().load('c1');
    useWorkStore.getState().edit('c1', { body: 'en cours de frappe' });
    resolve(log({ body: 'ancien' }));
    await loading;
    expect(useWorkStore.getState().wrapUps['c1']).toMatchObject({ body: 'en cours de frappe', status: 'idle' });
  });

  it('saves the outcome and account, then shows them as saved', async () => {
    fake.handle('wrapup.save', (input) => log({ outcome: input.outcome ?? null, body: input.body ?? null, loggedAt: '2026-11-25T09:05:00.000Z' }));
    useWorkStore.getState().edit('c1', { outcome: 'occupe', body: 'rappeler' });
    expect(await useWorkStore.getState().save('c1')).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ name: 'wrapup.save', input: { callId: 'c1', outcome: 'occupe', body: 'rappeler' } });
    expect(useWorkStore.getState().wrapUps['c1']).toMatchObject({ status: 'saved', outcome: 'occupe' });
  });

  it('links an existing ticket by saving the wrap-up as it stands', async () => {
    fake.handle('wrapup.save', (input) => log({ ticketId: input.ticketId ?? null, body: input.body ?? null }));
    useWorkStore.getState().edit('c1', { body: 'déjà tapé' });
    expect(await useWorkStore.getState().linkTicket('c1', 't9')).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ name: 'wrapup.save', input: { callId: 'c1', outcome: null, body: 'déjà tapé', ticketId: 't9' } });
    expect(useWorkStore.getState().wrapUps['c1']?.log?.ticketId).toBe('t9');
  });

  it('keeps the note typed when adding it fails, with the service sentence', async () => {
    fake.fail('notes.add', 'not_found', 'Appel introuvable');
    useWorkStore.getState().edit('c1', { noteDraft: 'important' });
    expect(await useWorkStore.getState().addNote('c1')).toBe(false);
    expect(useWorkStore.getState().wrapUps['c1']).toMatchObject({ noteDraft: 'important', error: { kind: 'service', message: 'Appel introuvable' } });
  });
});

describe('useCallbackStore', () => {
  it('splits open and closed items, and follows callbacks.changed', async () => {
    fake.handle('callbacks.list', () => [item(), item({ id: 'cb2', state: 'done', closedBy: 'agent' })]);
    await useCallbackStore.getState().setShowDone(true);
    expect(useCallbackStore.getState().open.map((c) => c.id)).toEqual(['cb1']);
    expect(useCallbackStore.getState().done.map((c) => c.id)).toEqual(['cb2']);
    useCallbackStore.getState().applyChanged([]);
    expect(useCallbackStore.getState().open).toEqual([]);
  });

  it('dials once at a time and shows why a dial failed', async () => {
    fake.fail('dialer.call', 'unavailable', 'Ligne téléphonique non connectée');
    expect(await useCallbackStore.getState().dial('+33612345678')).toBe(false);
    expect(useCallbackStore.getState()).toMatchObject({ dialling: null, dialError: { message: 'Ligne téléphonique non connectée' } });
  });
});

describe('a ticket someone else changed meanwhile', () => {
  it('sends what the screen showed, and on a conflict shows the current ticket with the sentence', async () => {
    const detail = (status: 'nouveau' | 'en_cours') => ({
      ticket: { id: 't1', subject: 'Fuite', description: null, status, priority: 'normale', category: 'autre', contactId: null, companyId: null, createdAt: '2026-11-25T09:00:00.000Z', updatedAt: '2026-11-25T09:00:00.000Z' },
      siteAddress: null, callId: null, ownerLabel: null, events: [], notes: [],
    });
    useWorkStore.setState({ ticket: detail('nouveau') as never });
    fake.fail('tickets.update', 'conflict', 'Quelqu’un d’autre a modifié ce ticket entre-temps');
    fake.handle('tickets.get', () => detail('en_cours') as never);
    await useWorkStore.getState().updateTicket({ ticketId: 't1', status: 'resolu' });
    expect(fake.calls.find((c) => c.name === 'tickets.update')?.input).toMatchObject({ status: 'resolu', expected: { status: 'nouveau' } });
    expect(useWorkStore.getState().ticket?.ticket.status).toBe('en_cours');
    expect(useWorkStore.getState().ticketError).toMatchObject({ kind: 'service', code: 'conflict' });
  });
});

describe('« Mes rappels »', () => {
  it('asks for the own line’s callers, and reads the list again when everyone’s changes', async () => {
    fake.handle('callbacks.list', (input) => (input.mine ? [item({ id: 'mine' })] : [item({ id: 'mine' }), item({ id: 'theirs' })]));
    await useCallbackStore.getState().setMine(true);
    expect(fake.calls.at(-1)?.input).toMatchObject({ mine: true });
    expect(useCallbackStore.getState().open.map((c) => c.id)).toEqual(['mine']);
    // callbacks.changed carries everyone's open items: under « mes rappels » the list is read again instead.
    useCallbackStore.getState().applyChanged([item({ id: 'mine' }), item({ id: 'theirs' }), item({ id: 'new' })]);
    await vi.waitFor(() => expect(fake.calls.filter((c) => c.name === 'callbacks.list')).toHaveLength(2));
    expect(useCallbackStore.getState().open.map((c) => c.id)).toEqual(['mine']);
  });
});
