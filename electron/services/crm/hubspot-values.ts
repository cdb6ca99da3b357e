/**
 * Every value read from HubSpot is untrusted: a property documented as a date may hold
 * "100000000000000000000", a number may arrive as a boolean, an object or a 2 MB string, an
 * enumeration may hold "constructor". These readers never throw: each returns the value in the shape
 * Accueil stores, or null (or an empty list) when it cannot be read, and the mapping chooses the
 * fallback. A record that still cannot be mapped is skipped by the engine (UnreadableRecordError).
 */

/** Longest text kept from one property (a note body of a few pages fits; a pasted dump is cut). */
export const MAX_TEXT_LENGTH = 100_000;
/** Earliest and latest instants taken for a date: outside, the value is not a date Accueil can use. */
export const EARLIEST_DATE_MS = Date.UTC(1900, 0, 1);
export const LATEST_DATE_MS = Date.UTC(2200, 0, 1);
/** A call longer than a week is not a call: the duration is unreadable. */
export const MAX_CALL_DURATION_MS = 7 * 86_400_000;
/** Largest amount taken (in the account's currency): beyond, cents no longer fit a safe integer. */
export const MAX_AMOUNT = 1e12;

/** A record HubSpot sent that cannot become a local record: skipped, logged and counted. */
export class UnreadableRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableRecordError';
  }
}

/** Text: strings trimmed and cut to `max`, finite numbers written out; anything else is null. */
export function readText(value: unknown, max = MAX_TEXT_LENGTH): string | null {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint') text = value.toString();
  else return null;
  text = text.trim();
  if (text === '') return null;
  return text.length > max ? text.slice(0, max) : text;
}

/** A number: finite numbers, or strings such as "1234.5" / "1 234,5"; anything else is null. */
export function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.length > 64) return null;
  const cleaned = value.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

/**
 * An instant in ms: epoch milliseconds (number or digits) or an ISO/HTTP date string, between 1900
 * and 2200 (so `new Date(t).toISOString()` cannot throw); anything else is null.
 */
export function readTimestamp(value: unknown): number | null {
  let t: number;
  if (typeof value === 'number') t = value;
  else if (typeof value === 'string') {
    const s = value.trim();
    if (s === '' || s.length > 64) return null;
    t = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Date.parse(s);
  } else if (value instanceof Date) t = value.getTime();
  else return null;
  if (!Number.isFinite(t) || t < EARLIEST_DATE_MS || t > LATEST_DATE_MS) return null;
  return Math.round(t);
}

/** The ISO form of a readable instant, else `fallback`. */
export function readIsoDate(value: unknown, fallback: string): string;
export function readIsoDate(value: unknown, fallback: null): string | null;
export function readIsoDate(value: unknown, fallback: string | null): string | null {
  const t = readTimestamp(value);
  return t === null ? fallback : new Date(t).toISOString();
}

/** A call duration in ms (HubSpot's unit): 0 … a week, rounded; anything else is null. */
export function readDurationMs(value: unknown): number | null {
  const n = readNumber(value);
  if (n === null || n < 0 || n > MAX_CALL_DURATION_MS) return null;
  return Math.round(n);
}

/** An amount in cents, or null when the amount is missing, not a number or out of range. */
export function readAmountCents(value: unknown): number | null {
  const n = readNumber(value);
  if (n === null || Math.abs(n) > MAX_AMOUNT) return null;
  return Math.round(n * 100);
}

/** true/false, "true"/"false", "1"/"0", "yes"/"no" (any case); anything else is null. */
export function readBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return null;
  const s = value.trim().toLowerCase();
  if (s === 'true' || s === '1' || s === 'yes' || s === 'oui') return true;
  if (s === 'false' || s === '0' || s === 'no' || s === 'non') return false;
  return null;
}

/**
 * An enumeration value looked up in `table` (keys upper-case, HubSpot's), case-insensitively.
 * Own keys only: "constructor" or "__proto__" never reach the prototype.
 */
export function readEnum<T>(value: unknown, table: Readonly<Record<string, T>>): T | null {
  const text = readText(value, 100);
  if (text === null) return null;
  const key = text.toUpperCase();
  return Object.prototype.hasOwnProperty.call(table, key) ? (table[key] as T) : null;
}

/** A HubSpot id: digits, or a short opaque token of letters, digits, '-' and '_'. Else null. */
export function readId(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  return /^[A-Za-z0-9_-]{1,64}$/.test(s) ? s : null;
}

/** A list of ids: "1;2;3" (HubSpot's multi-value form) or an array; unreadable ids are dropped. */
export function readIdList(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.slice(0, 10_000).split(';') : [];
  const out: string[] = [];
  for (const part of parts) {
    const id = readId(part);
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/** A plain object's own entries, or an empty object for anything else (null, arrays, strings). */
export function readRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** An array, or an empty one for anything else. */
export function readArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
