/**
 * Desktop: the preload's `window.accueil` already speaks the contract. The link is always up.
 */
import type { Envelope } from '../contract';
import type { AccueilPreloadApi } from './preload-api';
import type { LinkStatus, StatusTransport } from './transport-status';

export function createIpcTransport(api: AccueilPreloadApi): StatusTransport {
  const status: LinkStatus = { state: 'up', access: 'agent', retryAt: null, failedAttempts: 0, everConnected: true };
  return {
    invoke: (name, input) => api.invoke(name, input) as Promise<Envelope<unknown>>,
    on: (event, handler) => api.on(event, handler),
    status: () => status,
    onStatus: () => () => {},
  };
}
