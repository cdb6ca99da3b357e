import { describe, expect, it } from 'vitest';
import { backoffDelay, exponentialCeiling } from './backoff';

describe('backoff', () => {
  it('doubles from the base with each attempt, up to the ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => exponentialCeiling(attempt, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(exponentialCeiling(0, 1000, 10_000)).toBe(1000);
    expect(exponentialCeiling(5000, 1000, 10_000)).toBe(10_000);
  });

  it('waits between half and all of the ceiling (equal jitter)', () => {
    expect(backoffDelay(3, 1000, 10_000, () => 0)).toBe(2000);
    expect(backoffDelay(3, 1000, 10_000, () => 0.999999)).toBe(4000);
    expect(backoffDelay(9, 1000, 10_000, () => 0.5)).toBe(7500);
  });
});
