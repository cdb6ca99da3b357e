import { describe, expect, it } from 'vitest';
import { dueAfter, nextContactTime } from './workflow-calendar';

describe('dueAfter', () => {
  it('keeps the Paris wall-clock time across the change to winter time', () => {
    // Friday 23 October 2026 10:30 in Paris (summer time, UTC+2) + 7 days = Friday 30 October 10:30 (winter time, UTC+1).
    expect(dueAfter(new Date('2026-10-23T08:30:00Z'), { amount: 7, unit: 'calendar_days' }).toISOString()).toBe('2026-10-30T09:30:00.000Z');
  });

  it('counts working days without weekends or French public holidays', () => {
    // Thursday 24 December 2026 10:00 + 2 working days: Friday 25 is Christmas, then Monday 28, Tuesday 29.
    expect(dueAfter(new Date('2026-12-24T09:00:00Z'), { amount: 2, unit: 'working_days' }).toISOString()).toBe('2026-12-29T09:00:00.000Z');
    // Backwards too: two working days before Monday 6 April 2026 (Easter Monday) 10:00 are Thursday 2 and Friday 3.
    expect(dueAfter(new Date('2026-04-06T08:00:00Z'), { amount: -2, unit: 'working_days' }).toISOString()).toBe('2026-04-02T08:00:00.000Z');
  });

  it('adds months without running past the end of a shorter month', () => {
    expect(dueAfter(new Date('2026-03-31T08:00:00Z'), { amount: 11, unit: 'months', atHour: 10 }).toISOString()).toBe('2027-02-28T09:00:00.000Z');
  });

  it('« la veille à 10 h » is the previous calendar day at 10:00 Paris', () => {
    expect(dueAfter(new Date('2026-03-30T06:00:00Z'), { amount: -1, unit: 'calendar_days', atHour: 10 }).toISOString()).toBe('2026-03-29T08:00:00.000Z');
  });
});

describe('nextContactTime', () => {
  it('office: Monday–Saturday 9:00–19:00, never a Sunday or a holiday', () => {
    // Saturday 14 November 2026 19:30 → Monday 16 November 9:00 (Sunday skipped).
    expect(nextContactTime(new Date('2026-11-14T18:30:00Z'), 'office').toISOString()).toBe('2026-11-16T08:00:00.000Z');
    // Wednesday 11 November 2026 (Armistice) 11:00 → Thursday 12 November 9:00.
    expect(nextContactTime(new Date('2026-11-11T10:00:00Z'), 'office').toISOString()).toBe('2026-11-12T08:00:00.000Z');
    const inside = new Date('2026-11-12T10:15:00Z');
    expect(nextContactTime(inside, 'office')).toBe(inside);
  });

  it('service: every day 8:00–20:00, Sundays included', () => {
    expect(nextContactTime(new Date('2026-11-15T06:00:00Z'), 'service').toISOString()).toBe('2026-11-15T07:00:00.000Z');
    expect(nextContactTime(new Date('2026-11-15T19:30:00Z'), 'service').toISOString()).toBe('2026-11-16T07:00:00.000Z');
  });
});
