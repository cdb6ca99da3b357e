/** The top bar's way to Paramètres, and the way to its telephony section from anywhere. */
import { useViewStore } from '../app/view-store';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';

export function SettingsLink() {
  const { t } = useT();
  const show = useViewStore((s) => s.show);
  return (
    <button
      type="button"
      className="icon-btn"
      onClick={() => show({ kind: 'settings' })}
      data-testid="settings-link"
      title={t('nav.settings')}
    >
      <Icon name="settings" size={18} />
      <span className="sr-only">{t('nav.settings')}</span>
    </button>
  );
}

/** Paramètres › Standard téléphonique, focused: where a line that is not configured gets configured. */
export function showTelephonySettings(): void {
  useViewStore.getState().show({ kind: 'settings', section: 'telephony' });
  // Paramètres already open (the view store keeps one settings view): the section comes into view here.
  const heading = document.getElementById('settings-telephony');
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}
