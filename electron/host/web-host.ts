/**
 * Web mode: the same services, hosted by Node for a browser. The HTTP core (http-core.ts: loopback,
 * Host and Origin checks, security headers, the built renderer) with one channel per surface:
 * today the console's (console-channel.ts: the agent's page, the wall screen, the contract socket).
 */
import type { Dispatch } from '../contract/dispatcher';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/log';
import type { AreaPorts } from '../services/area';
import { startHttpCore, type HostChannel, type HttpCoreOptions } from './http-core';
import { consoleChannel, newToken, tokenAuthentication, type ConsoleAuthentication } from './console-channel';

export { MAX_CALLS_IN_FLIGHT, MAX_BUFFERED_BYTES, newToken } from './console-channel';

export interface WebHostOptions {
  dispatch: Dispatch;
  events: EventBus;
  logger: Logger;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  host?: '127.0.0.1' | 'localhost' | '::1';
  /** A fixed agent token (ACCUEIL_WEB_TOKEN); at least MIN_TOKEN_LENGTH characters. */
  token?: string;
  readOnlyToken?: string;
  /** See MAX_CALLS_IN_FLIGHT (tests). */
  maxCallsInFlight?: number;
  /** See MAX_BUFFERED_BYTES (tests). */
  maxBufferedBytes?: number;
  /** Further surfaces (the company server's public ones), served beside the console. */
  channels?: readonly HostChannel[];
  /** The company server: consoles log in with accounts instead of the per-run tokens. */
  authentication?: ConsoleAuthentication;
  /** Listen address (default loopback) and the Host names it is reached by (company server). */
  listenHost?: string;
  allowedHosts?: readonly string[];
  tls?: { cert: string; key: string };
  /** Slow-client limits (the company server on a LAN); see HttpCoreOptions. */
  timeouts?: HttpCoreOptions['timeouts'];
  /** The running services' ports the console's own routes read (documents' downloads). */
  services?: { port<K extends keyof AreaPorts>(name: K): AreaPorts[K] };
}

/** A generated token is 32 characters (24 random bytes); a fixed one must not be much weaker. */
export const MIN_TOKEN_LENGTH = 24;

/** Why a fixed token cannot be used, in a sentence for IT; null when it can. */
export function fixedTokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) {
    return (
      `ACCUEIL_WEB_TOKEN est trop court (${token.length} caractères) : il en faut au moins ${MIN_TOKEN_LENGTH}, ` +
      `tirés au hasard (par exemple : openssl rand -base64 24), ou retirez la variable pour qu’un jeton soit tiré à chaque lancement.`
    );
  }
  return null;
}

export interface WebHost {
  url: string;
  wallboardUrl: string;
  port: number;
  token: string;
  readOnlyToken: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const problem = options.token === undefined ? null : fixedTokenProblem(options.token);
  if (problem) throw new Error(problem);
  const token = options.token ?? newToken();
  const readOnlyToken = options.readOnlyToken ?? newToken();
  const agentConsole = consoleChannel({
    dispatch: options.dispatch,
    events: options.events,
    logger: options.logger,
    authentication: options.authentication ?? tokenAuthentication(token, readOnlyToken),
    ...(options.maxCallsInFlight !== undefined ? { maxCallsInFlight: options.maxCallsInFlight } : {}),
    ...(options.maxBufferedBytes !== undefined ? { maxBufferedBytes: options.maxBufferedBytes } : {}),
    ...(options.services ? { documents: () => options.services!.port('documents') } : {}),
  });
  const channels = [agentConsole, ...(options.channels ?? [])];
  const core = await startHttpCore({
    logger: options.logger,
    staticDir: options.staticDir,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.listenHost !== undefined ? { host: options.listenHost } : options.host !== undefined ? { host: options.host } : {}),
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    channels,
  }).catch(async (error: unknown) => {
    // Not served: the channels stop listening to the services again.
    for (const channel of channels) await channel.close?.();
    throw error;
  });
  return {
    url: `${core.origin}/#token=${token}`,
    wallboardUrl: `${core.origin}/wallboard#token=${readOnlyToken}`,
    port: core.port,
    token,
    readOnlyToken,
    close: () => core.close(),
  };
}
