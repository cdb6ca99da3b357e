import { describe, expect, it } from 'vitest';
import { duration, elapsed } from './elapsed';

const base = Date.parse('2026-11-25T09:00:00.000Z');

describe('elapsed', () => {
  it('counts minutes, then hours and minutes, then days', () => {
    expect(elapsed('2026-11-25T08:56:10.000Z', base, 'fr')).toBe('3 min');
    expect(elapsed('2026-11-25T06:55:00.000Z', base, 'fr')).toBe('2 h 05');
    expect(elapsed('2026-11-22T09:00:00.000Z', base, 'fr')).toBe('3 j');
    expect(elapsed('2026-11-22T09:00:00.000Z', base, 'en')).toBe('3 d');
  });

  it('never shows a negative time for a clock a little ahead', () => {
    expect(elapsed('2026-11-25T09:01:00.000Z', base, 'fr')).toBe('0 min');
  });

  it('formats a call duration', () => {
    expect(duration(45)).toBe('45 s');
    expect(duration(185)).toBe('3 min 05 s');
  });
});
