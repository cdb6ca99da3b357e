/**
 * The one door to HubSpot: builds the official client (base URL overridable for the stand-in and
 * for tests, token from the SecretStore or ACCUEIL_HUBSPOT_TOKEN), keeps every request under the
 * account's limits, retries what may be retried (429 honouring Retry-After, 5xx, network) with
 * exponential backoff and jitter, and turns failures into `HubSpotError`s whose message a person can
 * act on. The token never reaches a log line.
 */
import { Client } from '@hubspot/api-client';
import { errorSentence, reasonAndParams, type ErrorParams, type ErrorReason, type Explanation } from '../../contract/error-catalog';
import type { SecretStore } from '../settings/secret-store';
import type { Logger } from '../log';
import { RollingWindowLimiter, backoffDelay, retryAfterMs } from './rate-limiter';

export const DEFAULT_HUBSPOT_BASE_URL = 'https://api.hubapi.com';
export const ENV_TOKEN = 'ACCUEIL_HUBSPOT_TOKEN';
export const ENV_BASE_URL = 'ACCUEIL_HUBSPOT_BASE_URL';
export const ENV_BURST = 'ACCUEIL_HUBSPOT_BURST';

export function hubSpotToken(secrets: SecretStore, env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env[ENV_TOKEN]?.trim();
  if (fromEnv) return fromEnv;
  return secrets.get('hubspot.token');
}

export function hubSpotBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env[ENV_BASE_URL]?.trim() || DEFAULT_HUBSPOT_BASE_URL).replace(/\/+$/, '');
}

export function createHubSpotClient(options: { token: string; baseUrl?: string }): Client {
  // Retries are ours (RetryDecorator would sleep 10 s × attempt and ignore Retry-After).
  return new Client({ accessToken: options.token, basePath: options.baseUrl ?? DEFAULT_HUBSPOT_BASE_URL, numberOfApiCallRetries: 0 });
}

/**
 * What went wrong, truthfully: `network` only when HubSpot could not be reached, `server` when it
 * answered with a failure or an unreadable body, `internal` for a fault of Accueil's own (a bug in
 * a mapping, a local row SQLite refused) — never reported as the network's.
 */
export type HubSpotErrorKind = 'auth' | 'scopes' | 'rate' | 'daily_limit' | 'server' | 'network' | 'not_found' | 'bad_request' | 'conflict' | 'internal';

export class HubSpotError extends Error {
  /** What happened, for a person (contract/error-catalog.ts); `message` is its French sentence. */
  readonly reason: ErrorReason;
  readonly params: ErrorParams;

  constructor(
    readonly kind: HubSpotErrorKind,
    explanation: Explanation,
    readonly status: number | null = null,
    readonly scopes: string[] = [],
    readonly retryAfterMs: number | null = null,
    readonly body: unknown = null,
  ) {
    const { reason, params } = reasonAndParams(explanation);
    super(errorSentence('fr', reason, params));
    this.name = 'HubSpotError';
    this.reason = reason;
    this.params = params;
  }

  /** Worth trying again later without anyone's help. */
  get transient(): boolean {
    return this.kind === 'rate' || this.kind === 'server' || this.kind === 'network';
  }
}

interface ApiExceptionLike {
  code: number;
  body: unknown;
  headers?: Record<string, string>;
}

function isApiException(error: unknown): error is ApiExceptionLike {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number' && 'body' in error;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key] : undefined;
}

