/**
 * « Journal »: the newest entries of the accounts' audit log (sign-ins, refusals, every change an
 * administrator made), each in words: when (Paris time), what, by whom, on which account, from
 * which address.
 */
import { useT, errorText } from '../i18n/use-t';
import { fullDateTime } from '../format/format';
import { AUDIT_LIMIT, useAccountsAdminStore } from './accounts-admin-store';
import { auditActionText, auditDetailText, auditTime } from './account-words';

export function AuditLog() {
  const { t, locale } = useT();
  const audit = useAccountsAdminStore((s) => s.audit);
  const status = useAccountsAdminStore((s) => s.auditStatus);
  const error = useAccountsAdminStore((s) => s.auditError);
  const load = useAccountsAdminStore((s) => s.loadAudit);
  return (
    <>
      {status === 'error' && error && (
        <p className="inline-error" role="alert" data-testid="audit-error">
          {errorText(t, error)}{' '}
          <button type="button" className="btn btn-small" onClick={() => void load()}>
            {t('error.retry')}
          </button>
        </p>
      )}
      {status === 'loading' && audit.length === 0 && <p className="muted loading">{t('admin.loading')}</p>}
      {status === 'ready' && audit.length === 0 && <p className="muted">{t('admin.journal.empty')}</p>}
      {audit.length > 0 && (
        <div className="card-panel admin-table-wrap">
          <table className="admin-table" data-testid="audit-table">
            <caption className="sr-only">{t('admin.journal.caption', { count: AUDIT_LIMIT })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.journal.at')}</th>
                <th scope="col">{t('admin.journal.action')}</th>
                <th scope="col">{t('admin.journal.actor')}</th>
                <th scope="col">{t('admin.journal.target')}</th>
                <th scope="col">{t('admin.journal.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((entry) => {
                const detail = auditDetailText(t, entry);
                return (
                  <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                    <td className="admin-time">
                      <time dateTime={entry.at} title={fullDateTime(entry.at, locale)}>
                        {auditTime(entry.at, locale)}
                      </time>
                    </td>
                    <td>
                      {auditActionText(t, entry.action)}
                      {detail && <span className="muted"> — {detail}</span>}
                    </td>
                    <td>{entry.actor ?? '—'}</td>
                    <td>{entry.target ?? '—'}</td>
                    <td className="admin-ip">{entry.ip ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
