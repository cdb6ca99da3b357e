/**
 * Dates, money and names as Claire reads them. Every date is shown in Europe/Paris, whatever the
 * computer's zone, and in the interface language. Pure functions: `now` is always passed in.
 */
import type { Contact, Locale } from '../contract';
import { intlLocale } from '../i18n';

export const TIME_ZONE = 'Europe/Paris';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value as T;
}

function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`dt:${locale}:${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options }));
}

function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  return cached(`rt:${locale}`, () => new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' }));
}

export function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Days since the epoch of the calendar day `date` falls on in Paris. */
export function parisDayNumber(date: Date): number {
  const parts = dateTimeFormat('fr', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return Math.round(Date.UTC(get('year'), get('month') - 1, get('day')) / 86_400_000);
}

/**
 * "il y a 5 minutes", "hier", "il y a 3 jours", "dans 2 jours"… Under 45 s: `nowLabel`.
 * Within 12 hours it counts minutes/hours; beyond, calendar days in Paris (so 23:00 yesterday is
 * "hier", not "il y a 9 heures"), then weeks, months, years.
 */
export function relativeTime(iso: string, now: number, locale: Locale, nowLabel: string): string {
  const date = parseDate(iso);
  if (!date) return '';
  const diff = date.getTime() - now;
  const abs = Math.abs(diff);
  const rtf = relativeFormat(locale);
  if (abs < 45_000) return nowLabel;
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE) || Math.sign(diff), 'minute');
  if (abs < 12 * HOUR) return rtf.format(Math.round(diff / HOUR), 'hour');
  const days = parisDayNumber(date) - parisDayNumber(new Date(now));
  if (days === 0) return rtf.format(Math.round(diff / HOUR), 'hour');
  const absDays = Math.abs(days);
  if (absDays < 7) return rtf.format(days, 'day');
  if (absDays < 30) return rtf.format(Math.trunc(days / 7), 'week');
  if (absDays < 365) return rtf.format(Math.trunc(days / 30), 'month');
  return rtf.format(Math.trunc(days / 365), 'year');
}

/** Full date and time, for `title` attributes and record views: "mardi 4 mars 2025 à 14:05". */
export function fullDateTime(iso: string, locale: Locale): string {
  const date = parseDate(iso);
  return date ? dateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(date) : '';
}

export function shortDate(iso: string, locale: Locale): string {
  const date = parseDate(iso);
  return date ? dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(date) : '';
}

export function timeOfDay(iso: string, locale: Locale): string {
  const date = parseDate(iso);
  return date ? dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date) : '';
}

/**
 * For the recent-calls list: "14:05" today, "hier 14:05", then "lun. 14:05" within the week, then
 * "12 mars 14:05".
 */
export function callTime(iso: string, now: number, locale: Locale): string {
  const date = parseDate(iso);
  if (!date) return '';
  const days = parisDayNumber(new Date(now)) - parisDayNumber(date);
  const time = timeOfDay(iso, locale);
  if (days === 0) return time;
  if (days === 1) return `${relativeFormat(locale).format(-1, 'day')} ${time}`;
  if (days > 1 && days < 7) return `${dateTimeFormat(locale, { weekday: 'short' }).format(date)} ${time}`;
  return `${dateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(date)} ${time}`;
}

/** Whole seconds from `now` until `iso`, never negative; null without a date. */
export function secondsUntil(iso: string | null, now: number): number | null {
  const date = parseDate(iso);
  if (!date) return null;
  return Math.max(0, Math.ceil((date.getTime() - now) / 1000));
}

export function money(cents: number, locale: Locale): string {
  return cached(`money:${locale}`, () => new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' })).format(cents / 100);
}

export function contactName(contact: Pick<Contact, 'firstName' | 'lastName'>): string {
  return [contact.firstName, contact.lastName].map((s) => s.trim()).filter(Boolean).join(' ');
}

export function addressLine(parts: { address: string | null; postalCode: string | null; city: string | null }): string | null {
  const town = [parts.postalCode, parts.city].filter((s): s is string => !!s && s.trim() !== '').join(' ');
  const line = [parts.address, town].filter((s): s is string => !!s && s.trim() !== '').join(', ');
  return line === '' ? null : line;
}
