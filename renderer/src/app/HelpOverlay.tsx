/** The `?` overlay: every shortcut, in a modal dialog that keeps focus until closed (Esc). */
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/use-t';
import type { MessageKey } from '../i18n';
import { Icon } from '../ui/Icon';

const SHORTCUTS: Array<{ keys: string[]; label: MessageKey }> = [
  { keys: ['Ctrl+K', '/'], label: 'help.search' },
  { keys: ['↑', '↓'], label: 'help.navigate' },
  { keys: ['Entrée'], label: 'help.open' },
  { keys: ['Échap'], label: 'help.closePop' },
  { keys: ['Alt+1 … Alt+9'], label: 'help.match' },
  { keys: ['Alt+↑', 'Alt+↓'], label: 'help.calls' },
  { keys: ['Alt+N'], label: 'help.note' },
  { keys: ['Alt+T'], label: 'help.ticket' },
  { keys: ['Alt+R'], label: 'help.callbacks' },
  { keys: ['Alt+C'], label: 'help.dial' },
  { keys: ['Ctrl+Entrée'], label: 'help.saveWrapUp' },
  { keys: ['Ctrl+,'], label: 'help.settings' },
  { keys: ['?'], label: 'help.help' },
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t, locale } = useT();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => previous?.focus?.();
  }, []);
  const keyName = (k: string) => (locale === 'en' ? k.replace('Entrée', 'Enter').replace('Échap', 'Esc') : k);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        tabIndex={-1}
        ref={dialog}
        data-testid="help-overlay"
        onKeyDown={(e) => {
          if (e.key === 'Tab') {
            // Only one control inside: keep focus in the dialog.
            e.preventDefault();
            dialog.current?.querySelector<HTMLButtonElement>('button')?.focus();
          }
        }}
      >
        <div className="dialog-head">
          <h2 id="help-title">{t('help.title')}</h2>
          <button type="button" className="icon-btn" onClick={onClose} title={t('nav.close')}>
            <Icon name="close" size={18} />
            <span className="sr-only">{t('nav.close')}</span>
          </button>
        </div>
        <dl className="shortcuts">
          {SHORTCUTS.map((s) => (
            <div key={s.label} className="shortcut">
              <dt>
                {s.keys.map((k, i) => (
                  <kbd key={i}>{keyName(k)}</kbd>
                ))}
              </dt>
              <dd>{t(s.label)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
