/**
 * How long ago a missed call was, as the callback list shows it: "4 min", "2 h 05", "3 j" (French
 * abbreviations read the same in English: min, h; days are "j"/"d").
 */
import type { Locale } from '../contract';

export function elapsed(fromIso: string, now: number, locale: Locale): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  if (!Number.isFinite(minutes)) return '';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')}`;
  return `${Math.floor(hours / 24)} ${locale === 'fr' ? 'j' : 'd'}`;
}

/** Call duration from seconds: "3 min 05 s", "45 s". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
