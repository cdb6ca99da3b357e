/**
 * The `?` overlay: every shortcut (each feature's help lines, in order), in a modal dialog that
 * keeps focus until closed (Esc).
 */
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { byOrder } from './console-feature';
import { useHelpStore } from './help-store';
import { useFeatures } from './slots';

/** The overlay while it is open. */
export function HelpDialog() {
  const open = useHelpStore((s) => s.open);
  const setOpen = useHelpStore((s) => s.setOpen);
  return open ? <HelpOverlay onClose={() => setOpen(false)} /> : null;
}

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t, locale } = useT();
  const features = useFeatures();
  const lines = byOrder(features.flatMap((f) => f.help ?? []).filter((line) => line.shown?.() ?? true));
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
          {lines.map((s) => (
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
