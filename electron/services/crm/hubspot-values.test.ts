import { describe, expect, it } from 'vitest';
import {
  MAX_TEXT_LENGTH,
  readAmountCents,
  readBoolean,
  readDurationMs,
  readEnum,
  readId,
  readIdList,
  readIsoDate,
  readNumber,
  readText,
  readTimestamp,
} from './hubspot-values';

/** Values HubSpot has been seen to send, or could, where a string was documented. */
const WRONG_TYPES: unknown[] = [null, undefined, true, false, {}, { value: '1' }, [], ['a'], NaN, Infinity, -Infinity];

describe('defensive readers of HubSpot values', () => {
  it('reads dates from epoch ms (number or digits) and ISO strings, and nothing outside 1900–2200', () => {
    expect(readTimestamp('1767225600000')).toBe(Date.UTC(2026, 0, 1));
    expect(readTimestamp(1767225600000)).toBe(Date.UTC(2026, 0, 1));
    expect(readTimestamp('2026-01-01T00:00:00.000Z')).toBe(Date.UTC(2026, 0, 1));
    expect(readTimestamp('100000000000000000000')).toBeNull();
    expect(readTimestamp('-100000000000000000000')).toBeNull();
    expect(readTimestamp(8.64e15 + 1)).toBeNull();
    expect(readTimestamp('31/12/2026')).toBeNull();
    expect(readTimestamp('2026-13-45')).toBeNull();
    expect(readTimestamp('')).toBeNull();
    expect(readTimestamp('9'.repeat(5_000))).toBeNull();
    expect(readTimestamp(new Date(NaN))).toBeNull();
    for (const v of WRONG_TYPES) expect(readTimestamp(v)).toBeNull();
  });

  it('gives an ISO date that never throws, or the fallback', () => {
    expect(readIsoDate('1767225600000', 'fallback')).toBe('2026-01-01T00:00:00.000Z');
    expect(readIsoDate('100000000000000000000', 'fallback')).toBe('fallback');
    expect(readIsoDate({ at: 1 }, null)).toBeNull();
  });

  it('reads call durations in ms between 0 and a week, and nothing else', () => {
    expect(readDurationMs('125000')).toBe(125_000);
    expect(readDurationMs(125_000.4)).toBe(125_000);
    expect(readDurationMs('0')).toBe(0);
    expect(readDurationMs('100000000000000000000')).toBeNull();
    expect(readDurationMs('-5')).toBeNull();
    expect(readDurationMs('2 min')).toBeNull();
    for (const v of WRONG_TYPES) expect(readDurationMs(v)).toBeNull();
  });

  it('reads numbers written by people and by machines, and refuses the rest', () => {
    expect(readNumber('1234.5')).toBe(1234.5);
    expect(readNumber('1 234,5')).toBe(1234.5);
    expect(readNumber(' 42 ')).toBe(42);
    expect(readNumber('1e3')).toBe(1000);
    expect(readNumber('1e400')).toBeNull();
    expect(readNumber('12abc')).toBeNull();
    expect(readNumber('0x10')).toBeNull();
    for (const v of WRONG_TYPES) expect(readNumber(v)).toBeNull();
    expect(readAmountCents('1500.255')).toBe(150_026);
    expect(readAmountCents('100000000000000000000')).toBeNull();
    expect(readAmountCents(true)).toBeNull();
  });

  it('reads booleans in HubSpot’s spellings only', () => {
    expect(readBoolean('true')).toBe(true);
    expect(readBoolean('FALSE')).toBe(false);
    expect(readBoolean(false)).toBe(false);
    expect(readBoolean('1')).toBe(true);
    expect(readBoolean('peut-être')).toBeNull();
    expect(readBoolean({})).toBeNull();
    expect(readBoolean(null)).toBeNull();
  });

  it('looks enumerations up case-insensitively in own keys only (never the prototype)', () => {
    const table = { HIGH: 'haute', LOW: 'basse' } as const;
    expect(readEnum('high', table)).toBe('haute');
    expect(readEnum('constructor', table)).toBeNull();
    expect(readEnum('__proto__', table)).toBeNull();
    expect(readEnum('toString', table)).toBeNull();
    expect(readEnum('VERY_HIGH', table)).toBeNull();
    for (const v of WRONG_TYPES) expect(readEnum(v, table)).toBeNull();
  });

  it('trims text, cuts huge strings, writes numbers out and drops every other type', () => {
    expect(readText('  Zoé ')).toBe('Zoé');
    expect(readText('   ')).toBeNull();
    expect(readText(75001)).toBe('75001');
    expect(readText('x'.repeat(MAX_TEXT_LENGTH + 10))).toHaveLength(MAX_TEXT_LENGTH);
    expect(readText('x'.repeat(600), 500)).toHaveLength(500);
    for (const v of WRONG_TYPES) expect(readText(v)).toBeNull();
  });

  it('reads ids and id lists, dropping what could not key a record', () => {
    expect(readId('1234')).toBe('1234');
    expect(readId(1234)).toBe('1234');
    expect(readId('12 34')).toBeNull();
    expect(readId('1'.repeat(65))).toBeNull();
    expect(readId(1e20)).toBeNull();
    expect(readId(-1)).toBeNull();
    for (const v of WRONG_TYPES) expect(readId(v)).toBeNull();
    expect(readIdList('1;2; 3;;2')).toEqual(['1', '2', '3']);
    expect(readIdList(['4', 5, {}, null])).toEqual(['4', '5']);
    expect(readIdList({ ids: [1] })).toEqual([]);
  });
});
