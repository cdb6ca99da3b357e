/**
 * When a message may reach a customer, in Paris time with French public holidays:
 * - `office` — Monday to Saturday 9:00–19:00, never a Sunday or a holiday (relances, proposals:
 *   Saturdays are working days in the building trades, customers are home);
 * - `service` — every day 8:00–20:00 (a reminder for Monday's visit may go on Sunday);
 * - `marketing` — Monday to Saturday 8:00–20:00, never a Sunday or a holiday: the strictest of the
 *   rules gateways apply to commercial SMS in France (OVHcloud: 8:00–20:00 Monday–Saturday; Brevo
 *   holds them 22:00–8:00, Sundays and holidays);
 * - `any` — at once (what only Claire sees: a callback, a chantier to plan).
 */
import { holidayName } from './french-holidays';
import { addDays, localTime, parisInstant } from './paris-time';

export type ContactWindow = 'office' | 'service' | 'marketing' | 'any';

const notSundayNorHoliday = (date: string) => localTime(parisInstant(date, 12)).weekday !== 6 && holidayName(date) === null;

const WINDOWS: Record<Exclude<ContactWindow, 'any'>, { from: number; to: number; day: (date: string) => boolean }> = {
  office: { from: 9, to: 19, day: notSundayNorHoliday },
  service: { from: 8, to: 20, day: () => true },
  marketing: { from: 8, to: 20, day: notSundayNorHoliday },
};

/** The first instant at or after `ready` when a message of this window may go out. */
export function nextContactTime(ready: Date, window: ContactWindow): Date {
  if (window === 'any') return ready;
  const rule = WINDOWS[window];
  const here = localTime(ready);
  if (rule.day(here.date) && here.hour >= rule.from && here.hour < rule.to) return ready;
  let date = here.date;
  if (!(rule.day(date) && here.hour < rule.from)) {
    do date = addDays(date, 1);
    while (!rule.day(date));
  }
  return parisInstant(date, rule.from);
}
