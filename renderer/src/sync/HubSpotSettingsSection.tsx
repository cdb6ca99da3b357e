/**
 * Paramètres › HubSpot: the private-app token (write-only: typed, sent, never shown again),
 * "Tester la connexion", whose answer says what to do (new token, which scopes to add, network),
 * and how many HubSpot records the sync had to skip as unreadable.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useSyncStore } from './sync-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText, reasonText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';

export function HubSpotSettingsSection() {
  const { t } = useT();
  const status = useSyncStore((s) => s.status);
  const test = useSyncStore((s) => s.test);
  const busy = useSyncStore((s) => s.busy);
  const error = useSyncStore((s) => s.error);
  const follow = useSyncStore((s) => s.follow);
  const setToken = useSyncStore((s) => s.setToken);
  const testConnection = useSyncStore((s) => s.testConnection);
  const canWrite = useConnectionStore(selectCanWrite);
  const [token, setTokenDraft] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => follow(), [follow]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (token.trim() === '') return;
    if (await setToken(token.trim())) {
      setTokenDraft('');
      setSaved(true);
    }
  };
  const disabled = !canWrite || busy !== 'idle';

  return (
    <form className="card-panel form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="settings-hubspot-form">
      <h2 className="section-title">{t('hubspot.title')}</h2>
      {status?.tokenFromEnvironment && (
        <p className="notice notice-info">
          <Icon name="alert" />
          <span>{t('hubspot.fromEnvironment')}</span>
        </p>
      )}
      <div className="field">
        <label htmlFor="hubspot-token">
          {t('hubspot.token')}{' '}
          {status?.configured && (
            <span className="muted small" data-testid="hubspot-token-stored">
              <Icon name="check" size={12} /> {t('hubspot.tokenStored')}
            </span>
          )}
        </label>
        <input
          id="hubspot-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          disabled={disabled || status?.tokenFromEnvironment === true}
          placeholder="pat-eu1-…"
          onChange={(e) => {
            setTokenDraft(e.target.value);
            setSaved(false);
          }}
          data-testid="hubspot-token"
        />
        <p className="field-help">{t('hubspot.tokenHelp')}</p>
      </div>
      {test && (
        <p className={`notice ${test.ok ? 'notice-ok' : 'notice-warn'}`} role="status" data-testid="hubspot-test-result">
          <Icon name={test.ok ? 'check' : 'alert'} />
          <span>{reasonText(t, test, test.message)}</span>
        </p>
      )}
      {error && (
        <p className="notice notice-warn" role="alert">
          <Icon name="alert" />
          <span>{errorText(t, error)}</span>
        </p>
      )}
      {status?.lastError && !test && (
        <p className="notice notice-warn" data-testid="hubspot-last-error">
          <Icon name="alert" />
          <span>{reasonText(t, status.lastErrorReason, status.lastError)}</span>
        </p>
      )}
      {status && status.unreadableRecords > 0 && (
        <div className="notice notice-warn" role="status" data-testid="hubspot-unreadable">
          <Icon name="alert" />
          <span>
            <strong>{status.unreadableRecords === 1 ? t('hubspot.unreadableOne') : t('hubspot.unreadable', { count: status.unreadableRecords })}</strong>
            {' — '}
            {t('hubspot.unreadableHelp')}
          </span>
        </div>
      )}
      {saved && (
        <p className="notice notice-ok" role="status">
          <Icon name="check" /> <span>{t('hubspot.saved')}</span>
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" disabled={disabled} onClick={() => void testConnection(token.trim() || undefined)} data-testid="hubspot-test">
          {busy === 'testing' ? t('hubspot.testing') : t('hubspot.test')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={disabled || token.trim() === ''} data-testid="hubspot-save">
          {busy === 'saving' ? t('settings.saving') : t('hubspot.save')}
        </button>
      </div>
    </form>
  );
}
