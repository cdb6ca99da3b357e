/**
 * The last 30 Paris days: inbound calls per day, answered and missed stacked, the rest grey (busy,
 * failed, taken elsewhere: « Autres issues », never « en cours » on a day long past). SVG drawn at
 * its on-screen width (useChartWidth), so its labels keep their size in pixels.
 */
import type { DayKpis } from './supervision-store';
import { useT } from '../i18n/use-t';
import { ChartLegend, labelStep } from './HourlyChart';
import { useChartWidth } from './use-chart-width';

const dayLabel = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

export function TrendChart({ days, big = false }: { days: DayKpis[]; big?: boolean }) {
  const { t } = useT();
  const font = big ? 17 : 13;
  const [area, width] = useChartWidth(big ? 600 : 560);
  if (days.length === 0) return null;
  const height = big ? 270 : 200;
  const top = font + 6;
  const bottom = font + 12;
  const max = Math.max(4, ...days.map((d) => d.inbound));
  const slot = (width - 16) / days.length;
  const scale = (height - top - bottom) / max;
  // « 30/11 » is at most 3 em wide (today's is bold). Labels are counted back from today's, which
  // ends under its bar (it would pass the right edge centred): it reaches further left, hence 1.5 labels.
  const label = font * 3;
  const every = labelStep(slot, 1.5 * label - (slot * 0.8) / 2);
  const last = days.length - 1;
  return (
    <figure className="sv-chart" data-testid="trend-chart">
      <figcaption>{t('supervision.chart.trend')}</figcaption>
      <div ref={area} className="sv-chart-area">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={t('supervision.chart.trend')}>
          {days.map((d, i) => {
            const x = 8 + i * slot + slot * 0.1;
            const w = slot * 0.8;
            const base = height - bottom;
            const a = d.answered * scale;
            const m = d.missed * scale;
            const o = (d.inbound - d.answered - d.missed) * scale;
            const isLast = i === last;
            return (
              <g key={d.date}>
                <title>{`${dayLabel(d.date)} : ${d.inbound}`}</title>
                <rect x={x} y={base - a} width={w} height={a} className="sv-bar-answered" />
                <rect x={x} y={base - a - m} width={w} height={m} className="sv-bar-missed" />
                <rect x={x} y={base - a - m - o} width={w} height={o} className="sv-bar-other" />
                {(last - i) % every === 0 && (
                  <text x={isLast ? x + w : x + w / 2} y={height - 6} textAnchor={isLast ? 'end' : 'middle'} fontSize={font} className={isLast ? 'sv-label-strong' : 'sv-label'}>
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
      </div>
      <ChartLegend items={[['sv-bar-answered', t('supervision.chart.answered')], ['sv-bar-missed', t('supervision.chart.missed')], ['sv-bar-other', t('supervision.chart.other')]]} />
    </figure>
  );
}
