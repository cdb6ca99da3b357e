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

  it('paced, spaces every departure by window / max instead of sending the window in one burst', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RollingWindowLimiter(4, 1_000, 0);
      const departures: number[] = [];
      const all = Array.from({ length: 10 }, () => limiter.acquire(0, { paced: true }).then((done) => (departures.push(Date.now()), done())));
      await vi.advanceTimersByTimeAsync(5_000);
      await Promise.all(all);
      expect(departures[0]).toBe(0);
      for (let i = 1; i < departures.length; i++) expect(departures[i]! - departures[i - 1]!).toBeGreaterThanOrEqual(250);
      // Never more than 4 in any window of 1 000 ms.
      for (const at of departures) expect(departures.filter((d) => d >= at && d < at + 1_000).length).toBeLessThanOrEqual(4);
    } finally {
      vi.useRealTimers();
    }
  });

});
