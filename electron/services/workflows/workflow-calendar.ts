/**
 * When a step falls due, and when it may reach a customer — all in Paris time, with French public
 * holidays (services/shared).
 *
 * Delays count from the enrolment's anchor (the day a devis was sent, the date of a visit):
 * calendar days, working days (Monday–Friday, not a holiday), months, or hours; a day delay keeps
 * the anchor's hour unless the step sets one (« la veille à 10 h »).
 * When a message may reach the customer is shared/contact-windows.ts.
 */
import { holidayName } from '../shared/french-holidays';
import { addDays, localTime, parisInstant } from '../shared/paris-time';

export { nextContactTime, type ContactWindow } from '../shared/contact-windows';

export type DelayUnit = 'calendar_days' | 'working_days' | 'months' | 'hours';

export interface Delay {
  amount: number;
  unit: DelayUnit;
  /** The Paris hour (0–23) for a day or month delay; default: the anchor's hour. */
  atHour?: number | undefined;
}

const HOUR_MS = 3_600_000;

const isWorkingDay = (date: string) => localTime(parisInstant(date, 12)).weekday < 5 && holidayName(date) === null;

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  // 31 March + 11 months is 28/29 February, not 3 March.
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** The instant a step with `delay` falls due, counted from `anchor`. */
export function dueAfter(anchor: Date, delay: Delay): Date {
  if (delay.unit === 'hours') return new Date(anchor.getTime() + delay.amount * HOUR_MS);
  const here = localTime(anchor);
  let date = here.date;
  if (delay.unit === 'calendar_days') date = addDays(date, delay.amount);
  else if (delay.unit === 'months') date = addMonths(date, delay.amount);
  else {
    const direction = delay.amount < 0 ? -1 : 1;
    for (let left = Math.abs(delay.amount); left > 0; ) {
      date = addDays(date, direction);
      if (isWorkingDay(date)) left--;
    }
  }
  if (delay.atHour !== undefined) return parisInstant(date, delay.atHour);
  // Same wall-clock time as the anchor (minutes kept), across a change of summer time.
  const withinHour = anchor.getTime() - parisInstant(here.date, here.hour).getTime();
  return new Date(parisInstant(date, here.hour).getTime() + Math.max(0, withinHour));
}
