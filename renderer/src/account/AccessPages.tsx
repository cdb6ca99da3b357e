/**
 * The company server's pages before the console: sign in, and choose a password from a one-time
 * link. Full page, keyboard first (the first field has focus, Enter submits), errors read aloud
 * (role="alert"), worded from the server's reason in the interface's language.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { translate, type MessageKey, type MessageParams } from '../i18n';
import { reasonText } from '../i18n/use-t';
import { choosePassword, logIn, passwordLinkOwner, SessionRouteError } from './session-api';

const t = (key: MessageKey, params?: MessageParams) => translate(document.documentElement.lang === 'en' ? 'en' : 'fr', key, params);

function refusalText(error: unknown): string {
  if (!(error instanceof SessionRouteError)) return String(error);
  const { refusal } = error;
  return reasonText(t, refusal, refusal.message);
}

export function LoginPage({ sessionEnded = false }: { sessionEnded?: boolean }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(sessionEnded ? t('login.ended') : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(login, password);
      // The console starts over with the session cookie.
      window.location.replace('/');
    } catch (failure) {
      setError(refusalText(failure));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <main className="fullpage" data-testid="login-page">
      <form className="fullpage-card access-form" onSubmit={(e) => void submit(e)}>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        <label>
          {t('login.login')}
          <input name="login" autoComplete="username" autoFocus required value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error ? (
          <p className="access-error" role="alert" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <p className="muted">{t('login.forgot')}</p>
      </form>
    </main>
  );
}

export function SetPasswordPage({ token }: { token: string | null }) {
  const [owner, setOwner] = useState<{ login: string; name: string } | null>(null);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [error, setError] = useState<string | null>(token ? null : t('password.missing'));
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!token) return;
    passwordLinkOwner(token).then(setOwner, (failure: unknown) => setError(refusalText(failure)));
  }, [token]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token) return;
    if (first !== second) return setError(t('password.mismatch'));
    setError(null);
    try {
      await choosePassword(token, first);
      setDone(true);
    } catch (failure) {
      setError(refusalText(failure));
    }
  }

  return (
    <main className="fullpage" data-testid="password-page">
      <form className="fullpage-card access-form" onSubmit={(e) => void submit(e)}>
        <h1>{t('password.title')}</h1>
        {owner ? <p>{t('password.for', { login: owner.login, name: owner.name })}</p> : null}
        {done ? (
          <>
            <p role="status">{t('password.done')}</p>
            <a className="btn primary" href="/">
              {t('password.toLogin')}
            </a>
          </>
        ) : owner ? (
          <>
            <input type="text" name="username" autoComplete="username" value={owner.login} readOnly hidden />
            <label>
              {t('password.new')}
              <input name="new-password" type="password" autoComplete="new-password" autoFocus required minLength={10} value={first} onChange={(e) => setFirst(e.target.value)} />
            </label>
            <label>
              {t('password.again')}
              <input name="new-password-again" type="password" autoComplete="new-password" required value={second} onChange={(e) => setSecond(e.target.value)} />
            </label>
            <button type="submit" className="btn primary">
              {t('password.submit')}
            </button>
          </>
        ) : null}
        {error ? (
          <p className="access-error" role="alert" data-testid="password-error">
            {error}
          </p>
        ) : null}
      </form>
    </main>
  );
}
