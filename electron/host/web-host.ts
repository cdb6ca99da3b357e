/**
 * Web mode: the same services, hosted by Node for a browser. Serves the built renderer and one
 * WebSocket that speaks the contract.
 *
 * Who may drive it: only a page that knows this run's secret token. The server binds to loopback,
 * checks the Host header (DNS rebinding), the Origin of the WebSocket upgrade (another site open
 * in the same browser), and the token, compared in constant time. A second, read-only token serves
 * wall screens: its connection may only make `read` calls.
 *
 * What one socket may cost: at most MAX_CALLS_IN_FLIGHT calls waiting for an answer (more are
 * refused at once with an `unavailable` envelope), and at most MAX_BUFFERED_BYTES of frames the
 * page has not read yet — a page that stops reading (frozen tab, hostile script) is disconnected
 * rather than left to grow the host's memory; a live page reconnects and reloads its state.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientFrame, MAX_FRAME_BYTES, WS_PATH, type ServerFrame } from '../contract/wire';
import type { CallerRole, Dispatch } from '../contract/dispatcher';
import { eventAudience } from '../contract/events';
import { contractError } from '../contract/envelope';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/log';

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
}

/** Calls one socket may have waiting for an answer; the renderer has a handful at once. */
export const MAX_CALLS_IN_FLIGHT = 32;
/** Frames not yet read by the page, past which its socket is closed (a screen pop is a few kB). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
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

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
  // The page's own CSP is a <meta> in index.html (it must also hold under file:// in Electron);
  // frame-ancestors only works as a header.
  'Content-Security-Policy': "frame-ancestors 'none'",
};

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const problem = options.token === undefined ? null : fixedTokenProblem(options.token);
  if (problem) throw new Error(problem);
  const token = options.token ?? newToken();
  const readOnlyToken = options.readOnlyToken ?? newToken();
  const bindHost = options.host ?? '127.0.0.1';
  const logger = options.logger;
  const staticRoot = path.resolve(options.staticDir);
  if (!fs.existsSync(path.join(staticRoot, 'index.html'))) {
    throw new Error(`Interface introuvable dans ${staticRoot} : lancez d’abord « npm run build:web ».`);
  }

  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  const server = http.createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Hôte refusé');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (relative === '/' || relative === '/wallboard') relative = '/index.html';
    const file = path.resolve(staticRoot, `.${relative}`);
    if (!file.startsWith(staticRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Introuvable');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Map<WebSocket, CallerRole>();
  /** Calls each socket has waiting for an answer. */
  const inFlight = new Map<WebSocket, number>();
  const maxCallsInFlight = options.maxCallsInFlight ?? MAX_CALLS_IN_FLIGHT;
  const maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, reason: string) => {
      logger.warn('web socket refused', { reason, origin: req.headers.origin ?? null });
      socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return refuse(404, 'Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(421, 'Misdirected Request');
    const origin = req.headers.origin;
    // Browsers always send Origin on a WebSocket upgrade: a foreign page is refused here even if it
    // guessed the port. Scripts (no Origin) still need the token.
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return refuse(403, 'Forbidden');
    const given = url.searchParams.get('token') ?? '';
    const access: CallerRole | null = sameSecret(given, token) ? 'agent' : sameSecret(given, readOnlyToken) ? 'read-only' : null;
    if (!access) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.set(ws, access);
      inFlight.set(ws, 0);
      send(ws, { t: 'hello', access });
      ws.on('message', (data, isBinary) => void onMessage(ws, access, data, isBinary));
      const forget = () => {
        clients.delete(ws);
        inFlight.delete(ws);
      };
      ws.on('close', forget);
      ws.on('error', forget);
    });
  });

  function send(ws: WebSocket, frame: ServerFrame) {
    sendText(ws, JSON.stringify(frame));
  }

  /** Sends, unless the page has stopped reading: then its socket is cut (see module comment). */
  function sendText(ws: WebSocket, text: string) {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount + text.length > maxBufferedBytes) {
      logger.warn('web socket not reading: disconnected', { bufferedBytes: ws.bufferedAmount, limit: maxBufferedBytes });
      clients.delete(ws);
      inFlight.delete(ws);
      // terminate, not close: a closing handshake would queue behind what the page is not reading.
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  async function onMessage(ws: WebSocket, access: CallerRole, data: unknown, isBinary: boolean) {
    if (isBinary) return ws.close(1003, 'text frames only');
    let frame: ClientFrame;
    try {
      frame = ClientFrame.parse(JSON.parse(String(data)));
    } catch {
      logger.warn('malformed web socket frame');
      return ws.close(1007, 'malformed frame');
    }
    const waiting = inFlight.get(ws) ?? 0;
    if (waiting >= maxCallsInFlight) {
      logger.warn('web socket call refused: too many in flight', { call: frame.name, inFlight: waiting });
      send(ws, {
        t: 'result',
        id: frame.id,
        result: { ok: false, error: contractError('unavailable', { reason: 'contract.too_many_calls', params: { max: maxCallsInFlight } }) },
      });
      return;
    }
    inFlight.set(ws, waiting + 1);
    let result: unknown;
    try {
      result = await options.dispatch(frame.name, frame.input, {
        access,
        onInternalError: (name, error) => logger.error('call failed', { call: name, error }),
      });
    } finally {
      // Gone meanwhile (closed, or cut for not reading): nothing to count any more.
      const now = inFlight.get(ws);
      if (now !== undefined) inFlight.set(ws, now - 1);
    }
    send(ws, { t: 'result', id: frame.id, result });
  }

  // Each event goes only to the sockets its audience includes (a read-only wall screen never gets
  // a pop or a settings change: see eventAudience).
  const unsubscribe = options.events.subscribe((name, payload) => {
    const audience = eventAudience(name);
    const text = JSON.stringify({ t: 'event', name, payload } satisfies ServerFrame);
    for (const [ws, role] of [...clients.entries()]) if (audience.includes(role)) sendText(ws, text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${bindHost === '::1' ? '[::1]' : bindHost}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    wallboardUrl: `${origin}/wallboard#token=${readOnlyToken}`,
    port,
    token,
    readOnlyToken,
    async close() {
      unsubscribe();
      for (const ws of clients.keys()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
