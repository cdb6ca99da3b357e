/**
 * When a survey may reach a customer: between 9:00 and 19:00 Paris time, never on a Sunday or a
 * French public holiday (Saturdays are working days in the building trades: customers are home).
 * And when a detractor must have been called back: within one working day (Monday–Friday, not a
 * holiday), by the same hour.
 */
import { holidayName } from '../shared/french-holidays';
import { addDays, localTime, parisInstant } from '../shared/paris-time';

export const SURVEY_HOURS = { from: 9, to: 19 } as const;

const sendingDay = (date: string) => localTime(parisInstant(date, 12)).weekday !== 6 && holidayName(date) === null;
const workingDay = (date: string) => localTime(parisInstant(date, 12)).weekday < 5 && holidayName(date) === null;

/** The first instant at or after `ready` when a survey may go out. */
export function surveySendTime(ready: Date): Date {
  const here = localTime(ready);
  if (sendingDay(here.date) && here.hour >= SURVEY_HOURS.from && here.hour < SURVEY_HOURS.to) return ready;
  let date = here.date;
  if (!(sendingDay(date) && here.hour < SURVEY_HOURS.from)) {
    do date = addDays(date, 1);
    while (!sendingDay(date));
  }
  return parisInstant(date, SURVEY_HOURS.from);
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
