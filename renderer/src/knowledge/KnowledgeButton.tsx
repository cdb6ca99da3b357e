/** The top bar's way to the knowledge base, for the staff (a wall screen has no use for it). */
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useViewStore } from '../app/view-store';
import { useT } from '../i18n/use-t';

export const selectKnowledgeReader = (): boolean => selectCanWrite(useConnectionStore.getState());

export function KnowledgeButton() {
  const { t } = useT();
  const show = useViewStore((s) => s.show);
  const staff = useConnectionStore(selectCanWrite);
  if (!staff) return null;
  return (
    <button type="button" className="icon-btn" onClick={() => show({ kind: 'knowledge' })} data-testid="knowledge-link" title={t('knowledge.open')}>
      <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M4 19.5A2.5 2.5 0 0 1 6.5 17H20V3H6.5A2.5 2.5 0 0 0 4 5.5z" />
        <path d="M9 8h7M9 12h5" />
      </svg>
      <span className="sr-only">{t('knowledge.open')}</span>
    </button>
  );
}
