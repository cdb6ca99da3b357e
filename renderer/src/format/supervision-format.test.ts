import { describe, expect, it } from 'vitest';
import { clock, duration, percent, secondsSince } from './supervision-format';
import { isWallboardLocation } from '../supervision/supervision-store';

describe('wall screen formats', () => {
  it('writes durations the way a French supervisor reads them', () => {
    expect(duration(8)).toBe('8 s');
    expect(duration(75)).toBe('1 min 15');
    expect(duration(120)).toBe('2 min');
    expect(duration(3725)).toBe('1 h 02');
    expect(duration(null)).toBe('—');
  });
  it('counts waiting time as m:ss and never negative', () => {
    expect(clock(42)).toBe('0:42');
    expect(clock(725)).toBe('12:05');
    expect(secondsSince('2025-01-01T00:00:10Z', Date.parse('2025-01-01T00:00:00Z'))).toBe(0);
  });
  it('rounds rates to whole percents', () => {
    expect(percent(0.876)).toBe('88 %');
    expect(percent(null)).toBe('—');
  });
});

describe('wallboard mode', () => {
  it('is on at /wallboard or for any read-only connection, off for the agent console', () => {
    expect(isWallboardLocation('/wallboard', 'agent')).toBe(true);
    expect(isWallboardLocation('/wallboard/', null)).toBe(true);
    expect(isWallboardLocation('/', 'read-only')).toBe(true);
    expect(isWallboardLocation('/', 'agent')).toBe(false);
    expect(isWallboardLocation('/index.html', null)).toBe(false);
  });
});
