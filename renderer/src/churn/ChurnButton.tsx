/** The top bar's way to the customers at risk, for a supervisor (as the Bilan: see canReadBilan). */
import { useViewStore } from '../app/view-store';
import { useAccountStore } from '../account/account-store';
import { useSupervisionStore } from '../supervision/supervision-store';
import { useT } from '../i18n/use-t';
import { canReadBilan } from '../bilan/bilan-store';

export const selectChurnReader = (): boolean => canReadBilan(useAccountStore.getState().account?.role, useSupervisionStore.getState().settings?.role);

export function ChurnButton() {
  const { t } = useT();
  const accountRole = useAccountStore((s) => s.account?.role);
  const workstationRole = useSupervisionStore((s) => s.settings?.role);
  const show = useViewStore((s) => s.show);
  if (!canReadBilan(accountRole, workstationRole)) return null;
  return (
    <button type="button" className="icon-btn" onClick={() => show({ kind: 'churn' })} data-testid="churn-link" title={t('churn.open')}>
      <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
        <polyline points="16 17 21 12 16 7" />
        <line x1="21" y1="12" x2="9" y2="12" />
      </svg>
      <span className="sr-only">{t('churn.open')}</span>
    </button>
  );
}
