/**
 * Inbound calls per Paris hour for the next 7 days, and how wrong that has been lately.
 *
 * Model (seasonal day × hour, exponentially weighted): for a day D and hour h,
 *   expected(D, h) = T(D) × p(D, h)
 *   T(D)    = Σ_k w_k · total(D − 7k) / Σ_k w_k               the day's volume, same weekday, last K weeks
 *   p(D, h) = (Σ_k w_k · calls(D − 7k, h) + α · P(h)) / (Σ_k w_k · total(D − 7k) + α)
 * with w_k = λ^(k−1) (recent weeks count more), P(h) the hour profile pooled over every weekday of
 * the same weeks (so a quiet weekday's profile is not just noise), and French public holidays both
 * forecast at zero and skipped when learning (a closed Monday says nothing about Mondays).
 * Days before the first journalled call are unknown, not zero.
 *
 * Backtest (rolling origin): for each of the last `backtestWeeks` complete weeks, learn from what
 * came before its first day, forecast its 7 × 24 hours, compare to what happened; beside it the naive
 * "same hour last week". MAE is per hour; WAPE = Σ|error| / Σ actual.
 */
import type { Forecast, ForecastHour } from '../../contract/supervision-calls';
import { holidayName } from '../shared/french-holidays';
import { addDays, localTime } from '../shared/paris-time';

export interface ModelOptions {
  /** Weeks looked back (K). */
  weeks?: number;
  /** Weight decay per week (λ). */
  decay?: number;
  /** Pseudo-count pulling a weekday's hour profile toward the pooled one (α). */
  shrink?: number;
  backtestWeeks?: number;
}

export interface ForecastOptions extends ModelOptions {
  now: Date;
}

/** Inbound calls per Paris date and hour. */
export class HourlyHistory {
  private readonly counts = new Map<string, number[]>();
  readonly firstDate: string | null;

  constructor(ringTimes: Iterable<string | number>) {
    let first: string | null = null;
    for (const at of ringTimes) {
      const local = localTime(at);
      let day = this.counts.get(local.date);
      if (!day) this.counts.set(local.date, (day = new Array<number>(24).fill(0)));
      day[local.hour]!++;
      if (first === null || local.date < first) first = local.date;
    }
    this.firstDate = first;
  }

  /** The 24 counts of a date, or null when the date is outside what is known (before the history or from `cutoff` on). */
  day(date: string, cutoff: string): readonly number[] | null {
    if (this.firstDate === null || date < this.firstDate || date >= cutoff) return null;
    return this.counts.get(date) ?? ZERO_DAY;
  }
}

const ZERO_DAY: readonly number[] = new Array<number>(24).fill(0);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Forecasts the 24 hours of `date` from what was known before `cutoff` (exclusive). */
export function forecastDay(history: HourlyHistory, date: string, cutoff: string, options: ModelOptions): number[] | null {
  if (holidayName(date)) return new Array<number>(24).fill(0);
  const weeks = options.weeks ?? 12;
  const decay = options.decay ?? 0.9;
  const shrink = options.shrink ?? 20;

  let weightSum = 0;
  let totalSum = 0;
  const hourSum = new Array<number>(24).fill(0);
  const pooled = new Array<number>(24).fill(0);
  let pooledTotal = 0;
  // Reference weeks end before the cutoff: for a date 1–7 days ahead, D − 7k for k ≥ 1 may still be
  // on or after the cutoff (today, partial), so it is skipped and the window slides back.
  let used = 0;
  for (let k = 1; used < weeks && k <= weeks + 2; k++) {
    const reference = addDays(date, -7 * k);
    const counts = history.day(reference, cutoff);
    if (counts === null) {
      if (reference < cutoff) break; // before the history: nothing older either
      continue;
    }
    used++;
    if (holidayName(reference)) continue;
    const w = Math.pow(decay, used - 1);
    weightSum += w;
    totalSum += w * sum(counts);
    counts.forEach((c, h) => (hourSum[h]! += w * c));
    // The pooled profile: every non-holiday day of that week.
    for (let d = -3; d <= 3; d++) {
      const other = addDays(reference, d);
      const otherCounts = history.day(other, cutoff);
      if (!otherCounts || holidayName(other)) continue;
      otherCounts.forEach((c, h) => (pooled[h]! += w * c));
      pooledTotal += w * sum(otherCounts);
    }
  }
  if (weightSum === 0) return null;
  const dayTotal = totalSum / weightSum;
  const weightedTotal = totalSum;
  return hourSum.map((c, h) => {
    const pooledShare = pooledTotal > 0 ? pooled[h]! / pooledTotal : 1 / 24;
    const share = (c + shrink * pooledShare) / (weightedTotal + shrink);
    return dayTotal * share;
  });
}

export interface BacktestResult {
  weeks: number;
  hours: number;
  model: { mae: number; wape: number };
  naive: { mae: number; wape: number };
}

/** Rolling-origin backtest over the last complete weeks before `today`. */
export function backtest(history: HourlyHistory, today: string, options: ModelOptions): BacktestResult | null {
  const wanted = options.backtestWeeks ?? 4;
  let modelError = 0;
  let naiveError = 0;
  let actualTotal = 0;
  let hours = 0;
  let weeksDone = 0;
  for (let j = wanted; j >= 1; j--) {
    const origin = addDays(today, -7 * j);
    let complete = true;
    const week: Array<{ actual: readonly number[]; model: number[]; naive: readonly number[] }> = [];
    for (let d = 0; d < 7; d++) {
      const date = addDays(origin, d);
      const actual = history.day(date, today);
      const naive = history.day(addDays(date, -7), origin);
      const model = forecastDay(history, date, origin, options);
      if (!actual || !naive || !model) {
        complete = false;
        break;
      }
      week.push({ actual, model, naive });
    }
    if (!complete) continue;
    weeksDone++;
    for (const { actual, model, naive } of week) {
      for (let h = 0; h < 24; h++) {
        modelError += Math.abs(model[h]! - actual[h]!);
        naiveError += Math.abs(naive[h]! - actual[h]!);
        actualTotal += actual[h]!;
        hours++;
      }
    }
  }
  if (weeksDone === 0) return null;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    weeks: weeksDone,
    hours,
    model: { mae: round(modelError / hours), wape: round(actualTotal > 0 ? modelError / actualTotal : 0) },
    naive: { mae: round(naiveError / hours), wape: round(actualTotal > 0 ? naiveError / actualTotal : 0) },
  };
}

/** The next 7 Paris days from tomorrow, learned from every complete day before today. */
export function forecastWeek(ringTimes: Iterable<string | number>, options: ForecastOptions): Forecast {
  const history = new HourlyHistory(ringTimes);
  const today = localTime(options.now).date;
  const hours: ForecastHour[] = [];
  const days: Forecast['days'] = [];
  for (let d = 1; d <= 7; d++) {
    const date = addDays(today, d);
    const expected = forecastDay(history, date, today, options) ?? new Array<number>(24).fill(0);
    const lastWeek = history.day(addDays(date, -7), today);
    expected.forEach((value, hour) => {
      hours.push({ date, hour, expected: Math.round(value * 100) / 100, naive: lastWeek ? lastWeek[hour]! : null });
    });
    days.push({ date, expected: Math.round(sum(expected) * 10) / 10, holiday: holidayName(date) });
  }
  const historyWeeks = history.firstDate ? Math.max(0, Math.floor((Date.parse(today) - Date.parse(history.firstDate)) / (7 * 86_400_000))) : 0;
  return { generatedAt: options.now.toISOString(), hours, days, backtest: backtest(history, today, options), historyWeeks };
}
