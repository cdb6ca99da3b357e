/** The top bar's way to the Bilan, for whoever may read it (see canReadBilan). */
import { useEffect } from 'react';
import { useViewStore } from '../app/view-store';
import { useConnectionStore } from '../app/connection-store';
import { useAccountStore } from '../account/account-store';
import { useSupervisionStore } from '../supervision/supervision-store';
import { useT } from '../i18n/use-t';
import { canReadBilan } from './bilan-store';

export const selectBilanReader = (): boolean => canReadBilan(useAccountStore.getState().account?.role, useSupervisionStore.getState().settings?.role);

export function BilanButton() {
  const { t } = useT();
  const accountRole = useAccountStore((s) => s.account?.role);
  const workstationRole = useSupervisionStore((s) => s.settings?.role);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const show = useViewStore((s) => s.show);
  useEffect(() => {
    // The workstation's role lives in the supervision settings (also loaded by its own button).
    if (linkUp && !useSupervisionStore.getState().settings) void useSupervisionStore.getState().loadSettings();
  }, [linkUp]);
  if (!canReadBilan(accountRole, workstationRole)) return null;
  return (
    <button type="button" className="icon-btn" onClick={() => show({ kind: 'bilan' })} data-testid="bilan-link" title={t('bilan.open')}>
      <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <rect x="3" y="3" width="18" height="18" rx="2" />
        <line x1="3" y1="9" x2="21" y2="9" />
        <line x1="3" y1="15" x2="21" y2="15" />
        <line x1="9" y1="3" x2="9" y2="21" />
      </svg>
      <span className="sr-only">{t('bilan.open')}</span>
    </button>
  );
}
