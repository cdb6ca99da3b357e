/**
 * The supervisor's screen: live agents and queue on top, the day's figures, then today by hour, the
 * last 30 days and the week ahead. The same view fills the wallboard (`wall`: bigger, no buttons).
 */
import { useEffect, useRef } from 'react';
import { api } from '../transport/contract-client';
import { useConnectionStore } from '../app/connection-store';
import { useSupervisionStore } from './supervision-store';
import { useT } from '../i18n/use-t';
import { useNow } from '../ui/use-now';
import { AgentBoard } from './AgentBoard';
import { QueuePanel } from './QueuePanel';
import { KpiCards } from './KpiCards';
import { HourlyChart } from './HourlyChart';
import { TrendChart } from './TrendChart';
import { ForecastChart } from './ForecastChart';
import { Icon } from '../ui/Icon';
import { SatisfactionSummary } from '../satisfaction/SatisfactionSummary';
import { useModalDialog } from '../ui/modal-dialog';

const FIGURES_EVERY_MS = 60_000;
const FIGURES_AFTER_CALL_MS = 1_500;

/** Keeps the store fed while a supervision screen is shown: live pushes, figures after calls and every minute. */
export function useSupervisionFeed(): void {
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  useEffect(() => {
    if (!linkUp) return;
    const store = useSupervisionStore.getState();
    void store.loadLive();
    void store.loadFigures();
    void store.loadSettings();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refigure = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void useSupervisionStore.getState().loadFigures();
      }, FIGURES_AFTER_CALL_MS);
    };
    const offs = [
      api().on('supervision.live', (live) => useSupervisionStore.getState().applyLive(live)),
      api().on('supervision.settingsChanged', (settings) => useSupervisionStore.getState().applySettings(settings)),
      // Not the calls themselves: the wall screen's read-only link never receives them.
      api().on('supervision.figuresChanged', refigure),
    ];
    const every = setInterval(() => void useSupervisionStore.getState().loadFigures(), FIGURES_EVERY_MS);
    return () => {
      for (const off of offs) off();
      clearInterval(every);
      if (timer) clearTimeout(timer);
    };
  }, [linkUp]);
}

export function SourceStatus() {
  const { t } = useT();
  const source = useSupervisionStore((s) => s.live?.source);
  if (!source) return null;
  const tone = source.state === 'live' ? 'ok' : source.state === 'failed' ? 'danger' : 'idle';
  return (
    <span className={`pill pill-${tone}`} data-testid="live-source" data-state={source.state} title={source.detail ?? undefined}>
      <span className="dot" aria-hidden="true" />
      {t(`supervision.source.${source.state}`)}
      {source.detail ? ` — ${source.detail}` : ''}
    </span>
  );
}

export function SupervisionBody({ wall = false }: { wall?: boolean }) {
  const live = useSupervisionStore((s) => s.live);
  const today = useSupervisionStore((s) => s.today);
  const trend = useSupervisionStore((s) => s.trend);
  const forecast = useSupervisionStore((s) => s.forecast);
  const now = useNow(1000);
  // The wall screen is a page of its own: its figures are its main landmark. Over the console they
  // sit in a dialog, beside the console's own main, so a plain block there.
  const Body = wall ? 'main' : 'div';
  return (
    <Body className={`sv-body ${wall ? 'sv-wall' : ''}`}>
      <div className="sv-live">
        <QueuePanel calls={live?.calls ?? []} agents={live?.agents ?? []} now={now} />
        <AgentBoard agents={live?.agents ?? []} now={now} />
      </div>
      {today && <KpiCards today={today} extra={wall ? <SatisfactionSummary wall /> : null} />}
      <div className="sv-charts">
        {today && <HourlyChart today={today} big={wall} />}
        {forecast && <ForecastChart forecast={forecast} big={wall} />}
        {trend.length > 0 && <TrendChart days={trend} big={wall} />}
      </div>
      {!wall && <SatisfactionSummary />}
    </Body>
  );
}

/** The supervisor's panel over the console, opened from the top bar. */
export function SupervisorView() {
  const { t } = useT();
  const open = useSupervisionStore((s) => s.open);
  if (!open) return null;
  return <SupervisorPanel onClose={() => useSupervisionStore.getState().setOpen(false)} title={t('supervision.title')} closeLabel={t('supervision.close')} />;
}

function SupervisorPanel({ onClose, title, closeLabel }: { onClose: () => void; title: string; closeLabel: string }) {
  useSupervisionFeed();
  const panel = useRef<HTMLDivElement>(null);
  const { onKeyDown } = useModalDialog(panel, { onClose });
  return (
    <div className="sv-overlay" role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} ref={panel} onKeyDown={onKeyDown} data-testid="supervisor-view">
      {/* Not a <header>: inside the dialog it would be a second banner beside the console's top bar. */}
      <div className="sv-header">
        <h1>{title}</h1>
        <SourceStatus />
        <button type="button" className="icon-btn" onClick={onClose} title={closeLabel} data-testid="supervisor-close">
          <Icon name="close" size={18} />
          <span className="sr-only">{closeLabel}</span>
        </button>
      </div>
      <SupervisionBody />
    </div>
  );
}

/** Top-bar entry, shown only when this workstation's role is supervisor. */
export function SupervisorButton() {
  const { t } = useT();
  const role = useSupervisionStore((s) => s.settings?.role);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  useEffect(() => {
    if (!linkUp) return;
    void useSupervisionStore.getState().loadSettings();
    return api().on('supervision.settingsChanged', (settings) => useSupervisionStore.getState().applySettings(settings));
  }, [linkUp]);
  if (role !== 'supervisor') return null;
  return (
    <button type="button" className="icon-btn" onClick={() => useSupervisionStore.getState().setOpen(true)} data-testid="supervision-link" title={t('supervision.open')}>
      <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true">
        <line x1="6" y1="20" x2="6" y2="14" />
        <line x1="12" y1="20" x2="12" y2="4" />
        <line x1="18" y1="20" x2="18" y2="10" />
      </svg>
      <span className="sr-only">{t('supervision.open')}</span>
    </button>
  );
}
