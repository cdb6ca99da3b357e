/**
 * Entry. Desktop: the preload's `window.accueil`. Web mode: a WebSocket to the page's own host,
 * with the token from `#token=…`. Without one: on the company server, the session cookie (or the
 * sign-in page, or the page that sets a password from a one-time link); on a standalone console
 * opened without its token, a full-page explanation instead of the console.
 */
// The base styles first: every feature's stylesheet comes after them (see ui/base.css).
import './ui/base.css';
import './ui/forms.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LINK_CHECK_PATH, WS_PATH } from './contract';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { MissingToken } from './app/MissingToken';
import { StaleLink } from './app/StaleLink';
import { LoginPage, SetPasswordPage } from './account/AccessPages';
import { passwordTokenFromHash, probeSession } from './account/session-api';
import { createIpcTransport } from './transport/ipc-transport';
import { WebSocketTransport, linkCheckOverHttp, socketUrl, tokenFromHash } from './transport/websocket-transport';
import type { StatusTransport } from './transport/transport-status';

const SESSION_ENDED = 'accueil.sessionEnded';

async function pickTransport(): Promise<StatusTransport | 'login' | 'missing-token'> {
  if (window.accueil) return createIpcTransport(window.accueil);
  const token = tokenFromHash(window.location.hash);
  if (token) {
    return new WebSocketTransport({
      url: socketUrl(window.location, WS_PATH, token),
      // A socket that fails before its hello: is the host down (retry), or refusing this token?
      checkLink: linkCheckOverHttp(`${LINK_CHECK_PATH}?token=${encodeURIComponent(token)}`),
      onLinkRefused: () => root.render(<StaleLink />),
    }).start();
  }
  const session = await probeSession();
  if (session === 'logged-out') return 'login';
  if (session === 'standalone') return 'missing-token';
  return new WebSocketTransport({
    url: socketUrl(window.location, WS_PATH, null),
    // The account was disabled, its role changed, its password reset, or it signed out elsewhere.
    onSessionEnded: () => {
      sessionStorage.setItem(SESSION_ENDED, '1');
      window.location.replace('/');
    },
  }).start();
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
const root = createRoot(container);
if (window.location.pathname === '/mot-de-passe') {
  root.render(<SetPasswordPage token={passwordTokenFromHash(window.location.hash)} />);
} else {
  void pickTransport().then((transport) => {
    if (transport === 'login') {
      const ended = sessionStorage.getItem(SESSION_ENDED) === '1';
      sessionStorage.removeItem(SESSION_ENDED);
      root.render(<LoginPage sessionEnded={ended} />);
    } else if (transport === 'missing-token') {
      root.render(<MissingToken />);
    } else {
      bootstrap(transport);
      root.render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
    }
  });
}
