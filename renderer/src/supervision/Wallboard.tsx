/**
 * The wall screen: full-screen, read-only, big type (readable at 1080p from across the room). No
 * button, no link, nothing that acts: what it shows comes from `read` calls and pushed events only.
 */
import { useEffect } from 'react';
import { useConnectionStore } from '../app/connection-store';
import { useT } from '../i18n/use-t';
import { intlLocale } from '../i18n';
import { useNow } from '../ui/use-now';
import { SourceStatus, SupervisionBody, useSupervisionFeed } from './SupervisorView';

export function Wallboard() {
  const { t, locale } = useT();
  useSupervisionFeed();
  const now = useNow(1000);
  const link = useConnectionStore((s) => s.link.state);
  useEffect(() => {
    document.title = t('supervision.wallTitle');
  }, [t]);
  const time = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(now);
  return (
    <div className="sv-wallboard" data-testid="wallboard">
      <header className="sv-wall-header">
        <h1>{t('supervision.wallTitle')}</h1>
        <SourceStatus />
        {link !== 'up' && (
          <span className="pill pill-danger" data-testid="link-status">
            {t('link.down')}
          </span>
        )}
        <span className="sv-wall-clock">{time}</span>
      </header>
      <SupervisionBody wall />
    </div>
  );
}
