/**
 * Times of day as minutes since midnight: a route is one day, in the technicians' local time, so
 * no date and no time zone enter the solver (the caller says which day the instance is).
 */
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(text: string): boolean {
  return HH_MM.test(text);
}

/** "08:30" → 510. Throws on anything else: callers validate first (routes-instance.ts). */
export function minutesOfDay(text: string): number {
  const m = HH_MM.exec(text);
  if (!m) throw new Error(`heure invalide « ${text} » (HH:MM attendu)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 510.4 → "08:30". Rounded to the nearest minute (arrivals are estimates, not appointments). */
export function clockTime(minutes: number): string {
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
