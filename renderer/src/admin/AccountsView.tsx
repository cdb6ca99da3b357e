/**
 * « Comptes » (company server, administrators): two tabs, « Personnes » (the list, its actions and
 * the form to add someone) and « Journal » (the audit log). Arrow keys move between the tabs; the
 * heading takes the focus when the view opens; Esc goes back (or closes the open dialog first).
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useAccountStore } from '../account/account-store';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';
import { useT } from '../i18n/use-t';
import { useAccountsAdminStore, type AdminTab } from './accounts-admin-store';
import { selectIsAdmin } from './AccountsButton';
import { PeoplePanel } from './PeoplePanel';
import { AuditLog } from './AuditLog';
import { AccountDialogs } from './AccountDialogs';

const TABS: readonly AdminTab[] = ['people', 'journal'];

function Tabs() {
  const { t } = useT();
  const tab = useAccountsAdminStore((s) => s.tab);
  const setTab = useAccountsAdminStore((s) => s.setTab);
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const index = TABS.indexOf(tab);
    const next = e.key === 'Home' ? TABS[0]! : e.key === 'End' ? TABS[TABS.length - 1]! : TABS[(index + step + TABS.length) % TABS.length]!;
    setTab(next);
    list.current?.querySelector<HTMLButtonElement>(`#admin-tab-${next}`)?.focus();
  };
  return (
    <div className="admin-tabs" role="tablist" aria-label={t('admin.tabs')} ref={list} onKeyDown={onKeyDown}>
      {TABS.map((id) => (
        <button
          key={id}
          id={`admin-tab-${id}`}
          type="button"
          role="tab"
          className={`admin-tab ${tab === id ? 'selected' : ''}`}
          aria-selected={tab === id}
          aria-controls={tab === id ? `admin-panel-${id}` : undefined}
          tabIndex={tab === id ? 0 : -1}
          data-testid={`accounts-tab-${id}`}
          onClick={() => setTab(id)}
        >
          {t(`admin.tab.${id}`)}
        </button>
      ))}
    </div>
  );
}

export function AccountsView() {
  const { t } = useT();
  const isAdmin = useAccountStore(selectIsAdmin);
  const tab = useAccountsAdminStore((s) => s.tab);
  const heading = useFocusOnOpen<HTMLHeadingElement>('accounts');
  useEffect(() => {
    if (!isAdmin) return;
    const admin = useAccountsAdminStore.getState();
    void admin.load();
    if (admin.tab === 'journal') void admin.loadAudit();
  }, [isAdmin]);
  // A one-time link is not left behind: leaving the view puts it away (a new one can be made).
  useEffect(() => () => useAccountsAdminStore.getState().leave(), []);
  const refresh = () => {
    const admin = useAccountsAdminStore.getState();
    void (admin.tab === 'journal' ? admin.loadAudit() : admin.load());
  };
  return (
    <article className="admin" data-testid="accounts-view">
      <div className="view-toolbar">
        <BackButton />
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          {t('admin.title')}
        </h1>
        {isAdmin && (
          <button type="button" className="btn btn-small admin-refresh" onClick={refresh} data-testid="accounts-refresh">
            {t('admin.refresh')}
          </button>
        )}
      </div>
      {!isAdmin ? (
        <p className="notice">{t('admin.notAdmin')}</p>
      ) : (
        <>
          <Tabs />
          <div className="admin-panel" role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`}>
            {tab === 'people' ? <PeoplePanel /> : <AuditLog />}
          </div>
          <AccountDialogs />
        </>
      )}
    </article>
  );
}
