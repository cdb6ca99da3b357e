/**
 * What the Electron preload exposes on `window.accueil` (electron/preload/index.ts): the contract's
 * two verbs and nothing else. Absent in web mode, where the WebSocket transport is used instead.
 */
import type { Envelope } from '../contract';

export interface AccueilPreloadApi {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, handler: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    accueil?: AccueilPreloadApi;
  }
}
