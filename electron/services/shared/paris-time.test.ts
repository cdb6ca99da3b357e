import { describe, expect, it } from 'vitest';
import { addDays, localTime, parisInstant, weekdayOf } from './paris-time';
import { easterSunday, holidayName } from './french-holidays';

describe('Paris time', () => {
  it('puts 23:30 UTC in winter on the next Paris day at midnight', () => {
    expect(localTime('2025-01-14T23:30:00Z')).toEqual({ date: '2025-01-15', hour: 0, weekday: 2 });
  });
  it('uses summer time (UTC+2) in July', () => {
    expect(localTime('2025-07-01T07:15:00Z').hour).toBe(9);
  });
  it('finds the UTC instant of a Paris hour on both sides of the spring DST change', () => {
    expect(parisInstant('2025-03-29', 9).toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(parisInstant('2025-03-31', 9).toISOString()).toBe('2025-03-31T07:00:00.000Z');
    expect(parisInstant('2025-10-27', 0).toISOString()).toBe('2025-10-26T23:00:00.000Z');
  });
  it('counts weekdays from Monday', () => {
    expect(weekdayOf('2025-06-02')).toBe(0);
    expect(weekdayOf('2025-06-08')).toBe(6);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
});

describe('French public holidays', () => {
  it('computes Easter and the holidays that follow it', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(holidayName('2025-04-21')).toBe('Lundi de Pâques');
    expect(holidayName('2025-05-29')).toBe('Ascension');
    expect(holidayName('2025-06-09')).toBe('Lundi de Pentecôte');
    expect(holidayName('2025-07-14')).toBe('Fête nationale');
    expect(holidayName('2025-07-15')).toBeNull();
  });
});
