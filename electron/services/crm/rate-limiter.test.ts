import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, retryAfterMs, RollingWindowLimiter } from './rate-limiter';

describe('RollingWindowLimiter', () => {
  it('lets `max` requests through at once and holds the next one for the window', async () => {
    const limiter = new RollingWindowLimiter(2, 200, 0);
    const t0 = Date.now();
    (await limiter.acquire())();
    (await limiter.acquire())();
    await limiter.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
  });

  it('counts a slow request from its answer, so the server never sees max + 1 in one window', async () => {
    const limiter = new RollingWindowLimiter(1, 150, 0);
    const t0 = Date.now();
    const done = await limiter.acquire();
    await new Promise((resolve) => setTimeout(resolve, 120)); // the request is in flight
    done();
    await limiter.acquire();
    // Measured from the departure the slot would free at 150 ms; from the answer, not before 270 ms.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(270);
  });

  it('holds everything during a pause (Retry-After)', async () => {
    const limiter = new RollingWindowLimiter(10, 1000, 0);
    const t0 = Date.now();
    limiter.pause(t0 + 100);
    await limiter.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
  });
});

describe('backoff and Retry-After', () => {
  it('grows exponentially within [ceiling/2, ceiling] and is capped', () => {
    expect(backoffDelay(1, 200, 10_000, () => 0)).toBe(100);
    expect(backoffDelay(3, 200, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(20, 200, 10_000, () => 1)).toBe(10_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });
});

describe('RollingWindowLimiter with several requests waiting', () => {
  it('lets the highest priority leave first, then the oldest', async () => {
    const limiter = new RollingWindowLimiter(1, 30, 0);
    const order: string[] = [];
    const first = await limiter.acquire();
    const waiting = [
      limiter.acquire(0).then((done) => (order.push('low, first'), done())),
      limiter.acquire(5).then((done) => (order.push('high'), done())),
      limiter.acquire(0).then((done) => (order.push('low, second'), done())),
    ];
    first();
    await Promise.all(waiting);
    expect(order).toEqual(['high', 'low, first', 'low, second']);
  });

  /** One paced request answered after `ms`: the limiter learns how long answers take. */
  async function answerIn(limiter: RollingWindowLimiter, ms: number): Promise<void> {
    const done = await limiter.acquire(0, { paced: true });
    await vi.advanceTimersByTimeAsync(ms);
    done();
  }

  it('paced, once answers are slow, spaces departures by window / max instead of sending the window in one burst', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RollingWindowLimiter(4, 1_000, 0);
      await answerIn(limiter, 300);
      const departures: number[] = [0];
      // Each answered 300 ms after it left.
      const all = Array.from({ length: 9 }, () => limiter.acquire(0, { paced: true }).then((done) => (departures.push(Date.now()), setTimeout(done, 300))));
      await vi.advanceTimersByTimeAsync(5_000);
      await Promise.all(all);
      // Two at most together, one every 250 ms on average: never the whole window in one burst.
      expect(departures.slice(0, 4)).toEqual([0, 300, 300, 550]);
      for (let i = 2; i < departures.length; i++) expect(departures[i]! - departures[i - 2]!).toBeGreaterThanOrEqual(250);
    } finally {
      vi.useRealTimers();
    }
  });

  it('paced but answered quickly, sends the window at once (one chain can fill it by itself)', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RollingWindowLimiter(4, 1_000, 0);
      await answerIn(limiter, 5);
      const departures: number[] = [];
      const all = Array.from({ length: 3 }, () => limiter.acquire(0, { paced: true }).then((done) => (departures.push(Date.now()), done())));
      await vi.advanceTimersByTimeAsync(100);
      await Promise.all(all);
      expect(departures).toEqual([5, 5, 5]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('paced, keeps the last token for the highest priority in flight, so its next page leaves as soon as it asks', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RollingWindowLimiter(100, 10_000, 0);
      await answerIn(limiter, 250);
      await vi.advanceTimersByTimeAsync(1_000); // both tokens back
      const top = await limiter.acquire(9, { paced: true }); // the longest chain's page, in flight
      const departures: Array<[string, number]> = [];
      const low = Array.from({ length: 3 }, (_, i) => limiter.acquire(1, { paced: true }).then((done) => (departures.push([`low ${i}`, Date.now() - 1_250]), done())));
      await vi.advanceTimersByTimeAsync(250);
      top(); // its answer: the chain asks for its next page at once
      const next = limiter.acquire(9, { paced: true }).then((done) => (departures.push(['top', Date.now() - 1_250]), done()));
      await vi.advanceTimersByTimeAsync(1_000);
      await Promise.all([...low, next]);
      // The lower chains got the tokens beyond the one kept: the top chain did not wait for a new one.
      expect(departures.find(([who]) => who === 'top')![1]).toBe(250);
      expect(departures.filter(([who]) => who.startsWith('low')).map(([, at]) => at)).toEqual([100, 200, 400]);
    } finally {
      vi.useRealTimers();
    }
  });
});
