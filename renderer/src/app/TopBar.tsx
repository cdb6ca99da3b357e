/**
 * Always visible: brand and workspace, the search box, the PBX line, the link to the host, and the
 * way to Settings and to the shortcut help. Features place their pieces in `topbar.search` and
 * `topbar.status`; the shell's own (the PBX line, the help button) are placed by app/feature.ts.
 */
import { useCallStore } from '../call/call-store';
import { selectCanWrite, useConnectionStore } from './connection-store';
import { useHelpStore } from './help-store';
import { Slot } from './slots';
import { useT, errorText } from '../i18n/use-t';
import { registrationText } from '../format/registration';
import { secondsUntil } from '../format/format';
import { useNow } from '../ui/use-now';
import { Icon } from '../ui/Icon';
import { showTelephonySettings } from '../settings/SettingsLink';

export function RegistrationStatus() {
  const { t } = useT();
  const telephony = useConnectionStore((s) => s.telephony);
  const reconnecting = useConnectionStore((s) => s.reconnecting);
  const reconnectError = useConnectionStore((s) => s.reconnectError);
  const reconnect = useConnectionStore((s) => s.reconnectTelephony);
  const canWrite = useConnectionStore(selectCanWrite);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const now = useNow(1000);
  const text = registrationText(telephony, now);
  const detail = [telephony?.aor, telephony?.server, telephony?.detail].filter(Boolean).join(' · ');
  const canRetry = canWrite && linkUp && (telephony?.state === 'failed' || telephony?.state === 'unregistered');
  const pillClass = `pill pill-${text.tone} ${linkUp ? '' : 'stale'}`;
  const words = (
    <>
      <span className="dot" aria-hidden="true" />
      {t(text.key, text.params)}
    </>
  );
  return (
    <div className="registration">
      {telephony?.state === 'unconfigured' ? (
        // No line yet: the pill is the way to configure one (Paramètres › Standard téléphonique).
        <span role="status">
          <button
            type="button"
            className={`${pillClass} pill-button`}
            data-testid="status-registration"
            data-state="unconfigured"
            title={t('registration.configure')}
            onClick={showTelephonySettings}
          >
            {words}
          </button>
        </span>
      ) : (
        <span className={pillClass} data-testid="status-registration" data-state={telephony?.state ?? 'unknown'} title={detail || undefined} role="status">
          {words}
        </span>
      )}
      {canRetry && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void reconnect()} disabled={reconnecting}>
          {t('registration.reconnect')}
        </button>
      )}
      {reconnectError && <span className="inline-error">{errorText(t, reconnectError)}</span>}
    </div>
  );
}

function LinkStatus() {
  const { t } = useT();
  const link = useConnectionStore((s) => s.link);
  const now = useNow(1000);
  if (link.state === 'up') return null;
  let message: string;
  if (link.state === 'connecting' && !link.everConnected) message = t('link.connecting');
  else if (link.state === 'down' && link.retryAt !== null && (secondsUntil(new Date(link.retryAt).toISOString(), now) ?? 0) > 1)
    message = t('link.downIn', { seconds: secondsUntil(new Date(link.retryAt).toISOString(), now) ?? 0 });
  else message = t('link.down');
  return (
    <div className={`link-status ${link.everConnected ? 'link-lost' : ''}`} data-testid="link-status" data-state={link.state} role="status">
      <Icon name="alert" />
      <span>{message}</span>
      {link.failedAttempts >= 5 && <span className="link-hint">{t('link.stale')}</span>}
    </div>
  );
}

export function HelpButton() {
  const { t } = useT();
  return (
    <button type="button" className="icon-btn" onClick={() => useHelpStore.getState().setOpen(true)} title={`${t('nav.help')} (?)`} data-testid="help-button">
      <Icon name="help" size={18} />
      <span className="sr-only">{t('nav.help')}</span>
    </button>
  );
}

export function TopBar() {
  const { t } = useT();
  const info = useConnectionStore((s) => s.appInfo);
  const canWrite = useConnectionStore(selectCanWrite);
  const ringing = useCallStore((s) => s.pops.filter((p) => p.call.state === 'ringing').length);
  return (
    <header className="topbar">
      <div className="brand">
        <span className={`brand-mark ${ringing ? 'ringing' : ''}`} aria-hidden="true">
          <Icon name="phone" size={18} />
        </span>
        <span className="brand-name">{t('app.name')}</span>
        {info?.workspace === 'demo' && (
          <span className="badge badge-demo" data-testid="workspace-badge" title={t('app.workspace.demoTitle')}>
            {t('app.workspace.demo')}
          </span>
        )}
        {!canWrite && (
          <span className="badge badge-readonly" title={t('app.readOnlyTitle')}>
            {t('app.readOnly')}
          </span>
        )}
      </div>
      <Slot name="topbar.search" />
      <div className="topbar-status">
        <Slot name="topbar.status" />
      </div>
      <LinkStatus />
    </header>
  );
}
