import { describe, expect, it } from 'vitest';
import { LiveBoard } from './live-board';
import type { PbxDialog } from './pbx-adapter';

const settings = { role: 'supervisor' as const, extensions: [{ extension: 'claire', name: 'Claire' }, { extension: 'bob', name: 'Bob' }], queueNumber: 'queue', wrapUpSeconds: 30 };
const resolve = (r: { user: string; display: string | null }) => ({ number: r.user, display: r.user, name: r.user === '0612345678' ? 'François Lefèvre' : r.display });
const dialog = (id: string, state: PbxDialog['state'], extra: Partial<PbxDialog> = {}): PbxDialog => ({
  id, state, direction: 'recipient', remote: { user: '0612345678', display: null }, answeredBy: null, ...extra,
});
const T0 = Date.parse('2025-03-12T09:00:00Z');
const agent = (board: LiveBoard, ext: string, now: number) => board.snapshot(now).agents.find((a) => a.extension === ext)!;

describe('live board', () => {
  it('shows agents offline until the PBX watches them, then available', () => {
    const board = new LiveBoard(settings, resolve, T0);
    expect(agent(board, 'claire', T0).state).toBe('offline');
    board.applyAgent({ extension: 'claire', watched: true, dialogs: [] }, T0);
    expect(agent(board, 'claire', T0).state).toBe('available');
  });

  it('follows an agent through ringing, on call with the caller, wrap-up, and back to available', () => {
    const board = new LiveBoard(settings, resolve, T0);
    board.applyAgent({ extension: 'claire', watched: true, dialogs: [dialog('d1', 'early')] }, T0);
    expect(agent(board, 'claire', T0)).toMatchObject({ state: 'ringing', party: { name: 'François Lefèvre' } });
    board.applyAgent({ extension: 'claire', watched: true, dialogs: [dialog('d1', 'confirmed')] }, T0 + 5000);
    const onCall = agent(board, 'claire', T0 + 5000);
    expect(onCall).toMatchObject({ state: 'on_call', since: new Date(T0 + 5000).toISOString() });
    board.applyAgent({ extension: 'claire', watched: true, dialogs: [dialog('d1', 'terminated')] }, T0 + 60_000);
    expect(agent(board, 'claire', T0 + 61_000).state).toBe('wrap_up');
    expect(agent(board, 'claire', T0 + 91_000).state).toBe('available');
  });

  it('lists hunt-group calls as waiting with their first-seen time, then in progress with the agent who took them', () => {
    const board = new LiveBoard(settings, resolve, T0);
    board.applyQueue({ queue: 'queue', dialogs: [dialog('q1', 'early'), dialog('q2', 'early', { remote: { user: '0698765432', display: 'X' } })] }, T0);
    board.applyQueue({ queue: 'queue', dialogs: [dialog('q1', 'confirmed', { answeredBy: 'bob' }), dialog('q2', 'early', { remote: { user: '0698765432', display: 'X' } })] }, T0 + 8000);
    const snap = board.snapshot(T0 + 9000);
    expect(snap.calls.map((c) => [c.id, c.state, c.since, c.agent])).toEqual([
      ['q1', 'in_progress', new Date(T0).toISOString(), 'bob'],
      ['q2', 'waiting', new Date(T0).toISOString(), null],
    ]);
    expect(snap.agents.find((a) => a.extension === 'bob')!.state).toBe('on_call');
    board.applyQueue({ queue: 'queue', dialogs: [] }, T0 + 20_000);
    expect(board.snapshot(T0 + 20_000).calls).toEqual([]);
    expect(agent(board, 'bob', T0 + 21_000).state).toBe('wrap_up');
  });

  it('forgets everything known when the PBX link fails (offline, not a stale "available")', () => {
    const board = new LiveBoard(settings, resolve, T0);
    board.applyAgent({ extension: 'claire', watched: true, dialogs: [] }, T0);
    board.setStatus({ state: 'failed', detail: 'perdu' });
    const snap = board.snapshot(T0);
    expect(snap.source).toEqual({ kind: 'sip-dialog', state: 'failed', detail: 'perdu' });
    expect(snap.agents.find((a) => a.extension === 'claire')!.state).toBe('offline');
  });

  it('ignores reports about extensions and queues it does not watch', () => {
    const board = new LiveBoard(settings, resolve, T0);
    board.applyAgent({ extension: 'mallory', watched: true, dialogs: [dialog('x', 'confirmed')] }, T0);
    board.applyQueue({ queue: 'other', dialogs: [dialog('y', 'early')] }, T0);
    const snap = board.snapshot(T0);
    expect(snap.agents.map((a) => a.extension)).toEqual(['claire', 'bob']);
    expect(snap.calls).toEqual([]);
  });
});
