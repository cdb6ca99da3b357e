import { describe, expect, it } from 'vitest';
import { ActionQueue, BATCH_ACTIONS, BATCH_BYTES, MemoryQueueStore, nextBatch, type QueuedAction, type SendResult } from './action-queue';

function setup() {
  let now = Date.parse('2026-03-10T14:30:00Z');
  let n = 0;
  const store = new MemoryQueueStore();
  let online = false;
  const server = new Map<string, number>(); // client id → times applied
  const received: string[] = [];
  let loseAnswers = 0;
  const requests: number[] = []; // actions per request
  const send = async (batch: readonly QueuedAction[]): Promise<SendResult[]> => {
    if (!online) throw new TypeError('Failed to fetch');
    requests.push(batch.length);
    for (const a of batch) {
      received.push(a.clientId);
      if (!server.has(a.clientId)) server.set(a.clientId, 1);
    }
    if (loseAnswers > 0) {
      loseAnswers--;
      throw new TypeError('connection reset');
    }
    return batch.map((a) => (a.kind === 'done' && a.payload === 'refuse' ? { ok: false, permanent: true, reason: 'intervention.cancelled' } : { ok: true, outcome: null }));
  };
  const queue = new ActionQueue(store, send, () => new Date(now), () => `c-${++n}`);
  return {
    queue,
    store,
    server,
    received,
    requests,
    goOnline: () => (online = true),
    goOffline: () => (online = false),
    loseNextAnswers: (k: number) => (loseAnswers = k),
    tick: (ms: number) => (now += ms),
  };
}

describe('the phone’s action queue', () => {
  it('keeps actions made offline, counts them, and sends them in order when the network returns', async () => {
    const t = setup();
    await t.queue.enqueue({ interventionId: 'i1', kind: 'photo', payload: 'p1' });
    await t.queue.enqueue({ interventionId: 'i1', kind: 'photo', payload: 'p2' });
    await t.queue.enqueue({ interventionId: 'i1', kind: 'signature', payload: 's' });
    expect(t.queue.current.pending).toBe(3);
    expect(await t.queue.flush()).toMatchObject({ pending: 3, offline: true, syncedAt: null });
    t.goOnline();
    t.tick(120_000);
    expect(await t.queue.flush()).toMatchObject({ pending: 0, offline: false, syncedAt: '2026-03-10T14:32:00.000Z' });
    expect(t.received).toEqual(['c-1', 'c-2', 'c-3']);
    expect(await t.store.all()).toEqual([]);
  });

  it('resends an action whose answer was lost with the same client id, so the server applies it once', async () => {
    const t = setup();
    t.goOnline();
    await t.queue.enqueue({ interventionId: 'i1', kind: 'photo', payload: 'p1' });
    t.loseNextAnswers(1);
    expect((await t.queue.flush()).pending).toBe(1);
    expect((await t.queue.flush()).pending).toBe(0);
    expect(t.received).toEqual(['c-1', 'c-1']);
    expect(t.server.get('c-1')).toBe(1);
  });

  it('keeps a refused action visible instead of dropping it silently, and goes on with the rest', async () => {
    const t = setup();
    t.goOnline();
    await t.queue.enqueue({ interventionId: 'i1', kind: 'done', payload: 'refuse' });
    await t.queue.enqueue({ interventionId: 'i2', kind: 'photo', payload: 'p' });
    const state = await t.queue.flush();
    expect(state.refused).toEqual([{ clientId: 'c-1', reason: 'intervention.cancelled' }]);
    expect(t.received).toEqual(['c-1', 'c-2']);
  });

  it('shares one run between concurrent flushes (no action sent twice at once)', async () => {
    const t = setup();
    t.goOnline();
    await t.queue.enqueue({ interventionId: 'i1', kind: 'photo', payload: 'p' });
    await Promise.all([t.queue.flush(), t.queue.flush()]);
    expect(t.received).toEqual(['c-1']);
  });

  it('sends what waits several per request, in order: a day of edits made offline leaves in a few requests', async () => {
    const t = setup();
    for (let i = 0; i < BATCH_ACTIONS + 5; i++) await t.queue.enqueue({ interventionId: 'i1', kind: 'edit', payload: { field: `f${i}` } });
    t.goOnline();
    expect(await t.queue.flush()).toMatchObject({ pending: 0, offline: false });
    expect(t.requests).toEqual([BATCH_ACTIONS, 5]);
    expect(t.received).toEqual(Array.from({ length: BATCH_ACTIONS + 5 }, (_, i) => `c-${i + 1}`));
  });

  it('cuts a request by size: photos that would exceed one request leave in the next', () => {
    const photo = (n: number): QueuedAction => ({ clientId: `p${n}`, interventionId: 'i1', kind: 'photo', payload: { photo: { data: 'A'.repeat(BATCH_BYTES / 3) } }, madeAt: '2026-03-10T14:30:00Z' });
    expect(nextBatch([photo(1), photo(2), photo(3), photo(4)]).map((a) => a.clientId)).toEqual(['p1', 'p2']);
    // A single action larger than the limit still leaves (the server says whether it takes it).
    const huge: QueuedAction = { ...photo(5), payload: { photo: { data: 'A'.repeat(BATCH_BYTES * 2) } } };
    expect(nextBatch([huge, photo(6)]).map((a) => a.clientId)).toEqual(['p5']);
  });

  it('keeps the whole request queued when its answer is lost mid-way, and resends it with the same ids', async () => {
    const t = setup();
    t.goOnline();
    for (let i = 0; i < 3; i++) await t.queue.enqueue({ interventionId: 'i1', kind: 'edit', payload: i });
    t.loseNextAnswers(1);
    expect((await t.queue.flush()).pending).toBe(3);
    expect((await t.queue.flush()).pending).toBe(0);
    expect(t.received).toEqual(['c-1', 'c-2', 'c-3', 'c-1', 'c-2', 'c-3']);
    expect([...t.server.values()]).toEqual([1, 1, 1]);
  });
});
