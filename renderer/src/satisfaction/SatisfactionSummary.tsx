/**
 * Satisfaction for Gaëtan, in the supervisor's panel and on the wallboard: the mean score /10 and
 * the NPS of the last 90 days, each with its n and its 95 % interval (a month brings ~50 answers:
 * a ±15-point move can be chance), the response rate, by technician, by type of visit, by month.
 * The wallboard shows the tiles only.
 */
import { useEffect } from 'react';
import { useConnectionStore } from '../app/connection-store';
import { api } from '../transport/contract-client';
import { intlLocale } from '../i18n';
import { useT } from '../i18n/use-t';
import { useSatisfactionStore, type ScoreSummary } from './satisfaction-store';

const REFRESH_MS = 5 * 60_000;
/** Below this many answers, the panel says the figures are fragile. */
const FEW_ANSWERS = 30;

const signed = (value: number) => (value > 0 ? `+${value}` : String(value));

function useFigures() {
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  useEffect(() => {
    if (!linkUp) return;
    const store = useSatisfactionStore.getState();
    void store.loadFigures();
    const off = api().on('satisfaction.changed', ({ contactIds }) => useSatisfactionStore.getState().applyChanged(contactIds));
    const every = setInterval(() => void useSatisfactionStore.getState().loadFigures(), REFRESH_MS);
    return () => {
      off();
      clearInterval(every);
    };
  }, [linkUp]);
  return useSatisfactionStore((s) => s.figures);
}

function GroupTable({ title, rows, testId }: { title: string; rows: ReadonlyArray<ScoreSummary & { label: string }>; testId: string }) {
  const { t, locale } = useT();
  if (rows.length === 0) return null;
  const number = (v: number | null) => (v === null ? '—' : v.toLocaleString(intlLocale(locale)));
  return (
    <table className="sat-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('satisfaction.col.label')}</th>
          <th scope="col">{t('satisfaction.col.n')}</th>
          <th scope="col">{t('satisfaction.col.mean')}</th>
          <th scope="col">{t('satisfaction.col.nps')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.n}</td>
            <td>{number(row.mean)}</td>
            <td>{row.nps === null ? '—' : signed(row.nps)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SatisfactionSummary({ wall = false }: { wall?: boolean }) {
  const { t, locale } = useT();
  const figures = useFigures();
  if (!figures) return null;
  const w = figures.window;
  const monthFormat = new Intl.DateTimeFormat(intlLocale(locale), { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const month = (ym: string) => monthFormat.format(new Date(`${ym}-15T12:00:00Z`));
  const decimal = (v: number) => v.toLocaleString(intlLocale(locale));
  if (wall) {
    // The wall screen holds one 1080p screen: satisfaction is one card among the day's figures there.
    return (
      <div className="sv-kpi" data-testid="satisfaction-summary">
        <div className="sv-kpi-label">{t('satisfaction.wallTitle', { days: figures.windowDays })}</div>
        {w.n === 0 ? (
          <div className="sv-kpi-detail">{t('satisfaction.noAnswers')}</div>
        ) : (
          <>
            <div className="sv-kpi-value" data-testid="satisfaction-mean">
              {t('satisfaction.meanValue', { value: decimal(w.mean!) })}
            </div>
            <div className="sv-kpi-detail" data-testid="satisfaction-nps" data-nps={w.nps}>
              {t('satisfaction.wallDetail', {
                nps: signed(w.nps!),
                low: signed(w.npsInterval?.low ?? w.nps!),
                high: signed(w.npsInterval?.high ?? w.nps!),
                count: w.n,
              })}
            </div>
          </>
        )}
      </div>
    );
  }
  return (
    <section className="sv-panel sat-panel" aria-labelledby="sat-title" data-testid="satisfaction-summary">
      <h2 id="sat-title">
        {t('satisfaction.title')} <span className="muted">— {t('satisfaction.window', { days: figures.windowDays })}</span>
      </h2>
      {w.n === 0 ? (
        <p className="muted">{t('satisfaction.noAnswers')}</p>
      ) : (
        <div className="sat-tiles">
          <div className="sat-tile" data-testid="satisfaction-mean">
            <span className="sat-label">{t('satisfaction.mean')}</span>
            <strong className="sat-value">{t('satisfaction.meanValue', { value: decimal(w.mean!) })}</strong>
            {w.meanInterval && <span className="sat-note">{t('satisfaction.interval', { low: decimal(w.meanInterval.low), high: decimal(w.meanInterval.high) })}</span>}
          </div>
          <div className="sat-tile" data-testid="satisfaction-nps" data-nps={w.nps}>
            <span className="sat-label">{t('satisfaction.nps')}</span>
            <strong className="sat-value">{signed(w.nps!)}</strong>
            {w.npsInterval && <span className="sat-note">{t('satisfaction.interval', { low: signed(w.npsInterval.low), high: signed(w.npsInterval.high) })}</span>}
            <span className="sat-note">{t('satisfaction.split', { promoters: w.promoters, passives: w.passives, detractors: w.detractors })}</span>
          </div>
          <div className="sat-tile" data-testid="satisfaction-answers">
            <span className="sat-label">{t('satisfaction.answers')}</span>
            <strong className="sat-value">{w.n}</strong>
            <span className="sat-note">
              {figures.responseRate === null ? '' : `${t('satisfaction.responseRate')} ${figures.responseRate} % · `}
              {t('satisfaction.answersValue', { answered: figures.answered, sent: figures.sent })}
            </span>
          </div>
          <div className="sat-tile">
            <span className="sat-label">{t('satisfaction.topShare')}</span>
            <strong className="sat-value">{w.topShare} %</strong>
          </div>
        </div>
      )}
      {w.n > 0 && w.n < FEW_ANSWERS && <p className="sat-warning">{t('satisfaction.fewAnswers', { n: w.n })}</p>}
      <div className="sat-tables">
        <GroupTable title={t('satisfaction.byTechnician')} rows={figures.byTechnician} testId="satisfaction-by-technician" />
        <GroupTable title={t('satisfaction.byKind')} rows={figures.byKind} testId="satisfaction-by-kind" />
        <GroupTable title={t('satisfaction.byMonth')} rows={figures.months.map((m) => ({ ...m, label: month(m.month) }))} testId="satisfaction-by-month" />
      </div>
    </section>
  );
}
