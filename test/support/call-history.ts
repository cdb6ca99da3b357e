/**
 * A seeded, realistic inbound history for the supervision tests and the forecast bench: weekday ×
 * hour seasonality of a building-services switchboard (busy Monday mornings, lunch dip, Saturday
 * morning only, closed Sunday), a slow growth, Poisson noise, French public holidays closed.
 * Returns the rows and what was generated, so tests compare computed figures to known counts.
 */
import { SeededRandom } from '../../electron/services/demo/seeded-random';
import { holidayName } from '../../electron/services/shared/french-holidays';
import { addDays, parisInstant, weekdayOf } from '../../electron/services/shared/paris-time';
import type { StatCall } from '../../electron/services/supervision/call-kpis';

/** Share of a day's calls per Paris hour, Monday–Friday (8 h–18 h) and Saturday (9 h–12 h). */
const WEEKDAY_PROFILE = [0, 0, 0, 0, 0, 0, 0, 0.02, 0.1, 0.16, 0.14, 0.12, 0.05, 0.04, 0.1, 0.11, 0.09, 0.05, 0.02, 0, 0, 0, 0, 0];
const SATURDAY_PROFILE = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.4, 0.35, 0.25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/** Monday … Sunday. */
const DAY_VOLUME = [62, 50, 47, 48, 40, 9, 0];

export interface GeneratedHistory {
  calls: StatCall[];
  /** Inbound count per Paris date and hour, as generated. */
  actual: Map<string, number[]>;
  /** The mean each hour was drawn from (what a perfect forecast would say). */
  expected: Map<string, number[]>;
  firstDate: string;
  lastDate: string;
}

function poisson(random: SeededRandom, mean: number): number {
  // Knuth: fine for the small means of one hour.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

/** `days` Paris days ending the day before `until` (YYYY-MM-DD), seeded. */
export function generateCallHistory(options: { until: string; days: number; seed: number; growthPerYear?: number }): GeneratedHistory {
  const random = new SeededRandom(options.seed);
  const calls: StatCall[] = [];
  const actual = new Map<string, number[]>();
  const expected = new Map<string, number[]>();
  const firstDate = addDays(options.until, -options.days);
  const customers = Array.from({ length: 400 }, (_, i) => `+336${String(10_000_000 + i * 7919).slice(-8)}`);
  for (let d = 0; d < options.days; d++) {
    const date = addDays(firstDate, d);
    const weekday = weekdayOf(date);
    const hours = new Array<number>(24).fill(0);
    const means = new Array<number>(24).fill(0);
    actual.set(date, hours);
    expected.set(date, means);
    if (holidayName(date)) continue;
    const growth = 1 + ((options.growthPerYear ?? 0.1) * d) / 365;
    const profile = weekday === 5 ? SATURDAY_PROFILE : WEEKDAY_PROFILE;
    for (let h = 0; h < 24; h++) {
      means[h] = DAY_VOLUME[weekday]! * profile[h]! * growth;
      const n = poisson(random, means[h]!);
      hours[h] = n;
      const start = parisInstant(date, h).getTime();
      for (let i = 0; i < n; i++) {
        const ring = start + random.int(0, 3_599_000);
        const answered = random.chance(0.86);
        const wait = random.int(4, answered ? 40 : 60) * 1000;
        calls.push({
          direction: 'inbound',
          state: answered ? 'ended' : 'missed',
          number: customers[random.int(0, customers.length - 1)]!,
          ringAt: new Date(ring).toISOString(),
          answerAt: answered ? new Date(ring + wait).toISOString() : null,
          endAt: new Date(ring + wait + (answered ? random.int(30, 600) * 1000 : 0)).toISOString(),
        });
      }
    }
  }
  calls.sort((a, b) => a.ringAt.localeCompare(b.ringAt));
  return { calls, actual, expected, firstDate, lastDate: addDays(options.until, -1) };
}
