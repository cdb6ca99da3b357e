/**
 * « À traiter »: the customers' SMS and WhatsApp messages not read yet, behind a top-bar button
 * with the unread count; each opens the customer's record (where reading it marks it read).
 */
import { useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useViewStore } from '../app/view-store';
import { fullDateTime } from '../format/format';
import { useT } from '../i18n/use-t';
import { useMessagingStore } from './messaging-store';

export function InboxButton() {
  const { t, locale } = useT();
  const unread = useMessagingStore((s) => s.unread);
  const staff = useConnectionStore(selectCanWrite);
  const show = useViewStore((s) => s.show);
  const [open, setOpen] = useState(false);
  if (!staff) return null;
  return (
    <div className="inbox">
      <button type="button" className="icon-btn" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="inbox-button" title={t('messaging.inbox')}>
        <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
        </svg>
        {unread.length > 0 && (
          <span className="badge" data-testid="inbox-badge">
            {unread.length}
          </span>
        )}
        <span className="sr-only">{t('messaging.inboxCount', { count: unread.length })}</span>
      </button>
      {open && (
        <div className="inbox-panel" role="dialog" aria-label={t('messaging.inbox')} data-testid="inbox-panel" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <h2 className="section-title">{t('messaging.inbox')}</h2>
          {unread.length === 0 ? (
            <p className="muted">{t('messaging.inboxEmpty')}</p>
          ) : (
            <ul>
              {unread.map((m) => (
                <li key={m.id} data-testid="inbox-item">
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setOpen(false);
                      if (m.contactId) show({ kind: 'record', ref: { type: 'contact', id: m.contactId } });
                      else if (m.companyId) show({ kind: 'record', ref: { type: 'company', id: m.companyId } });
                    }}
                  >
                    {m.name ?? m.number}
                  </button>{' '}
                  <span className="muted">
                    · {m.channel === 'sms' ? 'SMS' : 'WhatsApp'} · {fullDateTime(m.at, locale)}
                  </span>
                  <p className="inbox-preview">{m.body}</p>
                  {!m.contactId && !m.companyId && (
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => void useMessagingStore.getState().markRead([m.id])}>
                      {t('messaging.markRead')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
