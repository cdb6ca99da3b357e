/**
 * Left column: recent calls, live. Missed calls stand out by colour, icon and the word "Manqué".
 * A row opens the caller's record, or the new-caller card for an unknown number.
 *
 * The list is one Tab stop (a roving tabindex): ↑ ↓ Home End move between rows, Enter opens one,
 * → reaches the row's call-back button and ← comes back. Two hundred rows with two buttons each were
 * four hundred Tab presses between the search and the page.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { CallRecord } from '../contract';
import { useCallStore } from '../call/call-store';
import { isWithheldRecord } from '../call/call-model';
import { useDirectoryStore } from '../directory/directory-store';
import { useViewStore } from '../app/view-store';
import { useT, errorText } from '../i18n/use-t';
import { callTime, fullDateTime } from '../format/format';
import { useNow } from '../ui/use-now';
import { Icon, type IconName } from '../ui/Icon';
import { Clip } from '../ui/Text';
import { PhoneNumber } from '../format/PhoneNumber';
import { DialButton } from '../callbacks/DialButton';
import { useAccountStore } from '../account/account-store';
import { useCallbackStore } from '../callbacks/callback-store';

function rowIcon(call: CallRecord): IconName {
  if (call.state === 'missed') return 'phone-missed';
  return call.direction === 'outbound' ? 'phone-out' : 'phone-in';
}

export function openCallRow(call: CallRecord): void {
  const directory = useDirectoryStore.getState();
  const view = useViewStore.getState();
  const calls = useCallStore.getState();
  if (calls.pops.some((p) => p.call.id === call.id)) {
    calls.focus(call.id);
    view.show({ kind: 'call' });
  } else if (call.contactId) {
    void directory.openRecord({ type: 'contact', id: call.contactId });
    view.show({ kind: 'record', ref: { type: 'contact', id: call.contactId } });
  } else if (call.companyId) {
    void directory.openRecord({ type: 'company', id: call.companyId });
    view.show({ kind: 'record', ref: { type: 'company', id: call.companyId } });
  } else {
    void directory.openNumber(call.fromE164 ?? call.fromRaw, call.id);
    view.show({ kind: 'number' });
  }
}

export function RecentCalls() {
  const { t, locale } = useT();
  const recent = useCallStore((s) => s.recent);
  const onlyMissed = useCallStore((s) => s.onlyMissed);
  const status = useCallStore((s) => s.recentStatus);
  const error = useCallStore((s) => s.recentError);
  const setOnlyMissed = useCallStore((s) => s.setOnlyMissed);
  const mine = useCallStore((s) => s.mine);
  const setMine = useCallStore((s) => s.setMine);
  // Company server: a person with a line may narrow the list to « mes appels ».
  const ownLine = useAccountStore((s) => s.account?.sipUser ?? null);
  const reload = useCallStore((s) => s.loadRecent);
  const now = useNow(30_000);
  const callbacksOpen = useCallbackStore((s) => s.open.length);
  const showView = useViewStore((s) => s.show);
  const list = useRef<HTMLOListElement>(null);
  // The row that holds the list's one Tab stop; the first row when it is gone from the list.
  const [activeId, setActiveId] = useState<string | null>(null);
  const tabStopId = recent.some((c) => c.id === activeId) ? activeId : (recent[0]?.id ?? null);

  const rowButtons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('[data-testid="call-row"]') ?? [])];
  const onListKey = (e: KeyboardEvent<HTMLOListElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const item = (e.target as HTMLElement).closest('li');
    const rows = rowButtons();
    const at = rows.findIndex((row) => item?.contains(row));
    if (at < 0) return;
    const onRow = e.target === rows[at];
    let next: HTMLElement | null | undefined = null;
    if (e.key === 'ArrowDown') next = rows[Math.min(at + 1, rows.length - 1)];
    else if (e.key === 'ArrowUp') next = rows[Math.max(at - 1, 0)];
    else if (e.key === 'Home') next = rows[0];
    else if (e.key === 'End') next = rows[rows.length - 1];
    else if (e.key === 'ArrowRight' && onRow) next = item?.querySelector<HTMLElement>('[data-testid="call-row-dial"]');
    else if (e.key === 'ArrowLeft' && !onRow) next = rows[at];
    else return;
    e.preventDefault();
    next?.focus();
  };

  return (
    <aside className="recent" data-testid="recent-calls" aria-labelledby="recent-title">
      <div className="recent-head">
        {/* One count of missed callers: the callback list's open items (the button below). A count of the
            rows loaded here said 22 while the filter showed 76 and the list 1. */}
        <h2 id="recent-title">
          <span>{t('recent.title')}</span>
        </h2>
        <button type="button" className={`btn btn-small callbacks-open ${callbacksOpen > 0 ? 'has-items' : ''}`} onClick={() => showView({ kind: 'callbacks' })} data-testid="callbacks-open">
          <Icon name="phone-missed" />
          {t('callbacks.open', { count: callbacksOpen })}
        </button>
        <label className="toggle">
          <input
            type="checkbox"
            checked={onlyMissed}
            onChange={(e) => void setOnlyMissed(e.target.checked)}
            data-testid="recent-only-missed"
          />
          <span>{t('recent.onlyMissed')}</span>
        </label>
        {ownLine && (
          <label className="toggle">
            <input type="checkbox" checked={mine !== null} onChange={(e) => void setMine(e.target.checked ? ownLine : null)} data-testid="recent-mine" />
            <span>{t('recent.mine')}</span>
          </label>
        )}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}{' '}
          <button type="button" className="btn btn-small" onClick={() => void reload()}>
            {t('error.retry')}
          </button>
        </p>
      )}
      {status === 'loading' && recent.length === 0 && <p className="muted pad">{t('recent.loading')}</p>}
      {status === 'ready' && recent.length === 0 && <p className="muted pad">{t(onlyMissed ? 'recent.emptyMissed' : 'recent.empty')}</p>}
      <ol className="call-list" ref={list} onKeyDown={onListKey} aria-describedby="recent-keys">
        {recent.map((call) => {
          const withheld = isWithheldRecord(call);
          const name = call.matchLabel ?? call.callerName ?? (withheld ? t('call.withheld') : t('recent.unknown'));
          return (
            <li key={call.id} className="call-item">
              <button
                type="button"
                className={`call-row state-${call.state} ${call.matchLabel ? '' : 'unknown'}`}
                data-testid="call-row"
                data-state={call.state}
                data-call-id={call.id}
                tabIndex={call.id === tabStopId ? 0 : -1}
                onFocus={() => setActiveId(call.id)}
                onClick={() => openCallRow(call)}
              >
                <span className={`call-icon state-${call.state}`} aria-hidden="true">
                  <Icon name={rowIcon(call)} />
                </span>
                <span className="call-text">
                  <span className="call-line">
                    <Clip text={name} className="call-name" />
                    <time dateTime={call.ringAt} title={fullDateTime(call.ringAt, locale)} className="call-time">
                      {callTime(call.ringAt, now, locale)}
                    </time>
                  </span>
                  <span className="call-line">
                    {withheld ? (
                      <Clip text={t('call.withheld')} className="call-number" />
                    ) : (
                      <PhoneNumber display={call.direction === 'outbound' ? call.toDisplay : call.fromDisplay} className="call-number" testId="call-number" />
                    )}
                    {call.state !== 'ended' && <span className={`call-state state-${call.state}`}>{t(`call.state.${call.state}`)}</span>}
                    {call.simulated && <span className="badge badge-simulated" data-testid="call-simulated">{t('call.simulated')}</span>}
                  </span>
                </span>
              </button>
              {!withheld && (
                <DialButton
                  number={call.direction === 'outbound' ? call.toRaw : (call.fromE164 ?? null)}
                  display={call.direction === 'outbound' ? call.toDisplay : call.fromDisplay}
                  testId="call-row-dial"
                  tabIndex={-1}
                />
              )}
            </li>
          );
        })}
      </ol>
      <p id="recent-keys" className="sr-only">
        {t('recent.keys')}
      </p>
    </aside>
  );
}
