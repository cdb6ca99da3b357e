/**
 * The top bar's way to « Comptes »: only for an administrator signed in on the company server (a
 * standalone console has no account, so nothing shows).
 */
import { useViewStore } from '../app/view-store';
import { useAccountStore } from '../account/account-store';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';

export const selectIsAdmin = (s: { account: { role: string } | null }): boolean => s.account?.role === 'admin';

export function AccountsButton() {
  const { t } = useT();
  const isAdmin = useAccountStore(selectIsAdmin);
  const show = useViewStore((s) => s.show);
  if (!isAdmin) return null;
  return (
    <button type="button" className="icon-btn" onClick={() => show({ kind: 'accounts' })} data-testid="accounts-link" title={`${t('nav.accounts')} (Alt+U)`}>
      <Icon name="user" size={18} />
      <span className="sr-only">{t('nav.accounts')}</span>
    </button>
  );
}
