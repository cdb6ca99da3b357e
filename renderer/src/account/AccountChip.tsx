/** The top bar's « Connecté : Claire Martin » and « Se déconnecter » (company server only). */
import { useT } from '../i18n/use-t';
import { useAccountStore } from './account-store';
import { logOut } from './session-api';

export function AccountChip() {
  const { t } = useT();
  const account = useAccountStore((s) => s.account);
  if (!account) return null;
  return (
    <span className="account-chip" data-testid="account-chip">
      <span>{t('account.signedInAs', { name: account.name })}</span>
      <button type="button" className="btn" onClick={() => void logOut().then(() => window.location.replace('/'))}>
        {t('account.logout')}
      </button>
    </span>
  );
}
