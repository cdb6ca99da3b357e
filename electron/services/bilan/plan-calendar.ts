/**
 * The Bilan's calendar: calendar months in Paris (where the company's month begins, whatever the
 * server's time zone), the plan's month numbers from month 0, and the working days a month's
 * calls are divided by — Monday to Friday, French public holidays excluded (the office is closed;
 * Saturday-morning calls still count, as the plan's « appels entrants/jour » counts every call).
 */
import { holidayName } from '../shared/french-holidays';
import { addDays, localTime, parisInstant, weekdayOf } from '../shared/paris-time';

/** YYYY-MM of an instant, in Paris. */
export function monthOf(at: Date | string | number): string {
  return localTime(at).date.slice(0, 7);
}

/** `month` plus `offset` months (YYYY-MM arithmetic). */
export function addMonths(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm);
}

/** The UTC instants the month begins and ends at in Paris: [start, end). */
export function monthBounds(month: string): { start: string; end: string } {
  return { start: parisInstant(`${month}-01`).toISOString(), end: parisInstant(`${addMonths(month, 1)}-01`).toISOString() };
}

export function isWorkingDay(date: string): boolean {
  return weekdayOf(date) < 5 && holidayName(date) === null;
}

/**
 * Working days of `month`, counted up to `upTo` (YYYY-MM-DD, inclusive) when given — the current
 * month is divided by the days it has had, today included.
 */
export function workingDaysIn(month: string, upTo?: string): number {
  let count = 0;
  for (let date = `${month}-01`; date.startsWith(month); date = addDays(date, 1)) {
    if (upTo !== undefined && date > upTo) break;
    if (isWorkingDay(date)) count++;
  }
  return count;
}
