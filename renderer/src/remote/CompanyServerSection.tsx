/**
 * Paramètres › Serveur de l'entreprise (desktop app only): connect this console to the company
 * server — the app then restarts on it — or come back to the standalone desk.
 */
import { useEffect, useState } from 'react';
import type { CompanyServerStatus } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import { useT, errorText } from '../i18n/use-t';

export function CompanyServerSection() {
  const { t } = useT();
  const [status, setStatus] = useState<CompanyServerStatus | null>(null);
  const [url, setUrl] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    void api().invoke('companyServer.status', {}).then(setStatus, (e: unknown) => setError(toUiError(e)));
  }, []);
  if (!status?.available) return null;

  const run = async (work: () => Promise<CompanyServerStatus>) => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await work());
      setPassword('');
    } catch (failure) {
      setError(toUiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card-panel form" data-testid="company-server-settings">
      <h2>{t('remote.title')}</h2>
      {status.url ? (
        <>
          <p>{t(status.active ? 'remote.active' : 'remote.chosen', { url: status.url, login: status.login ?? '' })}</p>
          <button type="button" className="btn" disabled={busy} onClick={() => void run(() => api().invoke('companyServer.disconnect', {}))}>
            {t('remote.disconnect')}
          </button>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api().invoke('companyServer.connect', { url, login, password }));
          }}
        >
          <p className="muted">{t('remote.intro')}</p>
          <label className="field">
            <span className="field-label">{t('remote.url')}</span>
            <input type="url" required placeholder="http://accueil.lan:8080" value={url} onChange={(e) => setUrl(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('remote.login')}</span>
            <input required autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('remote.password')}</span>
            <input type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="btn primary" disabled={busy}>
            {t('remote.connect')}
          </button>
        </form>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
