/**
 * How people log in on the company server's staff surface. Scripts: `POST /api/session
 * {"login","password"}` → `{ token }`, then the WebSocket with `?session=TOKEN` or
 * `Authorization: Bearer TOKEN`. Browsers: the same POST sets an HttpOnly, SameSite=Strict cookie
 * (Secure whenever the page is https or on this machine) that the WebSocket upgrade carries.
 *
 * Cross-site requests: the login and logout routes accept JSON only (a form on another site
 * cannot send it without a CORS preflight, which is never granted), and an Origin, when the browser
 * sends one, must be this server's. Bodies are capped. Wrong passwords are slowed by the accounts
 * area's throttle (429 with Retry-After), never locked out.
 */
import type http from 'node:http';
import { ServiceError, type ErrorCode } from '../contract/envelope';
import type { AccountsService, AuthenticatedSession } from '../services/accounts/accounts-service';
import type { Logger } from '../services/log';
import type { ConsoleAuthentication, ConsoleCaller } from './console-channel';
import { canonicalIp, clientAddress, trustedProxySet } from './public/client-address';

export const SESSION_COOKIE = 'accueil_session';

class BodyTooLarge extends Error {}
const MAX_BODY_BYTES = 8 * 1024;

const STATUS_OF: Partial<Record<ErrorCode, number>> = { bad_request: 400, forbidden: 401, not_found: 404, conflict: 409, unavailable: 429 };

export interface SessionAuthenticationOptions {
  accounts: AccountsService;
  logger: Logger;
  /** Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustedProxies?: readonly string[];
  /** The staff surface is served over TLS itself. */
  tls?: boolean;
}

function cookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

function bearer(req: http.IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
  return match?.[1] ?? null;
}

export function sessionAuthentication(options: SessionAuthenticationOptions): ConsoleAuthentication {
  const { accounts, logger } = options;
  const trusted = trustedProxySet(options.trustedProxies ?? []);

  const callerOf = (session: AuthenticatedSession): ConsoleCaller => ({
    role: session.account.role,
    account: { id: session.account.id, login: session.account.login, name: session.account.name, sipUser: session.account.sipUser },
    sessionId: session.sessionId,
  });
  const sessionOf = (req: http.IncomingMessage, url?: URL): AuthenticatedSession | null => {
    const token = bearer(req) ?? url?.searchParams.get('session') ?? cookie(req, SESSION_COOKIE);
    return token ? accounts.authenticate(token) : null;
  };
  const secureCookie = (req: http.IncomingMessage) => {
    if (options.tls) return true;
    const direct = canonicalIp(req.socket.remoteAddress ?? '');
    if (direct !== null && trusted.has(direct) && String(req.headers['x-forwarded-proto'] ?? '') === 'https') return true;
    // Browsers keep Secure cookies for http://localhost and 127.0.0.1; on a plain-http LAN they would drop them.
    return /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(String(req.headers.host ?? ''));
  };
  const setCookie = (req: http.IncomingMessage, value: string, maxAgeSeconds: number) =>
    `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secureCookie(req) ? '; Secure' : ''}`;

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers }).end(JSON.stringify(body));
  };
  const refuse = (res: http.ServerResponse, error: unknown) => {
    if (error instanceof BodyTooLarge) {
      res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Requête trop longue');
      return;
    }
    if (!(error instanceof ServiceError)) {
      logger.error('session route failed', { error: String(error) });
      return json(res, 500, { error: { code: 'internal', message: 'Erreur interne : voir le journal de l’application.' } });
    }
    const retry: Record<string, string> = error.reason === 'account.login_throttled' ? { 'Retry-After': String(error.params['seconds'] ?? 1) } : {};
    json(res, STATUS_OF[error.code] ?? 400, { error: error.toContractError() }, retry);
  };

  /** A JSON body, refused when too big, not JSON, or sent cross-site. */
  const readJson = (req: http.IncomingMessage): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const origin = req.headers.origin;
      if (origin !== undefined && origin.replace(/^https?:\/\//, '').toLowerCase() !== String(req.headers.host ?? '').toLowerCase()) {
        return reject(new ServiceError('forbidden', { reason: 'contract.origin_refused' }));
      }
      if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) {
        return reject(new ServiceError('bad_request', { reason: 'contract.invalid_input_root', params: { detail: 'JSON attendu (Content-Type: application/json)' } }));
      }
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          // Answered at once (413); the rest is read and dropped, then the connection closes.
          reject(new BodyTooLarge());
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (size > MAX_BODY_BYTES) return;
        try {
          const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
          resolve(value as Record<string, unknown>);
        } catch {
          reject(new ServiceError('bad_request', { reason: 'contract.invalid_input_root', params: { detail: 'JSON illisible' } }));
        }
      });
      req.on('error', reject);
    });
  const text = (value: unknown) => (typeof value === 'string' ? value : '');

  async function route(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const ip = clientAddress(req, trusted);
    try {
      if (url.pathname === '/api/session' && req.method === 'POST') {
        const body = await readJson(req);
        const { token, session } = await accounts.login(text(body['login']), text(body['password']), { ip, userAgent: req.headers['user-agent'] ?? null });
        const maxAge = Math.max(0, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
        return json(res, 200, { token, account: session.account, expiresAt: session.expiresAt }, { 'Set-Cookie': setCookie(req, token, maxAge) });
      }
      if (url.pathname === '/api/session' && req.method === 'GET') {
        const session = sessionOf(req);
        return session ? json(res, 200, { account: session.account, expiresAt: session.expiresAt }) : json(res, 401, { error: new ServiceError('forbidden', { reason: 'account.session_required' }).toContractError() });
      }
      if (url.pathname === '/api/session' && req.method === 'DELETE') {
        const token = bearer(req) ?? cookie(req, SESSION_COOKIE);
        if (token) accounts.logout(token);
        res.writeHead(204, { 'Set-Cookie': setCookie(req, '', 0), 'Cache-Control': 'no-store' }).end();
        return;
      }
      if (url.pathname === '/api/password/owner' && req.method === 'POST') {
        const body = await readJson(req);
        const account = accounts.passwordLinkOwner(text(body['token']));
        return json(res, 200, { login: account.login, name: account.name });
      }
      if (url.pathname === '/api/password' && req.method === 'POST') {
        const body = await readJson(req);
        const account = await accounts.setPassword(text(body['token']), text(body['password']), { ip });
        return json(res, 200, { login: account.login });
      }
      res.writeHead(405, { Allow: 'GET, POST, DELETE' }).end();
    } catch (error) {
      refuse(res, error);
    }
  }

  return {
    caller(req, url) {
      const session = sessionOf(req, url);
      return session ? { ...callerOf(session), ip: clientAddress(req, trusted) } : null;
    },
    onRevoked: (listener) => accounts.onRevoked((revocation) => listener(revocation)),
    touch: (sessionId) => accounts.touch(sessionId),
    isLive: (sessionId) => accounts.sessionIsLive(sessionId),
    handle(req, res, url) {
      if (url.pathname !== '/api/session' && !url.pathname.startsWith('/api/password')) return false;
      void route(req, res, url);
      return true;
    },
  };
}
