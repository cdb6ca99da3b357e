import { describe, expect, it } from 'vitest';
import { HourlyHistory, backtest, forecastDay, forecastWeek } from './call-forecast';
import { generateCallHistory } from '../../../test/support/call-history';

const history = generateCallHistory({ until: '2025-06-23', days: 24 * 7, seed: 11 });
const times = history.calls.map((c) => c.ringAt);

describe('forecast of inbound calls per hour', () => {
  const forecast = forecastWeek(times, { now: new Date('2025-06-23T10:00:00Z') });

  it('covers the next 7 Paris days from tomorrow, 24 hours each', () => {
    expect(forecast.hours).toHaveLength(7 * 24);
    expect(forecast.days.map((d) => d.date)).toEqual(['2025-06-24', '2025-06-25', '2025-06-26', '2025-06-27', '2025-06-28', '2025-06-29', '2025-06-30']);
    expect(forecast.historyWeeks).toBe(24);
  });

  it('learns the weekday and hour pattern: busy weekday mornings, a lunch dip, a closed Sunday, quiet nights', () => {
    const hour = (date: string, h: number) => forecast.hours.find((x) => x.date === date && x.hour === h)!.expected;
    expect(hour('2025-06-24', 9)).toBeGreaterThan(hour('2025-06-24', 12) * 2);
    expect(hour('2025-06-24', 3)).toBeLessThan(0.1);
    const sunday = forecast.days.find((d) => d.date === '2025-06-29')!;
    expect(sunday.expected).toBeLessThan(0.5);
    const monday = forecast.days.find((d) => d.date === '2025-06-30')!;
    // Generated Monday volume: 62 × growth (~1.1): the forecast is within 15 %.
    expect(monday.expected).toBeGreaterThan(56);
    expect(monday.expected).toBeLessThan(78);
  });

  it('forecasts a public holiday at zero and does not learn from past ones', () => {
    const h = new HourlyHistory(times);
    // Lundi de Pentecôte 2025-06-09.
    expect(forecastDay(h, '2025-06-09', '2025-06-02', {})!.every((x) => x === 0)).toBe(true);
    // The Monday after it (06-16) still expects a normal Monday, although the one a week before was closed.
    const monday = forecastDay(h, '2025-06-16', '2025-06-10', {})!;
    expect(monday.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  });

  it('uses only what was known before the origin', () => {
    const h = new HourlyHistory(times);
    const before = forecastDay(h, '2025-05-20', '2025-05-19', {});
    const altered = new HourlyHistory([...times, ...Array.from({ length: 500 }, () => '2025-05-19T08:00:00Z')]);
    expect(forecastDay(altered, '2025-05-20', '2025-05-19', {})).toEqual(before);
  });

  it('beats "same hour last week" in a 4-week rolling-origin backtest', () => {
    const result = backtest(new HourlyHistory(times), '2025-06-23', { backtestWeeks: 4 })!;
    expect(result.weeks).toBe(4);
    expect(result.hours).toBe(4 * 7 * 24);
    expect(result.model.wape).toBeLessThan(result.naive.wape * 0.85);
    expect(result.model.mae).toBeLessThan(result.naive.mae);
    expect(forecast.backtest).toEqual(result);
  });

  it('has no backtest and no forecast without history', () => {
    const empty = forecastWeek([], { now: new Date('2025-06-23T10:00:00Z') });
    expect(empty.backtest).toBeNull();
    expect(empty.days.every((d) => d.expected === 0)).toBe(true);
  });
});
