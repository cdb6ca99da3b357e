/**
 * Today's calls per Paris hour, answered and missed stacked (SVG, no chart library). Shows the
 * working day (7 h–19 h) and widens to any hour that had calls. Drawn at its on-screen width
 * (useChartWidth), so its labels keep their size in pixels.
 */
import type { TodayKpis } from './supervision-store';
import { useT } from '../i18n/use-t';
import { useChartWidth } from './use-chart-width';

/** Every `n`th label, so that labels `labelWidth` px wide sit at least a little apart in slots `slot` px wide. */
export function labelStep(slot: number, labelWidth: number): number {
  return Math.max(1, Math.ceil((labelWidth + 6) / Math.max(1, slot)));
}

export function HourlyChart({ today, big = false }: { today: TodayKpis; big?: boolean }) {
  const { t } = useT();
  const font = big ? 17 : 13;
  const [area, width] = useChartWidth(big ? 600 : 560);
  const used = today.byHour.filter((b) => b.inbound > 0).map((b) => b.hour);
  const from = Math.min(7, ...used);
  const to = Math.max(19, ...used);
  const hours = today.byHour.filter((b) => b.hour >= from && b.hour <= to);
  const max = Math.max(4, ...hours.map((b) => b.inbound));
  // On the wall, 270 px: the 1080p screen holds the queue with waiting calls, the tiles and the charts.
  const height = big ? 270 : 200;
  const top = font + 8;
  const bottom = font + 12;
  const left = 8;
  const slot = (width - left * 2) / hours.length;
  const scale = (height - top - bottom) / max;
  // « 19h » is about 1.8 em wide.
  const every = labelStep(slot, font * 1.8);
  return (
    <figure className="sv-chart" data-testid="hourly-chart">
      <figcaption>{t('supervision.chart.today')}</figcaption>
      <div ref={area} className="sv-chart-area">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={t('supervision.chart.today')}>
          {hours.map((b, i) => {
            const x = left + i * slot + slot * 0.12;
            const w = slot * 0.76;
            const base = height - bottom;
            const answeredH = b.answered * scale;
            const missedH = b.missed * scale;
            const otherH = (b.inbound - b.answered - b.missed) * scale;
            return (
              <g key={b.hour}>
                <rect x={x} y={base - answeredH} width={w} height={answeredH} className="sv-bar-answered" />
                <rect x={x} y={base - answeredH - missedH} width={w} height={missedH} className="sv-bar-missed" />
                <rect x={x} y={base - answeredH - missedH - otherH} width={w} height={otherH} className="sv-bar-other" />
                {b.inbound > 0 && (
                  <text x={x + w / 2} y={base - (answeredH + missedH + otherH) - 6} textAnchor="middle" fontSize={font} className="sv-label-strong">
                    {b.inbound}
                  </text>
                )}
                {i % every === 0 && (
                  <text x={x + w / 2} y={height - 6} textAnchor="middle" fontSize={font} className="sv-label">
                    {b.hour}h
                  </text>
                )}
              </g>
            );
          })}
          <line x1={left} x2={width - left} y1={height - bottom} y2={height - bottom} className="sv-axis" />
        </svg>
      </div>
      {/* Grey is a call still ringing or one that ended otherwise (busy, failed, taken elsewhere): seen at 17 h,
          a grey bar at 9 h is not « en cours ». */}
      <ChartLegend items={[['sv-bar-answered', t('supervision.chart.answered')], ['sv-bar-missed', t('supervision.chart.missed')], ['sv-bar-other', t('supervision.chart.otherToday')]]} />
    </figure>
  );
}

export function ChartLegend({ items }: { items: Array<[string, string]> }) {
  return (
    <div className="sv-legend">
      {items.map(([cls, label]) => (
        <span key={cls}>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" className={cls} />
          </svg>
          {label}
        </span>
      ))}
    </div>
  );
}
