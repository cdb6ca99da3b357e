/** The day's figures as big cards: the numbers the service promises on. */
import type { ReactNode } from 'react';
import type { TodayKpis } from './supervision-store';
import { useT } from '../i18n/use-t';
import { duration, percent } from '../format/supervision-format';
import { timeOfDay, shortDate } from '../format/format';

/** `extra`: one more card another feature fills (the wall screen's satisfaction). */
export function KpiCards({ today, extra }: { today: TodayKpis; extra?: ReactNode }) {
  const { t, locale } = useT();
  const oldest = today.oldestPendingAt;
  const oldestText = oldest
    ? t('supervision.kpi.pendingSince', {
        time: oldest.slice(0, 10) === today.computedAt.slice(0, 10) ? timeOfDay(oldest, locale) : shortDate(oldest, locale),
      })
    : '';
  const rateTone = today.answerRate === null ? '' : today.answerRate >= 0.9 ? 'good' : today.answerRate >= 0.8 ? 'warn' : 'bad';
  const cards: Array<{ id: string; label: string; value: string; detail?: string; tone?: string }> = [
    { id: 'inbound', label: t('supervision.kpi.inbound'), value: String(today.inbound) },
    { id: 'answered', label: t('supervision.kpi.answered'), value: String(today.answered) },
    { id: 'missed', label: t('supervision.kpi.missed'), value: String(today.missed), tone: today.missed > 0 ? 'warn' : '' },
    { id: 'answer-rate', label: t('supervision.kpi.answerRate'), value: percent(today.answerRate), tone: rateTone },
    { id: 'average-wait', label: t('supervision.kpi.averageWait'), value: duration(today.averageWaitSeconds) },
    { id: 'longest-wait', label: t('supervision.kpi.longestWait'), value: duration(today.longestWaitSeconds) },
    { id: 'handling', label: t('supervision.kpi.handling'), value: duration(today.averageHandlingSeconds) },
    {
      id: 'pending',
      label: t('supervision.kpi.pending'),
      value: String(today.pendingCallbacks),
      detail: oldestText,
      tone: today.pendingCallbacks > 0 ? 'bad' : 'good',
    },
    {
      id: 'callbacks',
      label: t('supervision.kpi.callbacks', { minutes: today.callbackTargetMinutes }),
      value: today.missedCallers === 0 ? t('supervision.kpi.none') : percent(today.calledBackWithinTarget / today.missedCallers),
      detail: t('supervision.kpi.callbacksDetail', { within: today.calledBackWithinTarget, missed: today.missedCallers }),
    },
  ];
  return (
    <div className="sv-kpis" data-testid="kpi-cards">
      {cards.map((c) => (
        <div key={c.id} className={`sv-kpi ${c.tone ? `sv-tone-${c.tone}` : ''}`} data-testid={`kpi-${c.id}`}>
          <div className="sv-kpi-label">{c.label}</div>
          <div className="sv-kpi-value">{c.value}</div>
          {c.detail ? <div className="sv-kpi-detail">{c.detail}</div> : null}
        </div>
      ))}
      {extra}
    </div>
  );
}
