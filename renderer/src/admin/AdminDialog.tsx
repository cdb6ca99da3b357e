/**
 * The modal dialog of the accounts screen: focus moves in when it opens and back to what had it
 * when it closes, Tab stays inside, Esc closes it (before the console's Esc would leave the view),
 * a click on the backdrop too.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [href], [tabindex]:not([tabindex="-1"])';

export function AdminDialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId: string }) {
  const { t } = useT();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // A field first; a confirmation marks its harmless button (data-autofocus).
    const first = dialog.current?.querySelector<HTMLElement>('[data-autofocus], input, select') ?? dialog.current;
    first?.focus();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close.current();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      if (previous?.isConnected) previous.focus();
    };
  }, []);
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
        onKeyDown={(e) => {
          if (e.key !== 'Tab' || !dialog.current) return;
          const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
          const [first, last] = [items[0], items[items.length - 1]];
          if (!first || !last) return;
          if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog.current)) {
            e.preventDefault();
            last.focus();
          } else if (!e.shiftKey && document.activeElement === last) {
            e.preventDefault();
            first.focus();
          }
        }}
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
