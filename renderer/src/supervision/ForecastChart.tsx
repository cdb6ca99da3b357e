/**
 * The next 7 days' expected inbound calls (one bar per day), tomorrow hour by hour, and the
 * forecast's measured error beside the naive "same hour last week" (SVG drawn at its on-screen width,
 * see useChartWidth: labels keep their size in pixels and the last hour's stays inside the box).
 */
import type { Forecast } from './supervision-store';
import { useT } from '../i18n/use-t';
import { intlLocale } from '../i18n';
import { labelStep } from './HourlyChart';
import { useChartWidth } from './use-chart-width';

export function ForecastChart({ forecast, big = false }: { forecast: Forecast; big?: boolean }) {
  const { t, locale } = useT();
  const font = big ? 16 : 13;
  // The dates' line is a little smaller, never below 11 px (nor below the wall's 16 px).
  const small = big ? font : Math.max(11, Math.round(font * 0.85));
  const [area, width] = useChartWidth(big ? 600 : 560);
  const height = big ? 270 : 190;
  const bottom = font + small + 16;
  const top = font + 8;
  const maxDay = Math.max(4, ...forecast.days.map((d) => d.expected));
  const gap = 16;
  // The days take a little more than half: their two lines of labels (« mar. », « 01/12 ») are wider
  // than the hours', which show one label in two or three.
  const half = Math.round((width - gap) * 0.55);
  const slot = half / Math.max(1, forecast.days.length);
  const scaleDay = (height - top - bottom) / maxDay;
  const weekday = new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'short', timeZone: 'UTC' });
  const tomorrow = forecast.hours.filter((h) => h.date === forecast.days[0]?.date && h.hour >= 7 && h.hour <= 19);
  const maxHour = Math.max(1, ...tomorrow.map((h) => h.expected));
  // The hours' labels are centred under their bars: half a label's width kept free on the right, or
  // « 19h » was cut by the edge of the wall screen's chart.
  const hoursWidth = width - half - gap - font;
  const hourSlot = hoursWidth / Math.max(1, tomorrow.length);
  const hourEvery = labelStep(hourSlot, font * 1.8);
  const scaleHour = (height - top - bottom) / maxHour;
  const decimal = (n: number) => n.toLocaleString(intlLocale(locale), { maximumFractionDigits: 2 });
  const tomorrowTotal = Math.round(forecast.days[0]?.expected ?? 0);
  const base = height - bottom;
  return (
    <figure className="sv-chart" data-testid="forecast-chart">
      <figcaption>{t('supervision.chart.forecast')}</figcaption>
      <div ref={area} className="sv-chart-area">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={t('supervision.chart.forecast')}>
          {forecast.days.map((d, i) => {
            const x = i * slot + slot * 0.12;
            const w = slot * 0.76;
            const h = d.expected * scaleDay;
            return (
              <g key={d.date}>
                {d.holiday && <title>{d.holiday}</title>}
                <rect x={x} y={base - h} width={w} height={h} className={d.holiday ? 'sv-bar-holiday' : 'sv-bar-forecast'} />
                <text x={x + w / 2} y={base - h - 6} textAnchor="middle" fontSize={font} className="sv-label-strong">
                  {Math.round(d.expected)}
                </text>
                <text x={x + w / 2} y={base + font + 4} textAnchor="middle" fontSize={font} className="sv-label">
                  {weekday.format(new Date(`${d.date}T12:00:00Z`))}
                </text>
                {/* A holiday's name is in its title: ten letters of « Lundi de Pâques » overlapped the next day. */}
                <text x={x + w / 2} y={base + font + small + 8} textAnchor="middle" fontSize={small} className="sv-label">
                  {d.holiday ? t('supervision.chart.holiday') : slot >= small * 3.2 ? `${d.date.slice(8, 10)}/${d.date.slice(5, 7)}` : d.date.slice(8, 10)}
                </text>
              </g>
            );
          })}
          <g transform={`translate(${half + gap} 0)`}>
            {tomorrow.map((h, i) => {
              const x = i * hourSlot + hourSlot * 0.12;
              const w = hourSlot * 0.76;
              const bh = h.expected * scaleHour;
              return (
                <g key={h.hour}>
                  <rect x={x} y={base - bh} width={w} height={bh} className="sv-bar-forecast" />
                  {i % hourEvery === 0 && (
                    <text x={x + w / 2} y={base + font + 4} textAnchor="middle" fontSize={font} className="sv-label">
                      {h.hour}h
                    </text>
                  )}
                </g>
              );
            })}
          </g>
          <line x1={0} x2={half} y1={base} y2={base} className="sv-axis" />
          <line x1={half + gap} x2={width} y1={base} y2={base} className="sv-axis" />
        </svg>
      </div>
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
