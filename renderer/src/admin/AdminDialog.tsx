/**
 * The modal dialog of the accounts screen: focus moves in when it opens and back to what had it
 * when it closes, Tab stays inside, Esc closes it (before the console's Esc would leave the view),
 * a click on the backdrop too.
 */
import { useRef, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { useModalDialog } from '../ui/modal-dialog';

export function AdminDialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId: string }) {
  const { t } = useT();
  const dialog = useRef<HTMLDivElement>(null);
  const { onKeyDown } = useModalDialog(dialog, {
    onClose,
    // A field first; a confirmation marks its harmless button (data-autofocus).
    initialFocus: (element) => element.querySelector<HTMLElement>('[data-autofocus], input, select'),
  });
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog admin-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="admin-dialog-title"
        tabIndex={-1}
        ref={dialog}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <div className="dialog-head">
          <h2 id="admin-dialog-title">{title}</h2>
          <button type="button" className="icon-btn" onClick={onClose} title={t('nav.close')}>
            <Icon name="close" size={18} />
            <span className="sr-only">{t('nav.close')}</span>
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
