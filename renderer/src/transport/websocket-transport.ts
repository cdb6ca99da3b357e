/**
 * Web mode: the contract over one WebSocket to `accueil serve` (electron/host/web-host.ts).
 *
 * Frames (electron/contract/wire.ts): the server greets with `{t:'hello', access}`, then answers each
 * `{t:'call', id, name, input}` with `{t:'result', id, result: Envelope}` and pushes
 * `{t:'event', name, payload}`. The host may restart: the socket reconnects with a capped, jittered
 * backoff; calls in flight when it drops fail at once with a clear error (never hang), and listeners
 * registered with `on` survive reconnects (stores re-fetch on the next `up`).
 */
import { ContractCallError, MAX_FRAME_BYTES, SESSION_REVOKED_CLOSE_CODE, type Envelope } from '../contract';
import type { LinkStatus, StatusTransport, TransportFailure } from './transport-status';

/** The part of the browser WebSocket this transport uses (the `ws` package fits it too, in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export interface WebSocketTransportOptions {
  url: string;
  createSocket?: SocketFactory;
  /** First retry delay; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A call without an answer after this long fails with `timeout`. */
  callTimeoutMs?: number;
  /** 0..1: each delay is randomised by ± this fraction so that several windows do not retry in step. */
  jitter?: number;
  now?: () => number;
  random?: () => number;
  /**
   * The server closed the link because the session ended (account disabled, role changed,
   * password reset, logout): reconnecting would be refused; the page asks to log in again.
   */
  onSessionEnded?: () => void;
  /**
   * Asks the host whether this link's credentials still hold, after a socket that closed before
   * its hello: a browser never learns why an upgrade was refused (it reads as code 1006, exactly as
   * a host that is down). See `linkCheckOverHttp`.
   */
  checkLink?: () => Promise<LinkCheck>;
  /**
   * The host answered and refused the link (the standalone console was restarted: its token is new):
   * retrying would never succeed, so the transport stops and the page says what to do.
   */
  onLinkRefused?: () => void;
}

/** What the host said of the link's credentials: `unreachable` when it did not answer at all. */
export type LinkCheck = 'accepted' | 'refused' | 'unreachable';

const SOCKET_OPEN = 1;


const FAILURE_MESSAGES: Record<TransportFailure, string> = {
  not_connected: 'Pas de connexion avec le poste Accueil : reconnexion en cours, réessayez dans un instant.',
  disconnected: 'La connexion avec le poste Accueil a été perdue pendant la demande : réessayez une fois reconnecté.',
  timeout: 'Le poste Accueil n’a pas répondu à temps : réessayez.',
  too_large: 'La demande est trop volumineuse pour être envoyée.',
};

/** A call that did not reach the services, or whose answer never came back. */
export class TransportError extends ContractCallError {
  constructor(readonly failure: TransportFailure) {
    super(failure === 'too_large' ? 'bad_request' : 'unavailable', FAILURE_MESSAGES[failure]);
    this.name = 'TransportError';
  }
}

/** Computes the wait before attempt `n` (0-based count of consecutive failures). */
export function backoffDelay(failures: number, initialMs: number, maxMs: number, jitter: number, random: () => number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(failures, 16));
  const spread = base * jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(base + spread));
}

interface Pending {
  resolve: (envelope: Envelope<unknown>) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return true;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}

export class WebSocketTransport implements StatusTransport {
  private readonly url: string;
  private readonly createSocket: SocketFactory;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly callTimeoutMs: number;
  private readonly jitter: number;
  private readonly now: () => number;
  private readonly random: () => number;

  private socket: SocketLike | null = null;
  private ready = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private checkingLink = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, Set<(payload: unknown) => void>>();
  private readonly statusListeners = new Set<(status: LinkStatus) => void>();
  private current: LinkStatus = {
    state: 'connecting',
    access: null,
    retryAt: null,
    failedAttempts: 0,
    everConnected: false,
  };

  constructor(private readonly options: WebSocketTransportOptions) {
    this.url = options.url;
    this.createSocket =
      options.createSocket ??
      ((url) => {
        const socket = new WebSocket(url);
        return socket as unknown as SocketLike;
      });
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 20_000;
    this.jitter = options.jitter ?? 0.2;
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
  }

  /** Opens the socket; safe to call once. */
  start(): this {
    this.stopped = false;
    this.connect();
    return this;
  }

