import { describe, expect, it } from 'vitest';
import { RetrySchedule } from './retry-schedule';

describe('RetrySchedule', () => {
  it('doubles from 1 s up to 30 s by default', () => {
    const top = new RetrySchedule({ random: () => 0.999999 });
    expect(Array.from({ length: 8 }, () => top.next())).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('jitters between half and all of each step', () => {
    const low = new RetrySchedule({ random: () => 0 });
    expect([low.next(), low.next(), low.next()]).toEqual([500, 1000, 2000]);
    const any = new RetrySchedule({ initialMs: 100, maxMs: 400 });
    for (let i = 0; i < 50; i++) {
      const d = any.next();
      expect(d).toBeGreaterThanOrEqual(50);
      expect(d).toBeLessThanOrEqual(400);
    }
  });

  it('starts over after a success', () => {
    const s = new RetrySchedule({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    s.next();
    s.next();
    s.reset();
    expect(s.next()).toBe(100);
  });
});
