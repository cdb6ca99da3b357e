/**
 * The desktop app as a console of the company server (Paramètres › « Serveur de l'entreprise »):
 * instead of running the services itself, the Electron shell forwards the renderer's calls to the
 * server over its WebSocket and hands the server's events back (this agent's pops only: the server
 * routes them by line). Plain Node (ws), so it is tested without Electron.
 *
 *   signIn(url, login, password) → { token, account }       POST /api/session
 *   const link = new CompanyServerLink({ url, token, logger }); link.start();
 *   link.invoke(name, input) → envelope                      'unavailable' while the server is out of reach
 *   link.onEvent((name, payload) => …); link.onState((state) => …)
 *
 * The link reconnects by itself (backoff with jitter) and says why it is down: the server is out of
 * reach (retrying, with the time of the next try), or the session ended (disabled, password reset,
 * expired: no retry, sign in again).
 */
import WebSocket from 'ws';
import { contractError, ServiceError, type Envelope } from '../../contract/envelope';
import { SESSION_REVOKED_CLOSE_CODE, WS_PATH } from '../../contract/wire-constants';
import { backoffDelay } from '../backoff';
import type { Logger } from '../log';

export type CompanyServerLinkState =
  | { state: 'connecting' }
  | { state: 'connected'; access: string }
  | { state: 'unreachable'; retryAt: string; detail: string }
  | { state: 'signed-out' };

export interface CompanyServerLinkOptions {
  /** The server's staff address (agentUrl), e.g. http://accueil.lan:8080. */
  url: string;
  token: string;
  logger: Logger;
  backoff?: { baseMs?: number; maxMs?: number };
  callTimeoutMs?: number;
  now?: () => number;
  random?: () => number;
}


/** Signs in on the company server: a session token (kept by the caller in its secret store). */
export async function signIn(url: string, login: string, password: string): Promise<{ token: string; account: { login: string; name: string; role: string } }> {
  let answer: Response;
  try {
    answer = await fetch(new URL('/api/session', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }) });
  } catch {
    throw new ServiceError('unavailable', { reason: 'remote.unreachable', params: { url } });
  }
  const body = (await answer.json().catch(() => null)) as { token?: string; account?: { login: string; name: string; role: string }; error?: { reason?: string; message?: string } } | null;
  if (answer.ok && body?.token && body.account) return { token: body.token, account: body.account };
  if (answer.status === 429) throw new ServiceError('unavailable', { reason: 'account.login_throttled', params: { seconds: Number(answer.headers.get('retry-after') ?? 1) } });
  if (answer.status === 401) throw new ServiceError('forbidden', { reason: 'account.login_refused' });
  throw new ServiceError('unavailable', { reason: 'remote.unexpected_answer', params: { url, status: answer.status } });
}

export class CompanyServerLink {
  private socket: WebSocket | null = null;
  private current: CompanyServerLinkState = { state: 'connecting' };
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (envelope: Envelope<unknown>) => void; timer: NodeJS.Timeout }>();
  private readonly eventListeners = new Set<(name: string, payload: unknown) => void>();
  private readonly stateListeners = new Set<(state: CompanyServerLinkState) => void>();

  constructor(private readonly options: CompanyServerLinkOptions) {}

  get state(): CompanyServerLinkState {
    return this.current;
  }

  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onState(listener: (state: CompanyServerLinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
    this.failPending();
  }

  /** A contract call on the server; an envelope whatever happens (never a thrown error). */
  invoke(name: string, input: unknown): Promise<Envelope<unknown>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.current.state !== 'connected') {
      return Promise.resolve({ ok: false, error: this.downError() });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: contractError('unavailable', { reason: 'remote.no_answer' }) });
      }, this.options.callTimeoutMs ?? 30_000);
      this.pending.set(id, { resolve, timer });
      socket.send(JSON.stringify({ t: 'call', id, name, input }));
    });
  }

  private downError() {
    return this.current.state === 'signed-out'
      ? contractError('forbidden', { reason: 'remote.signed_out' })
      : contractError('unavailable', { reason: 'remote.unreachable', params: { url: this.options.url } });
  }

  private setState(state: CompanyServerLinkState): void {
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private connect(): void {
    if (this.stopped) return;
    this.setState({ state: 'connecting' });
    const url = new URL(WS_PATH, this.options.url);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${this.options.token}` }, handshakeTimeout: 10_000 });
    this.socket = socket;
    let refused = false;
    socket.on('unexpected-response', (_req, res) => {
      // 401: the session is gone (expired, revoked): retrying would be refused the same way.
      refused = res.statusCode === 401;
      socket.terminate();
    });
    socket.on('message', (data) => this.onFrame(String(data)));
    socket.on('error', () => {});
    socket.on('close', (code) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.failPending();
      if (this.stopped) return;
      if (refused || code === SESSION_REVOKED_CLOSE_CODE) {
        this.options.logger.warn('company server session ended', { code });
        this.setState({ state: 'signed-out' });
        return;
      }
      this.failures++;
      const delay = backoffDelay(this.failures, this.options.backoff?.baseMs ?? 1_000, this.options.backoff?.maxMs ?? 30_000, this.options.random);
      const now = this.options.now?.() ?? Date.now();
      this.setState({ state: 'unreachable', retryAt: new Date(now + delay).toISOString(), detail: `code ${code}` });
      this.timer = setTimeout(() => this.connect(), delay);
      this.timer.unref();
    });
  }

  private onFrame(text: string): void {
    let frame: { t?: string; id?: number; result?: Envelope<unknown>; name?: string; payload?: unknown; access?: string };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      this.options.logger.warn('company server sent an unreadable frame');
      return;
    }
    if (frame.t === 'hello') {
      this.failures = 0;
      this.setState({ state: 'connected', access: String(frame.access ?? '') });
    } else if (frame.t === 'result' && typeof frame.id === 'number') {
      const waiting = this.pending.get(frame.id);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.pending.delete(frame.id);
      waiting.resolve(frame.result ?? { ok: false, error: contractError('internal', { reason: 'contract.internal' }) });
    } else if (frame.t === 'event' && typeof frame.name === 'string') {
      for (const listener of this.eventListeners) listener(frame.name, frame.payload);
    }
  }

  private failPending(): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.resolve({ ok: false, error: this.downError() });
      this.pending.delete(id);
    }
  }
}
