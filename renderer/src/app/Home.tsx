import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';

export function Home() {
  const { t } = useT();
  return (
    <section className="home" data-testid="home">
      <span className="home-mark" aria-hidden="true">
        <Icon name="phone-in" size={40} />
      </span>
      <h1>{t('home.title')}</h1>
      <p>{t('home.body')}</p>
      <p className="muted">{t('home.shortcuts')}</p>
    </section>
  );
}
