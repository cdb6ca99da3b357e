/**
 * French public holidays (jours fériés, metropolitan France): the office is closed, so a forecast
 * says "almost no calls" and the model does not learn from those days.
 */
import { addDays } from './paris-time';

/** Easter Sunday (anonymous Gregorian algorithm), YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const cache = new Map<number, Map<string, string>>();

/** date → name, for one year. */
export function frenchHolidays(year: number): Map<string, string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const easter = easterSunday(year);
  const fixed: Array<[string, string]> = [
    ['01-01', 'Jour de l’an'],
    ['05-01', 'Fête du travail'],
    ['05-08', 'Victoire 1945'],
    ['07-14', 'Fête nationale'],
    ['08-15', 'Assomption'],
    ['11-01', 'Toussaint'],
    ['11-11', 'Armistice'],
    ['12-25', 'Noël'],
  ];
  const days = new Map<string, string>(fixed.map(([md, name]) => [`${year}-${md}`, name]));
  days.set(addDays(easter, 1), 'Lundi de Pâques');
  days.set(addDays(easter, 39), 'Ascension');
  days.set(addDays(easter, 50), 'Lundi de Pentecôte');
  cache.set(year, days);
  return days;
}

export function holidayName(date: string): string | null {
  return frenchHolidays(Number(date.slice(0, 4))).get(date) ?? null;
}
