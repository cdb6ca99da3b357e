/** The top bar's way to Paramètres. */
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
