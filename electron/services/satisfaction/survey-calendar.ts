/**
 * When a survey may reach a customer: between 9:00 and 19:00 Paris time, never on a Sunday or a
 * French public holiday (Saturdays are working days in the building trades: customers are home).
 * And when a detractor must have been called back: within one working day (Monday–Friday, not a
 * holiday), by the same hour.
 */
import { holidayName } from '../shared/french-holidays';
import { addDays, localTime, parisInstant } from '../shared/paris-time';
import { nextContactTime } from '../shared/contact-windows';

const workingDay = (date: string) => localTime(parisInstant(date, 12)).weekday < 5 && holidayName(date) === null;

/** The first instant at or after `ready` when a survey may go out (the `office` window). */
export function surveySendTime(ready: Date): Date {
  return nextContactTime(ready, 'office');
}

/** One working day after `from` (the same Paris hour, within office hours 9–18). */
export function oneWorkingDayAfter(from: Date): Date {
  const here = localTime(from);
  let date = here.date;
  do date = addDays(date, 1);
  while (!workingDay(date));
  const hour = Math.min(18, Math.max(9, here.hour));
  return parisInstant(date, hour);
}
