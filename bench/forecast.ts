/**
 * Forecast quality (not speed): a rolling-origin backtest over the last 4 weeks of a seeded,
 * realistic year of inbound calls (weekday × hour seasonality, growth, Poisson noise, French public
 * holidays), the model beside the naive "same hour last week". Lower is better.
 */
import { HourlyHistory, backtest, forecastWeek } from '../electron/services/supervision/call-forecast';
import { addDays } from '../electron/services/shared/paris-time';
import { generateCallHistory } from '../test/support/call-history.ts';

export async function benchForecast() {
  const lines: string[] = [];
  const figures: Record<string, unknown> = {};
  // Origins chosen to include holidays in the backtested weeks (Ascension, Pentecôte) and not.
  for (const until of ['2025-03-24', '2025-06-16', '2025-11-17']) {
    const history = generateCallHistory({ until, days: 365, seed: 2025 });
    const times = history.calls.map((c) => c.ringAt);
    const started = performance.now();
    const result = backtest(new HourlyHistory(times), until, { backtestWeeks: 4 });
    forecastWeek(times, { now: new Date(`${until}T10:00:00Z`) });
    const ms = performance.now() - started;
    if (!result) continue;
    // The floor: a forecast knowing the true hourly means still misses by the Poisson noise.
    let oracleError = 0;
    let actualTotal = 0;
    for (let d = 1; d <= 28; d++) {
      const date = addDays(until, -d);
      const actual = history.actual.get(date)!;
      history.expected.get(date)!.forEach((mean, h) => {
        oracleError += Math.abs(mean - actual[h]!);
        actualTotal += actual[h]!;
      });
    }
    const oracle = oracleError / actualTotal;
    const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
    lines.push(
      `forecast  backtest to ${until} (${result.weeks} sem., ${result.hours} h, ${history.calls.length} appels sur 1 an) : ` +
        `WAPE modèle ${pct(result.model.wape)} vs naïf ${pct(result.naive.wape)} (plancher du bruit ${pct(oracle)}) · MAE ${result.model.mae.toFixed(2)} vs ${result.naive.mae.toFixed(2)} appels/h · ${ms.toFixed(0)} ms`,
    );
    figures[until] = { ...result, oracleWape: Math.round(oracle * 1000) / 1000, ms: Math.round(ms) };
  }
  return { lines, figures };
}
