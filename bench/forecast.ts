/**
 * Forecast quality (not speed): a rolling-origin backtest over the last 4 weeks of a seeded,
 * realistic year of inbound calls (weekday × hour seasonality, growth, Poisson noise, French public
 * holidays), the model beside the naive "same hour last week". Lower is better.
 */
import { HourlyHistory, backtest, forecastWeek } from '../electron/services/supervision/call-forecast';
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
    const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
    lines.push(
      `forecast  backtest to ${until} (${result.weeks} sem., ${result.hours} h, ${history.calls.length} appels sur 1 an) : ` +
        `WAPE modèle ${pct(result.model.wape)} vs naïf ${pct(result.naive.wape)} · MAE ${result.model.mae.toFixed(2)} vs ${result.naive.mae.toFixed(2)} appels/h · ${ms.toFixed(0)} ms`,
    );
    figures[until] = { ...result, ms: Math.round(ms) };
  }
  return { lines, figures };
}
