/** Web mode opened without `#token=…`: say what to do, in French, full page. */
import { translate } from '../i18n';
import { Icon } from '../ui/Icon';

export function MissingToken() {
  const t = (k: Parameters<typeof translate>[1]) => translate('fr', k);
  return (
    <main className="fullpage" data-testid="missing-token">
      <div className="fullpage-card">
        <Icon name="alert" size={32} />
        <h1>{t('token.title')}</h1>
        <p>{t('token.body')}</p>
        <p className="muted">{t('token.hint')}</p>
        <pre className="code">accueil serve</pre>
      </div>
    </main>
  );
}
