import { describe, expect, it } from 'vitest';
import { oneWorkingDayAfter, surveySendTime } from './survey-calendar';

/** An instant given as Paris wall-clock time (winter: UTC+1; summer: UTC+2). */
const paris = (iso: string, offset: 1 | 2 = 1) => new Date(Date.parse(`${iso}:00Z`) - offset * 3_600_000);
const iso = (d: Date) => d.toISOString();

describe('when a survey may leave', () => {
  it('leaves at once on a working day between 9:00 and 19:00 (Saturday included)', () => {
    expect(iso(surveySendTime(paris('2026-11-24T14:30')))).toBe(iso(paris('2026-11-24T14:30')));
    expect(iso(surveySendTime(paris('2026-11-28T10:00')))).toBe(iso(paris('2026-11-28T10:00')));
  });

  it('waits for 9:00 in the morning, and for the next day after 19:00', () => {
    expect(iso(surveySendTime(paris('2026-11-24T07:10')))).toBe(iso(paris('2026-11-24T09:00')));
    expect(iso(surveySendTime(paris('2026-11-24T19:00')))).toBe(iso(paris('2026-11-25T09:00')));
    expect(iso(surveySendTime(paris('2026-11-24T23:59')))).toBe(iso(paris('2026-11-25T09:00')));
  });

  it('skips Sundays: Saturday evening goes out on Monday', () => {
    expect(iso(surveySendTime(paris('2026-11-28T19:30')))).toBe(iso(paris('2026-11-30T09:00')));
    expect(iso(surveySendTime(paris('2026-11-29T12:00')))).toBe(iso(paris('2026-11-30T09:00')));
  });

  it('skips French public holidays: Christmas, and 1 May that falls on a Saturday', () => {
    expect(iso(surveySendTime(paris('2026-12-24T20:00')))).toBe(iso(paris('2026-12-26T09:00')));
    // 2027-05-01 is a Saturday (holiday), 2 May a Sunday: Monday 3 May.
    expect(iso(surveySendTime(paris('2027-04-30T19:00', 2)))).toBe(iso(paris('2027-05-03T09:00', 2)));
  });

  it('counts the hours in Paris across the change to summer time, Easter Monday skipped', () => {
    // Saturday 27 March 2027, 20:00 winter time → Easter Sunday (the clocks change) → Easter Monday
    // (a holiday) → Tuesday 9:00 summer time.
    expect(iso(surveySendTime(paris('2027-03-27T20:00')))).toBe(iso(paris('2027-03-30T09:00', 2)));
    // A week later, no holiday: Saturday evening → Monday.
    expect(iso(surveySendTime(paris('2027-04-03T20:00', 2)))).toBe(iso(paris('2027-04-05T09:00', 2)));
  });

  it('asks a detractor to be called back within one working day (the weekend and holidays skipped)', () => {
    expect(iso(oneWorkingDayAfter(paris('2026-11-24T15:00')))).toBe(iso(paris('2026-11-25T15:00')));
    expect(iso(oneWorkingDayAfter(paris('2026-11-27T15:00')))).toBe(iso(paris('2026-11-30T15:00')));
    expect(iso(oneWorkingDayAfter(paris('2026-12-24T21:00')))).toBe(iso(paris('2026-12-28T18:00')));
  });
});
