/**
 * The next 7 days' expected inbound calls (one bar per day), tomorrow hour by hour, and the
 * forecast's measured error beside the naive "same hour last week" (SVG).
 */
import type { Forecast } from './supervision-store';
import { useT } from '../i18n/use-t';
import { intlLocale } from '../i18n';

export function ForecastChart({ forecast, big = false }: { forecast: Forecast; big?: boolean }) {
  const { t, locale } = useT();
  const font = big ? 16 : 12;
  // On the wall the charts are about 600 px wide: a 600-unit box keeps the type at its nominal size.
  const width = big ? 600 : 900;
  const height = big ? 290 : 190;
  const bottom = font * 2 + 14;
  const top = font + 8;
  const maxDay = Math.max(4, ...forecast.days.map((d) => d.expected));
  const half = width / 2 - 10;
  const slot = half / forecast.days.length;
  const scaleDay = (height - top - bottom) / maxDay;
  const weekday = new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'short', timeZone: 'UTC' });
  const tomorrow = forecast.hours.filter((h) => h.date === forecast.days[0]?.date && h.hour >= 7 && h.hour <= 19);
  const maxHour = Math.max(1, ...tomorrow.map((h) => h.expected));
  const hourSlot = half / Math.max(1, tomorrow.length);
  const scaleHour = (height - top - bottom) / maxHour;
  const decimal = (n: number) => n.toLocaleString(intlLocale(locale), { maximumFractionDigits: 2 });
  const tomorrowTotal = Math.round(forecast.days[0]?.expected ?? 0);
  return (
    <figure className="sv-chart" data-testid="forecast-chart">
      <figcaption>{t('supervision.chart.forecast')}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('supervision.chart.forecast')}>
        {forecast.days.map((d, i) => {
          const x = i * slot + slot * 0.12;
          const w = slot * 0.76;
          const h = d.expected * scaleDay;
          const base = height - bottom;
          return (
            <g key={d.date}>
              <rect x={x} y={base - h} width={w} height={h} className={d.holiday ? 'sv-bar-holiday' : 'sv-bar-forecast'} />
              <text x={x + w / 2} y={base - h - 6} textAnchor="middle" fontSize={font} className="sv-label-strong">
                {Math.round(d.expected)}
              </text>
              <text x={x + w / 2} y={base + font + 4} textAnchor="middle" fontSize={font} className="sv-label">
                {weekday.format(new Date(`${d.date}T12:00:00Z`))}
              </text>
              <text x={x + w / 2} y={base + font * 2 + 8} textAnchor="middle" fontSize={font * 0.85} className="sv-label">
                {d.holiday ? d.holiday.slice(0, 10) : `${d.date.slice(8, 10)}/${d.date.slice(5, 7)}`}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${width / 2 + 10} 0)`}>
          {tomorrow.map((h, i) => {
            const x = i * hourSlot + hourSlot * 0.12;
            const w = hourSlot * 0.76;
            const bh = h.expected * scaleHour;
            const base = height - bottom;
            return (
              <g key={h.hour}>
                <rect x={x} y={base - bh} width={w} height={bh} className="sv-bar-forecast" />
                {i % 2 === 0 && (
                  <text x={x + w / 2} y={base + font + 4} textAnchor="middle" fontSize={font} className="sv-label">
                    {h.hour}h
                  </text>
                )}
              </g>
            );
          })}
        </g>
        <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} className="sv-axis" />
      </svg>
      <p className="sv-forecast-error">{t('supervision.chart.tomorrow', { count: tomorrowTotal })}</p>
      <p className="sv-forecast-error" data-testid="forecast-error">
        {forecast.backtest
          ? t('supervision.forecast.error', {
              weeks: forecast.backtest.weeks,
              // For a wall-screen reader: calls per hour, not a statistician's ratio (WAPE stays in the bench).
              model: decimal(forecast.backtest.model.mae),
              naive: decimal(forecast.backtest.naive.mae),
            })
          : t('supervision.forecast.noBacktest')}
      </p>
    </figure>
  );
}
