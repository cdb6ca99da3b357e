/**
 * The `?` overlay: every shortcut (each feature's help lines, in order), in a modal dialog that
 * keeps focus until closed (Esc, or `?` again).
 */
import { useRef } from 'react';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { useModalDialog } from '../ui/modal-dialog';
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
  const { onKeyDown } = useModalDialog(dialog, { onClose });
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
          // The key that opened the overlay closes it (the console's shortcuts are quiet meanwhile).
          if (e.key === '?') {
            e.preventDefault();
            onClose();
          } else onKeyDown(e);
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
