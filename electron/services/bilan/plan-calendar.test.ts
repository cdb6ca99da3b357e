import { describe, expect, it } from 'vitest';
import { addMonths, monthBounds, monthOf, monthsBetween, workingDaysIn } from './plan-calendar';

describe('the Bilan’s calendar', () => {
  it('counts Monday–Friday without French holidays', () => {
    // May 2025: 22 weekdays; 1 May (Thu), 8 May (Thu), Ascension 29 May (Thu) are holidays.
    expect(workingDaysIn('2025-05')).toBe(19);
    // April 2025: 22 weekdays, Easter Monday 21 April.
    expect(workingDaysIn('2025-04')).toBe(21);
    // August 2026: 21 weekdays; 15 August is a Saturday, so nothing is taken off.
    expect(workingDaysIn('2026-08')).toBe(21);
    // December 2026: 23 weekdays, Christmas on a Friday.
    expect(workingDaysIn('2026-12')).toBe(22);
  });

  it('counts the current month up to today, today included', () => {
    // Monday 2 to Friday 6 June 2025, then Monday 9 June is Whit Monday (Lundi de Pentecôte).
    expect(workingDaysIn('2025-06', '2025-06-06')).toBe(5);
    expect(workingDaysIn('2025-06', '2025-06-09')).toBe(5);
    expect(workingDaysIn('2025-06', '2025-06-10')).toBe(6);
    expect(workingDaysIn('2025-06', '2025-06-01')).toBe(0);
  });

  it('begins a month at midnight in Paris, summer or winter', () => {
    expect(monthBounds('2025-07')).toEqual({ start: '2025-06-30T22:00:00.000Z', end: '2025-07-31T22:00:00.000Z' });
    expect(monthBounds('2025-01').start).toBe('2024-12-31T23:00:00.000Z');
    // 23:30 UTC on 31 October is already November in Paris.
    expect(monthOf('2025-10-31T23:30:00Z')).toBe('2025-11');
  });

  it('counts months across years', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-06', 18)).toBe('2026-12');
    expect(monthsBetween('2025-06', '2026-12')).toBe(18);
    expect(monthsBetween('2025-06', '2025-04')).toBe(-2);
  });
});
