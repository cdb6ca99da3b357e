/** The top bar's way to the company's documents (Alt+G). */
import { useViewStore } from '../app/view-store';
import { useT } from '../i18n/use-t';

export function DocumentsButton() {
  const { t } = useT();
  const show = useViewStore((s) => s.show);
  return (
    <button type="button" className="icon-btn" onClick={() => show({ kind: 'documents' })} data-testid="documents-link" title={t('documents.open')}>
      <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
        <polyline points="14 2 14 8 20 8" />
      </svg>
      <span className="sr-only">{t('documents.open')}</span>
    </button>
  );
}
