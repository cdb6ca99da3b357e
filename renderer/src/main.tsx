/**
 * Entry. Desktop: the preload's `window.accueil`. Web mode: a WebSocket to the page's own host,
 * with the token from `#token=…`; without one, a full-page explanation instead of the console.
 */
// The base styles first: every feature's stylesheet comes after them (see ui/base.css).
import './ui/base.css';
import './ui/forms.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WS_PATH } from './contract';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { MissingToken } from './app/MissingToken';
import { createIpcTransport } from './transport/ipc-transport';
import { WebSocketTransport, socketUrl, tokenFromHash } from './transport/websocket-transport';
import type { StatusTransport } from './transport/transport-status';

function pickTransport(): StatusTransport | null {
  if (window.accueil) return createIpcTransport(window.accueil);
  const token = tokenFromHash(window.location.hash);
  if (!token) return null;
  return new WebSocketTransport({ url: socketUrl(window.location, WS_PATH, token) }).start();
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
const root = createRoot(container);
const transport = pickTransport();
if (transport) {
  bootstrap(transport);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  root.render(<MissingToken />);
}
