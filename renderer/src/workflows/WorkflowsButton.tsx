/** The top bar's way to « Automatisations », with the number of steps waiting for a decision. */
import { useViewStore } from '../app/view-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT } from '../i18n/use-t';
import { useWorkflowsStore } from './workflows-store';

/** The staff's screen; the wall screen (a read-only link) has no use for it. */
export const selectWorkflowsReader = (): boolean => selectCanWrite(useConnectionStore.getState());

export function WorkflowsButton() {
  const { t } = useT();
  const show = useViewStore((s) => s.show);
  const waiting = useWorkflowsStore((s) => s.attention.length);
  const staff = useConnectionStore(selectCanWrite);
  if (!staff) return null;
  return (
    <button type="button" className="icon-btn" onClick={() => show({ kind: 'workflows' })} data-testid="workflows-link" title={t('workflows.open')}>
      <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <circle cx="12" cy="12" r="3" />
        <path d="M12 2v3M12 19v3M4.2 4.2l2.1 2.1M17.7 17.7l2.1 2.1M2 12h3M19 12h3M4.2 19.8l2.1-2.1M17.7 6.3l2.1-2.1" />
      </svg>
      {waiting > 0 && (
        <span className="badge" data-testid="workflows-badge">
          {waiting}
        </span>
      )}
      <span className="sr-only">{t('workflows.open')}</span>
    </button>
  );
}
