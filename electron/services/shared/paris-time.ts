/**
 * Wall-clock time in Europe/Paris, where "today" and "the 9 o'clock hour" of the service live,
 * whatever the machine's own time zone (a web-mode host may run in UTC). Uses Intl only: no tz
 * database to ship, and daylight-saving changes come from the runtime's ICU.
 */
export const SERVICE_TIME_ZONE = 'Europe/Paris';

export interface LocalTime {
  /** YYYY-MM-DD in Paris. */
  date: string;
  /** 0–23 in Paris. */
  hour: number;
  /** 0 = Monday … 6 = Sunday (ISO order: a French week starts on Monday). */
  weekday: number;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: SERVICE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

// Formatting is the slow part; a history of a year has ~20 000 calls in ~3 000 distinct hours.
const cache = new Map<number, { date: string; hour: number; minute: number; second: number }>();

function wallClock(ms: number): { date: string; hour: number; minute: number; second: number } {
  const secondKey = Math.floor(ms / 1000);
  const hit = cache.get(secondKey);
  if (hit) return hit;
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(secondKey * 1000))) parts[part.type] = part.value;
  const value = {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
  };
  if (cache.size > 50_000) cache.clear();
  cache.set(secondKey, value);
  return value;
}

export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function localTime(at: Date | number | string): LocalTime {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  const wall = wallClock(ms);
  return { date: wall.date, hour: wall.hour, weekday: weekdayOf(wall.date) };
}

/** The UTC instant of `hour`:00 on `date` in Paris (for a DST gap hour, the instant just after). */
export function parisInstant(date: string, hour = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour);
  // Offset of Paris at the guess, then at the corrected instant (they differ only across a DST change).
  let guess = naive;
  for (let i = 0; i < 2; i++) {
    const wall = wallClock(guess);
    const [wy, wm, wd] = wall.date.split('-').map(Number) as [number, number, number];
    const wallMs = Date.UTC(wy, wm - 1, wd, wall.hour, wall.minute, wall.second);
    guess = naive - (wallMs - guess);
  }
  return new Date(guess);
}

/** `date` plus `days` calendar days (YYYY-MM-DD arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (calendar dates). */
export function daysBetween(a: string, b: string): number {
  const parse = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((parse(b) - parse(a)) / 86_400_000);
}
