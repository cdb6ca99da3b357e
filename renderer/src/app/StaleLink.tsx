/**
 * Web mode, a link the host refuses (its token is not the running console's: `accueil serve` was
 * restarted, or the address was cut when copied): say so and what to do, full page, instead of a
 * « reconnexion dans 4 s » that would never succeed. In the language already chosen when the page
 * had been connected; otherwise the browser's (English for an English browser, French by default).
 */
import type { Locale } from '../contract';
import { intlLocale, translate, type MessageKey } from '../i18n';
import { useSettingsStore } from '../settings/settings-store';
import { Icon } from '../ui/Icon';

function pageLocale(): Locale {
  const settings = useSettingsStore.getState();
  if (settings.settings) return settings.locale;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export function StaleLink() {
  const locale = pageLocale();
  const t = (key: MessageKey) => translate(locale, key);
  document.documentElement.lang = intlLocale(locale);
  document.title = t('link.refused.title');
  return (
    <main className="fullpage" data-testid="link-refused">
      <div className="fullpage-card" role="alert">
        <Icon name="alert" size={32} />
        <h1>{t('link.refused.title')}</h1>
        <p>{t('link.refused.body')}</p>
        <p>{t('link.refused.todo')}</p>
        <pre className="code">accueil serve</pre>
        <p className="muted">{t('link.refused.hint')}</p>
      </div>
    </main>
  );
}
