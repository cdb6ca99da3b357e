/**
 * The console's channel: the agent's page and the wall screen's, and the one WebSocket that speaks
 * the contract to them.
 *
 * Who may drive it: only a page that knows this run's secret token, compared in constant time. A
 * second, read-only token serves wall screens: its connection may only make the calls open to that
 * role, and receives only the events whose audience includes it.
 *
 * What one socket may cost: at most MAX_CALLS_IN_FLIGHT calls waiting for an answer (more are
 * refused at once with an `unavailable` envelope), and at most MAX_BUFFERED_BYTES of frames the
 * page has not read yet — a page that stops reading (frozen tab, hostile script) is disconnected
 * rather than left to grow the host's memory; a live page reconnects and reloads its state.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientFrame, MAX_FRAME_BYTES, WS_PATH, type ServerFrame } from '../contract/wire';
import { LINK_CHECK_PATH, SESSION_REVOKED_CLOSE_CODE } from '../contract/wire-constants';
import type { CallerRole, Dispatch } from '../contract/dispatcher';
import { eventReaches } from '../contract/events';
import { contractError } from '../contract/envelope';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/log';
import type { HostChannel } from './http-core';
import type { DocumentLibrary } from '../services/documents/document-library';
import { serveDocumentDownload } from './document-download';

/** Calls one socket may have waiting for an answer; the renderer has a handful at once. */
export const MAX_CALLS_IN_FLIGHT = 32;
/** Frames not yet read by the page, past which its socket is closed (a screen pop is a few kB). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who a connection is, as the channel's way of logging in vouches for it. */
export interface ConsoleCaller {
  role: CallerRole;
  /** The account on the company server (absent for the standalone console's tokens). */
  account?: { id: string; login: string; name: string; sipUser: string | null };
  /** The address it connected from (the audit log). */
  ip?: string | null;
  /** The session it rides on: revoked, the socket closes at once. */
  sessionId?: string;
}

/**
 * How connections prove who they are: the standalone console's per-run tokens, or the company
 * server's sessions (accounts-channel.ts).
 */
