/** The last 30 Paris days: inbound calls per day, answered and missed stacked (SVG). */
import type { DayKpis } from './supervision-store';
import { useT } from '../i18n/use-t';
import { ChartLegend } from './HourlyChart';

const dayLabel = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

export function TrendChart({ days, big = false }: { days: DayKpis[]; big?: boolean }) {
  const { t } = useT();
  if (days.length === 0) return null;
  const font = big ? 18 : 12;
  // On the wall the charts are about 600 px wide: a 600-unit box keeps the type at its nominal size.
  const width = big ? 600 : 900;
  const height = big ? 290 : 200;
  const top = font + 6;
  const bottom = font + 12;
  const max = Math.max(4, ...days.map((d) => d.inbound));
  const slot = (width - 16) / days.length;
  const scale = (height - top - bottom) / max;
  const labelEvery = big ? 7 : 3;
  return (
    <figure className="sv-chart" data-testid="trend-chart">
      <figcaption>{t('supervision.chart.trend')}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('supervision.chart.trend')}>
        {days.map((d, i) => {
          const x = 8 + i * slot + slot * 0.1;
          const w = slot * 0.8;
          const base = height - bottom;
          const a = d.answered * scale;
          const m = d.missed * scale;
          const o = (d.inbound - d.answered - d.missed) * scale;
          const last = i === days.length - 1;
          return (
            <g key={d.date}>
              <title>{`${dayLabel(d.date)} : ${d.inbound}`}</title>
              <rect x={x} y={base - a} width={w} height={a} className="sv-bar-answered" />
              <rect x={x} y={base - a - m} width={w} height={m} className="sv-bar-missed" />
              <rect x={x} y={base - a - m - o} width={w} height={o} className="sv-bar-other" />
              {(i % labelEvery === (days.length - 1) % labelEvery || last) && (
                <text x={last ? x + w : x + w / 2} y={height - 6} textAnchor={last ? 'end' : 'middle'} fontSize={font} className={last ? 'sv-label-strong' : 'sv-label'}>
                  {dayLabel(d.date)}
                </text>
              )}
            </g>
          );
        })}
        <text x={width - 8} y={font} textAnchor="end" fontSize={font} className="sv-label">
          max {max}
        </text>
        <line x1={8} x2={width - 8} y1={height - bottom} y2={height - bottom} className="sv-axis" />
      </svg>
      <ChartLegend items={[['sv-bar-answered', t('supervision.chart.answered')], ['sv-bar-missed', t('supervision.chart.missed')], ['sv-bar-other', t('supervision.chart.other')]]} />
    </figure>
  );
}