  /** Closes for good: no more reconnects, pending calls fail. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    if (socket) {
      this.detach(socket);
      try {
        socket.close(1000, 'closed by the window');
      } catch {
        // still connecting (some implementations throw): nothing more to close
      }
    }
    this.failPending('disconnected');
    this.setStatus({ state: 'down', retryAt: null });
  }

  status(): LinkStatus {
    return this.current;
  }

  onStatus(listener: (status: LinkStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  invoke(name: string, input: unknown): Promise<Envelope<unknown>> {
    const socket = this.socket;
    if (!socket || !this.ready || socket.readyState !== SOCKET_OPEN) {
      return Promise.reject(new TransportError('not_connected'));
    }
    const id = this.nextId++;
    const text = JSON.stringify({ t: 'call', id, name, input: input ?? {} });
    // Characters, not bytes: a UTF-8 frame is at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > MAX_FRAME_BYTES && new TextEncoder().encode(text).length > MAX_FRAME_BYTES) {
      return Promise.reject(new TransportError('too_large'));
    }
    return new Promise<Envelope<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) reject(new TransportError('timeout'));
      }, this.callTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        socket.send(text);
      } catch {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new TransportError('disconnected'));
      }
    });
  }

  on(event: string, handler: (payload: unknown) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  private connect(): void {
    if (this.stopped) return;
    this.retryTimer = null;
    this.setStatus({ state: 'connecting', retryAt: null });
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.ready = false;
    socket.onmessage = (event) => this.onFrame(event.data);
    socket.onclose = (event) => {
      if (event?.code === SESSION_REVOKED_CLOSE_CODE && this.options.onSessionEnded) {
        this.stop();
        this.options.onSessionEnded();
        return;
      }
      this.onClosed(socket);
    };
    // An error is always followed by a close; the close does the work.
    socket.onerror = () => {};
  }

  private onFrame(data: unknown): void {
    let frame: unknown;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return; // not ours to crash on: the server only sends JSON
    }
    if (typeof frame !== 'object' || frame === null) return;
    const f = frame as { t?: unknown; id?: unknown; result?: unknown; name?: unknown; payload?: unknown; access?: unknown };
    if (f.t === 'hello') {
      this.ready = true;
      this.setStatus({
        state: 'up',
        // An unknown role (a newer server) gets the least: read-only.
        access: f.access === 'agent' || f.access === 'supervisor' || f.access === 'admin' || f.access === 'technician' ? f.access : 'read-only',
        retryAt: null,
        failedAttempts: 0,
        everConnected: true,
      });
    } else if (f.t === 'result' && typeof f.id === 'number') {
      const pending = this.pending.get(f.id);
      if (!pending) return;
      this.pending.delete(f.id);
      clearTimeout(pending.timer);
      pending.resolve(
        isEnvelope(f.result)
          ? f.result
          : { ok: false, error: { code: 'internal', message: 'Réponse illisible du poste Accueil.' } },
      );
    } else if (f.t === 'event' && typeof f.name === 'string') {
      const set = this.handlers.get(f.name);
      if (!set) return;
      for (const handler of [...set]) {
        try {
          handler(f.payload);
        } catch (error) {
          // One faulty listener must not starve the others.
          console.error(`event handler for ${f.name} failed`, error);
        }
      }
    }
  }

  private onClosed(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.detach(socket);
    this.socket = null;
    const wasReady = this.ready;
    this.ready = false;
    this.failPending('disconnected');
    if (this.stopped) return;
    this.current = { ...this.current, failedAttempts: wasReady ? 0 : this.current.failedAttempts + 1 };
    this.scheduleReconnect();
    if (!wasReady) this.checkLinkStillHolds();
  }

  /** After a refused or failed handshake: a host that answers « refused » ends the retrying. */
  private checkLinkStillHolds(): void {
    const check = this.options.checkLink;
    if (!check || this.checkingLink) return;
    this.checkingLink = true;
    void check()
      .catch((): LinkCheck => 'unreachable')
      .then((answer) => {
        this.checkingLink = false;
        // Up meanwhile (the check raced a reconnect that worked): the link holds after all.
        if (answer !== 'refused' || this.stopped || this.current.state === 'up') return;
        this.stop();
        this.options.onLinkRefused?.();
      });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const failures = this.current.failedAttempts;
    const delay = backoffDelay(Math.max(0, failures - 1), this.initialDelayMs, this.maxDelayMs, this.jitter, this.random);
    this.setStatus({ state: 'down', retryAt: this.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private detach(socket: SocketLike): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    // Keep a no-op: a socket closed while connecting still reports an error afterwards.
    socket.onerror = () => {};
  }

  private failPending(failure: TransportFailure): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) {
      clearTimeout(p.timer);
      p.reject(new TransportError(failure));
    }
  }

  private setStatus(patch: Partial<LinkStatus>): void {
    this.current = { ...this.current, ...patch };
    const snapshot = this.current;
    for (const listener of [...this.statusListeners]) listener(snapshot);
  }
}

/**
 * The standalone console's link check: `GET LINK_CHECK_PATH?token=…` answers 204 for a token the
 * socket would accept, 401 for one it refuses; no answer (or another status, an older host) is
 * `unreachable`, and the transport keeps retrying as before.
 */
export function linkCheckOverHttp(checkUrl: string, fetchFn: typeof fetch = (input, init) => fetch(input, init)): () => Promise<LinkCheck> {
  return async () => {
    try {
      const answer = await fetchFn(checkUrl, { cache: 'no-store', credentials: 'same-origin' });
      if (answer.status === 401) return 'refused';
      return answer.ok ? 'accepted' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  };
}

/** Reads the token from `#token=…` (kept out of the query string so it never reaches server logs). */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}

/** The console's socket: with the standalone console's token, or bare (the company server's session cookie). */
export function socketUrl(location: { protocol: string; host: string }, wsPath: string, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${wsPath}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}