export interface ConsoleAuthentication {
  /** The caller an upgrade request proves, or null (refused with 401). */
  caller(req: http.IncomingMessage, url: URL): ConsoleCaller | null;
  /** Tells the channel which sessions end early (disable, role change, logout…). */
  onRevoked?(listener: (revoked: { accountId: string; sessionId?: string }) => void): () => void;
  /** A connected console keeps its session alive. */
  touch?(sessionId: string): void;
  /** Whether a session still holds (checked every few seconds for the open consoles). */
  isLive?(sessionId: string): boolean;
  /** HTTP routes of the way of logging in (POST /api/session…). */
  handle?(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean;
}

export function tokenAuthentication(token: string, readOnlyToken: string): ConsoleAuthentication {
  return {
    caller(req, url) {
      // The socket carries it in its query; a script's or a page's fetch as a bearer (kept out of URLs).
      const given = url.searchParams.get('token') ?? /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      return sameSecret(given, token) ? { role: 'agent' } : sameSecret(given, readOnlyToken) ? { role: 'read-only' } : null;
    },
  };
}

export interface ConsoleChannelOptions {
  dispatch: Dispatch;
  events: EventBus;
  logger: Logger;
  authentication: ConsoleAuthentication;
  maxCallsInFlight?: number;
  maxBufferedBytes?: number;
  /** The documents of the running services: `GET /api/documents/<id>/fichier` (document-download.ts). */
  documents?: () => DocumentLibrary;
}

/** How often an open console keeps its session alive. */
const TOUCH_EVERY_MS = 60_000;
/** How often open consoles' sessions are checked (a change made in another process: CLI). */
const CHECK_SESSIONS_EVERY_MS = 5_000;

export function consoleChannel(options: ConsoleChannelOptions): HostChannel {
  const { logger, authentication } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Map<WebSocket, ConsoleCaller>();
  /** Calls each socket has waiting for an answer. */
  const inFlight = new Map<WebSocket, number>();
  const maxCallsInFlight = options.maxCallsInFlight ?? MAX_CALLS_IN_FLIGHT;
  const maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;

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

  async function onMessage(ws: WebSocket, caller: ConsoleCaller, data: unknown, isBinary: boolean) {
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
        access: caller.role,
        ...(caller.account ? { account: caller.account } : {}),
        ...(caller.ip !== undefined ? { ip: caller.ip } : {}),
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
  // a pop or a settings change), and a call or a line status only to that line's agent and to
  // supervisors (see eventReaches).
  const unsubscribe = options.events.subscribe((name, payload) => {
    const text = JSON.stringify({ t: 'event', name, payload } satisfies ServerFrame);
    for (const [ws, caller] of [...clients.entries()]) if (eventReaches(name, payload, caller)) sendText(ws, text);
  });

  // A disabled account, a changed role, a reset password, a logout: its open consoles close now.
  const stopRevocations = authentication.onRevoked?.((revoked) => {
    for (const [ws, caller] of [...clients.entries()]) {
      if (caller.account?.id !== revoked.accountId) continue;
      if (revoked.sessionId && caller.sessionId !== revoked.sessionId) continue;
      // A page that does not answer the close handshake is cut anyway (closeRevoked).
      closeRevoked(ws);
    }
  });
  const keepAlive = authentication.touch
    ? setInterval(() => {
        const sessions = new Set([...clients.values()].flatMap((c) => (c.sessionId ? [c.sessionId] : [])));
        for (const sessionId of sessions) authentication.touch!(sessionId);
      }, TOUCH_EVERY_MS)
    : null;
  keepAlive?.unref();
  const closeRevoked = (ws: WebSocket) => {
    clients.delete(ws);
    inFlight.delete(ws);
    ws.close(SESSION_REVOKED_CLOSE_CODE, 'session revoked');
    setTimeout(() => ws.terminate(), 1_000).unref();
  };
  /** Who the request proves, if that caller may open the console's socket (a technician may not). */
  const acceptedCaller = (req: http.IncomingMessage, url: URL): ConsoleCaller | null => {
    const caller = authentication.caller(req, url);
    return caller && caller.role !== 'technician' ? caller : null;
  };
  const sessionCheck = authentication.isLive
    ? setInterval(() => {
        for (const [ws, caller] of [...clients.entries()]) if (caller.sessionId && !authentication.isLive!(caller.sessionId)) closeRevoked(ws);
      }, CHECK_SESSIONS_EVERY_MS)
    : null;
  sessionCheck?.unref();

  return {
    name: 'console',
    // The console, the wall screen, and (company server) the page that sets a password from a link.
    pages: { '/wallboard': 'index.html', '/mot-de-passe': 'index.html' },
    upgradePath: WS_PATH,
    handle(req, res, url) {
      if (url.pathname === LINK_CHECK_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        // The same question as the upgrade below, answered where the page can read it; nothing else.
        res.writeHead(acceptedCaller(req, url) ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
        return true;
      }
      if (options.documents && serveDocumentDownload(req, res, url, { documents: options.documents, caller: acceptedCaller, logger })) return true;
      return authentication.handle?.(req, res, url) ?? false;
    },
    upgrade({ req, socket, head, url, refuse }) {
      const caller = acceptedCaller(req, url);
      if (!caller) return refuse(401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => {
        clients.set(ws, caller);
        inFlight.set(ws, 0);
        send(ws, { t: 'hello', access: caller.role });
        ws.on('message', (data, isBinary) => void onMessage(ws, caller, data, isBinary));
        const forget = () => {
          clients.delete(ws);
          inFlight.delete(ws);
        };
        ws.on('close', forget);
        ws.on('error', forget);
      });
    },
    close() {
      unsubscribe();
      stopRevocations?.();
      if (keepAlive) clearInterval(keepAlive);
      if (sessionCheck) clearInterval(sessionCheck);
      for (const ws of clients.keys()) ws.terminate();
      wss.close();
    },
  };
}
