import { describe, expect, it } from 'vitest';
import { call, pop } from '../../test/support/fixtures';
import {
  addIncoming,
  applyCallUpdate,
  MAX_POPS,
  mergeActive,
  neighbour,
  newEntry,
  settleFromRecent,
  shouldFocusIncoming,
  upsertRecent,
  isWithheldRecord,
} from './call-model';

const at = (minute: number) => `2025-03-04T13:${String(minute).padStart(2, '0')}:00Z`;

describe('call stack', () => {
  it('puts the newest ringing call on top', () => {
    let pops = addIncoming([], { call: call({ id: 'a', ringAt: at(1) }), pop: pop() });
    pops = addIncoming(pops, { call: call({ id: 'b', ringAt: at(2) }), pop: pop() });
    expect(pops.map((p) => p.call.id)).toEqual(['b', 'a']);
  });

  it('replaces the pop when the same call is announced twice', () => {
    let pops = addIncoming([], { call: call({ id: 'a' }), pop: pop() });
    pops = addIncoming(pops, { call: call({ id: 'a', callerName: 'again' }), pop: pop({ matches: [] }) });
    expect(pops).toHaveLength(1);
    expect(pops[0]!.pop.matches).toEqual([]);
  });

  it('keeps at most MAX_POPS, dropping the oldest finished call first', () => {
    let pops = [newEntry(call({ id: 'old-ringing', ringAt: at(0) }), pop())];
    pops = addIncoming(pops, { call: call({ id: 'old-ended', ringAt: at(1), state: 'ended' }), pop: pop() });
    for (let i = 2; i < MAX_POPS + 1; i++) pops = addIncoming(pops, { call: call({ id: `c${i}`, ringAt: at(i) }), pop: pop() });
    expect(pops).toHaveLength(MAX_POPS);
    expect(pops.map((p) => p.call.id)).toContain('old-ringing');
    expect(pops.map((p) => p.call.id)).not.toContain('old-ended');
  });

  it('moves a call state along but never resurrects a dismissed pop', () => {
    const pops = [newEntry(call({ id: 'a' }), pop())];
    expect(applyCallUpdate(pops, call({ id: 'a', state: 'missed' }))[0]!.call.state).toBe('missed');
    expect(applyCallUpdate(pops, call({ id: 'zzz', state: 'missed' }))).toBe(pops);
  });

  it('merges calls.active after a reconnect, keeping the chosen match and skipping dismissed calls', () => {
    const mine = { ...newEntry(call({ id: 'a', ringAt: at(1) }), pop()), selected: 1 };
    const merged = mergeActive(
      [mine],
      [
        { call: call({ id: 'a', state: 'answered', ringAt: at(1) }), pop: pop() },
        { call: call({ id: 'b', ringAt: at(2) }), pop: pop() },
        { call: call({ id: 'gone', ringAt: at(3) }), pop: pop() },
      ],
      new Set(['gone']),
    );
    expect(merged.map((p) => [p.call.id, p.call.state, p.selected])).toEqual([
      ['b', 'ringing', 0],
      ['a', 'answered', 1],
    ]);
  });

  it('settles pops that ended while disconnected from the recent list', () => {
    const pops = [newEntry(call({ id: 'a', state: 'ringing' }), pop())];
    const settled = settleFromRecent(pops, [call({ id: 'a', state: 'missed' })]);
    expect(settled[0]!.call.state).toBe('missed');
  });

  it('does not steal the centre while Claire is talking on the shown call', () => {
    expect(shouldFocusIncoming(undefined)).toBe(true);
    expect(shouldFocusIncoming(newEntry(call({ state: 'ringing' }), pop()))).toBe(true);
    expect(shouldFocusIncoming(newEntry(call({ state: 'missed' }), pop()))).toBe(true);
    expect(shouldFocusIncoming(newEntry(call({ state: 'answered' }), pop()))).toBe(false);
  });

  it('cycles through the stack', () => {
    const pops = ['a', 'b', 'c'].map((id) => newEntry(call({ id }), pop()));
    expect(neighbour(pops, 'a', 1)).toBe('b');
    expect(neighbour(pops, 'a', -1)).toBe('c');
    expect(neighbour([], null, 1)).toBeNull();
  });
});

describe('recent calls', () => {
  it('upserts newest first and caps the length', () => {
    const list = [call({ id: 'a', ringAt: at(1) })];
    const next = upsertRecent(list, call({ id: 'b', ringAt: at(2) }), false, 2);
    expect(next.map((c) => c.id)).toEqual(['b', 'a']);
    expect(upsertRecent(next, call({ id: 'c', ringAt: at(3) }), false, 2).map((c) => c.id)).toEqual(['c', 'b']);
  });

  it('in "missed only", shows a call once it is missed and not before', () => {
    const ringing = upsertRecent([], call({ id: 'a', state: 'ringing' }), true);
    expect(ringing).toEqual([]);
    expect(upsertRecent(ringing, call({ id: 'a', state: 'missed' }), true).map((c) => c.state)).toEqual(['missed']);
  });

  it('updates a row in place when its state changes', () => {
    const list = [call({ id: 'a', state: 'ringing' })];
    expect(upsertRecent(list, call({ id: 'a', state: 'answered' }), false).map((c) => c.state)).toEqual(['answered']);
  });
});

describe('isWithheldRecord', () => {
  it('recognises the usual ways a withheld number arrives', () => {
    expect(isWithheldRecord({ fromE164: null, fromRaw: 'anonymous' })).toBe(true);
    expect(isWithheldRecord({ fromE164: null, fromRaw: 'sip:Anonymous@anonymous.invalid' })).toBe(true);
    expect(isWithheldRecord({ fromE164: null, fromRaw: '' })).toBe(true);
    expect(isWithheldRecord({ fromE164: null, fromRaw: '3615' })).toBe(false);
    expect(isWithheldRecord({ fromE164: '+33612345678', fromRaw: '0612345678' })).toBe(false);
  });
});
