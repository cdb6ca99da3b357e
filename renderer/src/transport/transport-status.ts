/**
 * The link between this window and the services. Desktop (IPC) is always `up`; web mode goes
 * through the states below, driven by the WebSocket:
 *
 *   connecting ──hello──▶ up ──close──▶ down ──timer──▶ connecting …
 *        └────────close──────────────────▲
 */
import type { CallerRole, Transport } from '../contract';

export type LinkState = 'connecting' | 'up' | 'down';

export interface LinkStatus {
  state: LinkState;
  /** What this connection may do (from the server's hello, or 'agent' on desktop). */
  access: CallerRole | null;
  /** When `down`: epoch ms of the next attempt. */
  retryAt: number | null;
  /** Consecutive attempts that failed to reach `up` (0 once connected). */
  failedAttempts: number;
  /** True once this transport has been `up` at least once. */
  everConnected: boolean;
}

export interface StatusTransport extends Transport {
  status(): LinkStatus;
  onStatus(listener: (status: LinkStatus) => void): () => void;
}

/** Why a call did not reach the services; the UI turns it into a sentence in the user's language. */
export type TransportFailure = 'not_connected' | 'disconnected' | 'timeout' | 'too_large';
