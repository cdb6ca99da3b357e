/** How the Bilan writes its figures: « — » for nothing measured (never 0), French decimals, month names. */
import type { Locale } from '../contract';
import { intlLocale } from '../i18n';

export const NO_MEASURE = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A figure with at most `digits` decimals in the interface's language; « — » for null. */
export function figure(value: number | null | undefined, locale: Locale, digits = 1): string {
  if (value === null || value === undefined) return NO_MEASURE;
  const key = `${locale}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** NPS reads with its sign: +40, −10. */
export function signed(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return NO_MEASURE;
  return value > 0 ? `+${figure(value, locale, 0)}` : figure(value, locale, 0).replace('-', '−');
}

/** « mars 2026 » / « March 2026 » for YYYY-MM (the month itself, no time zone involved). */
export function monthName(month: string | null, locale: Locale): string {
  if (!month) return NO_MEASURE;
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** « M3 », « M0 », « M−2 » (before month 0). */
export function planMonthLabel(index: number | null): string {
  if (index === null) return NO_MEASURE;
  return index < 0 ? `M−${-index}` : `M${index}`;
}