/** Scopes named in a 403 body (`errors[].context.requiredGranularScopes`, or `requiredScopes`). */
export function missingScopes(body: unknown): string[] {
  const out = new Set<string>();
  const visit = (value: unknown, key = ''): void => {
    if (Array.isArray(value)) {
      for (const v of value) {
        if (typeof v === 'string' && /scopes?$/i.test(key)) out.add(v);
        else visit(v, key);
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(body);
  return [...out];
}

export function classifyHubSpotError(error: unknown): HubSpotError {
  if (error instanceof HubSpotError) return error;
  if (isApiException(error)) {
    const status = error.code;
    const body = error.body as { message?: string; policyName?: string } | string | null;
    const message = typeof body === 'object' && body ? String(body.message ?? '') : '';
    if (status === 401) return new HubSpotError('auth', { reason: 'hubspot.token_refused' }, 401, [], null, body);
    if (status === 403) {
      const scopes = missingScopes(body);
      return new HubSpotError(
        'scopes',
        scopes.length > 0 ? { reason: 'hubspot.scopes_missing', params: { scopes: scopes.join(', ') } } : { reason: 'hubspot.forbidden' },
        403,
        scopes,
        null,
        body,
      );
    }
    if (status === 429) {
      const policy = typeof body === 'object' && body ? body.policyName : undefined;
      if (policy === 'DAILY') return new HubSpotError('daily_limit', { reason: 'hubspot.daily_limit' }, 429, [], null, body);
      return new HubSpotError('rate', { reason: 'hubspot.rate_limited' }, 429, [], retryAfterMs(header(error.headers, 'retry-after')), body);
    }
    if (status >= 500) return new HubSpotError('server', { reason: 'hubspot.unavailable', params: { status } }, status, [], retryAfterMs(header(error.headers, 'retry-after')), body);
    if (status === 404) return new HubSpotError('not_found', { reason: 'hubspot.not_found' }, 404, [], null, body);
    if (status === 409) {
      const detail = message.trimEnd();
      return new HubSpotError('conflict', detail ? { reason: 'hubspot.duplicate', params: { detail } } : { reason: 'hubspot.duplicate_no_detail' }, 409, [], null, body);
    }
    return new HubSpotError('bad_request', message ? { reason: 'hubspot.request_refused', params: { status, detail: message } } : { reason: 'hubspot.request_refused_no_detail', params: { status } }, status, [], null, body);
  }
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, 120);
  if (isNetworkFailure(error)) return new HubSpotError('network', { reason: 'hubspot.unreachable', params: { detail } });
  if (isUnreadableAnswer(error)) return new HubSpotError('server', { reason: 'hubspot.unreadable_answer', params: { detail } });
  return new HubSpotError('internal', { reason: 'hubspot.internal', params: { detail } });
}

/** Socket-level codes of Node (and of node-fetch's FetchError of type 'system'). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EPIPE', 'ECANCELED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** The request never got an answer: connection refused or cut, DNS, timeout, proxy. */
function isNetworkFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; type?: unknown; code?: unknown; errno?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  // node-fetch (the HubSpot client's transport): FetchError 'system' (socket), 'request-timeout', 'body-timeout'.
  if (e.name === 'FetchError' && e.type !== 'invalid-json' && e.type !== 'max-size') return true;
  if (e.name === 'AbortError') return true;
  return e.cause !== undefined && e.cause !== error && isNetworkFailure(e.cause);
}

/** HubSpot answered, but with a body no JSON parser could read. */
function isUnreadableAnswer(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; type?: unknown };
  return (e.name === 'FetchError' && (e.type === 'invalid-json' || e.type === 'max-size')) || error instanceof SyntaxError;
}

export interface HubSpotGatewayOptions {
  token: string;
  baseUrl?: string;
  logger?: Logger;
  /** Requests per 10 s outside search (default 100: Free/Starter; Pro/Enterprise 190). */
  burstPerTenSeconds?: number;
  /** The burst window (HubSpot: 10 s; tests shorten it with the stand-in's). */
  burstWindowMs?: number;
  searchPerSecond?: number;
  /** Attempts before a transient error is given up on (default 6). */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export type Lane = 'general' | 'search';

export class HubSpotGateway {
  readonly client: Client;
  private readonly general: RollingWindowLimiter;
  private readonly search: RollingWindowLimiter;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  /** Requests sent (bench, tests). */
  sent = 0;

  constructor(private readonly options: HubSpotGatewayOptions) {
    this.client = createHubSpotClient({ token: options.token, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
    this.general = new RollingWindowLimiter(options.burstPerTenSeconds ?? 100, options.burstWindowMs ?? 10_000);
    this.search = new RollingWindowLimiter(options.searchPerSecond ?? 5, 1_000, 50);
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseBackoffMs = options.baseBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  /**
   * Runs one HubSpot call within the limits, retrying transient failures. `priority`: among calls
   * waiting for the limiter, the highest leaves first; `paced`: leaves no sooner than window / max
   * after the previous call (long copies; see RollingWindowLimiter).
   */
  async call<T>(lane: Lane, what: string, run: (client: Client) => Promise<T>, options: { priority?: number; paced?: boolean } = {}): Promise<T> {
    const limiter = lane === 'search' ? this.search : this.general;
    for (let attempt = 1; ; attempt++) {
      const done = await limiter.acquire(options.priority ?? 0, { paced: options.paced === true });
      this.sent++;
      let failure: unknown;
      try {
        return await run(this.client);
      } catch (raw) {
        failure = raw;
      } finally {
        done(); // before any backoff: the slot counts from the answer, not from the retry
      }
      const error = classifyHubSpotError(failure);
      if (!error.transient || attempt >= this.maxAttempts) throw error;
      let delay = backoffDelay(attempt, this.baseBackoffMs, this.maxBackoffMs);
      if (error.retryAfterMs !== null) delay = Math.max(delay, error.retryAfterMs);
      else if (error.kind === 'rate') delay = Math.max(delay, lane === 'search' ? 1_000 : 2_000);
      if (error.kind === 'rate') limiter.pause(Date.now() + delay);
      this.options.logger?.warn('hubspot call retried', { what, attempt, kind: error.kind, status: error.status, delayMs: delay });
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
