/** The top bar's way to the e-mail templates library. */
import { useTemplateStore } from './template-store';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';

export function TemplatesButton() {
  const { t } = useT();
  return (
    <button type="button" className="icon-btn" onClick={() => void useTemplateStore.getState().openLibrary()} data-testid="templates-link" title={t('nav.templates')}>
      <Icon name="mail" size={18} />
      <span className="sr-only">{t('nav.templates')}</span>
    </button>
  );
}
