/**
 * Missed calls to return, grouped by caller number, oldest first: time since the call, the target
 * time (first missed call + the delay from the settings), one click to call back, and closing by
 * hand with a reason. Closed items stay visible on demand (who/why/when).
 */
import { useEffect, useState } from 'react';
import type { Callback } from '../contract';
import { useCallbackStore } from './callback-store';
import { useAccountStore } from '../account/account-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import { fullDateTime, timeOfDay } from '../format/format';
import { elapsed } from '../format/elapsed';
import { useNow } from '../ui/use-now';
import { Icon } from '../ui/Icon';
import { Clip } from '../ui/Text';
import { PhoneNumber } from '../format/PhoneNumber';
import { DialButton } from './DialButton';
import { showTelephonySettings } from '../settings/SettingsLink';

function CloseForm({ item, onDone }: { item: Callback; onDone: () => void }) {
  const { t } = useT();
  const close = useCallbackStore((s) => s.close);
  const [reason, setReason] = useState('');
  return (
    <form
      className="callback-close"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() === '') return;
        void close(item.id, reason).then((ok) => ok && onDone());
      }}
    >
      <input
        autoFocus
        maxLength={500}
        value={reason}
        placeholder={t('callbacks.closeReason')}
        aria-label={t('callbacks.closeReason')}
        data-testid="callback-close-reason"
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <button type="submit" className="btn btn-small" disabled={reason.trim() === ''} data-testid="callback-close-confirm">
        {t('callbacks.closeConfirm')}
      </button>
    </form>
  );
}

function Row({ item, now }: { item: Callback; now: number }) {
  const { t, locale } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const [closing, setClosing] = useState(false);
  const overdue = item.state === 'open' && Date.parse(item.dueAt) < now;
  return (
    <li className={`callback ${item.state} ${overdue ? 'overdue' : ''}`} data-testid="callback-row" data-number={item.number ?? ''} data-state={item.state}>
      <div className="callback-main">
        {item.label ? <Clip text={item.label} className="callback-name" /> : <PhoneNumber display={item.display} className="callback-name" />}
        {item.label && <PhoneNumber display={item.display} className="muted" testId="callback-number" />}
        {item.missedCount > 0 && (
          <span className="callback-count">{item.missedCount === 1 ? t('callbacks.missedOne') : t('callbacks.missed', { count: item.missedCount })}</span>
        )}
      </div>
      {item.reason && (
        <p className="callback-reason" data-testid="callback-reason">
          {item.reason}
        </p>
      )}
      <div className="callback-times">
        <time dateTime={item.lastMissedAt} title={fullDateTime(item.lastMissedAt, locale)}>
          {t('callbacks.since', { elapsed: elapsed(item.firstMissedAt, now, locale) })}
        </time>
        {item.state === 'open' ? (
          <span className={overdue ? 'tag priority-urgente' : 'muted'} data-testid="callback-due">
            {overdue ? t('callbacks.overdue') : t('callbacks.due', { time: timeOfDay(item.dueAt, locale) })}
          </span>
        ) : (
          <span className="muted" data-testid="callback-closed">
            {item.closedBy === 'answered_call' ? t('callbacks.closedByCall') : t('callbacks.closedByAgent')}
            {item.closeReason ? ` — ${item.closeReason}` : ''} · {t('callbacks.closedAt', { time: item.closedAt ? fullDateTime(item.closedAt, locale) : '' })}
          </span>
        )}
      </div>
      {item.state === 'open' && (
        <div className="callback-actions">
          {item.number ? (
            <DialButton number={item.number} display={item.display} label={t('callbacks.dial')} testId="callback-dial" />
          ) : (
            <span className="muted">{t('callbacks.withheld')}</span>
          )}
          {!closing && (
            <button type="button" className="btn btn-small btn-ghost" disabled={!canWrite} onClick={() => setClosing(true)} data-testid="callback-close">
              {t('callbacks.close')}
            </button>
          )}
        </div>
      )}
      {closing && <CloseForm item={item} onDone={() => setClosing(false)} />}
    </li>
  );
}

export function CallbackList() {
  const { t } = useT();
  const open = useCallbackStore((s) => s.open);
  const done = useCallbackStore((s) => s.done);
  const showDone = useCallbackStore((s) => s.showDone);
  const status = useCallbackStore((s) => s.status);
  const error = useCallbackStore((s) => s.error);
  const load = useCallbackStore((s) => s.load);
  const setShowDone = useCallbackStore((s) => s.setShowDone);
  const mine = useCallbackStore((s) => s.mine);
  const setMine = useCallbackStore((s) => s.setMine);
  const hasLine = useAccountStore((s) => Boolean(s.account?.sipUser));
  const noLine = useConnectionStore((s) => s.telephony?.state === 'unconfigured');
  const now = useNow(30_000);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="callbacks" data-testid="callbacks" aria-labelledby="callbacks-title">
      <div className="view-head">
        <h1 id="callbacks-title">
          <Icon name="phone-missed" /> {t('callbacks.title')} <span className="count">{open.length}</span>
        </h1>
        <label className="toggle">
          <input type="checkbox" checked={showDone} onChange={(e) => void setShowDone(e.target.checked)} data-testid="callbacks-show-done" />
          <span>{t('callbacks.showDone')}</span>
        </label>
        {hasLine && (
          <label className="toggle">
            <input type="checkbox" checked={mine} onChange={(e) => void setMine(e.target.checked)} data-testid="callbacks-mine" />
            <span>{t('callbacks.mine')}</span>
          </label>
        )}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {noLine && open.length > 0 && (
        <p className="notice notice-warn" data-testid="callbacks-no-line">
          <Icon name="alert" />
          <span>{t('callbacks.noLine')}</span>
          <button type="button" className="btn btn-small" onClick={showTelephonySettings}>
            {t('dial.configureLine')}
          </button>
        </p>
      )}
      {status === 'ready' && open.length === 0 && <p className="muted pad">{t('callbacks.empty')}</p>}
      <ol className="callback-list">
        {open.map((item) => (
          <Row key={item.id} item={item} now={now} />
        ))}
      </ol>
      {showDone && done.length > 0 && (
        <ol className="callback-list done">
          {done.map((item) => (
            <Row key={item.id} item={item} now={now} />
          ))}
        </ol>
      )}
    </section>
  );
}
