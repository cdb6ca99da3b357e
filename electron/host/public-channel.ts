/**
 * The company server's public surface: what customers, technicians' phones and gateways reach
 * through the reverse proxy. It is its own HTTP core on its own port, with this one channel, and
 * serves only its route table (host/public/public-routes.ts): `GET /sante`, `GET /confidentialite`,
 * its stylesheet, and what later areas register (surveys, the portal, webhooks). Nothing of the
 * agent's contract is there: no WebSocket (the core refuses every upgrade: this channel has none),
 * no console page (the core serves no renderer), a French 404 for every other path.
 *
 * Every request, whatever its route, goes through the same gate, in this order:
 *   Host check (the core: 421)  → method (405)  → route (404)  → rate limit per address (429)
 *   → for a post: Origin (403, forms) → body limit (413) → CSRF token (403, forms)  → handler
 * and every answer carries the strict headers of security-headers.ts.
 */
import type http from 'node:http';
import type { Logger } from '../services/log';
import type { SecretStore } from '../services/settings/secret-store';
import { createLinkSigner, type LinkSigner } from '../services/shared/signed-links';
import { startHttpCore, type HostChannel, type HttpCoreOptions } from './http-core';
import { clientAddress, trustedProxySet } from './public/client-address';
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, FormProtection, formCookie, formKey, postFromOrigins, readCookies } from './public/form-protection';
import { errorPages, renderPage, STYLESHEET, STYLESHEET_PATH, type PublicPage, type SafeHtml, html } from './public/public-page';
import { privacyPage, type PrivacyNotice } from './public/privacy-page';
import { RateLimiter, type RateRule } from './public/rate-limiter';
import { BodyTooLargeError, FORM_BODY_LIMIT, isFormBody, readBody } from './public/request-body';
import { multipartBoundary, parseMultipart, type UploadedFile } from './public/multipart-body';
import { RouteTable, type PublicReply, type PublicRequest, type PublicRoutes, type PublicRoute } from './public/public-routes';
import { publicHeaders } from './public/security-headers';
import { PUBLIC_AREAS, type PublicAreaContext } from './public/public-areas';

export type { PublicRoutes, PublicRequest, PublicReply, PublicHandler, RateClass } from './public/public-routes';
export type { PrivacyNotice } from './public/privacy-page';

/**
 * Per address. `page`: reading (a customer opens a link, reloads, follows the portal's pages);
 * `form`: posting (an answer, a signature; a person posts a few a minute); `webhook`: a gateway
 * (WhatsApp, SMS delivery receipts) sending bursts of statuses.
 */
export const DEFAULT_RATE_LIMITS: Record<'page' | 'form' | 'webhook' | 'app', RateRule> = {
  page: { burst: 60, perMinute: 120 },
  form: { burst: 10, perMinute: 10 },
  webhook: { burst: 200, perMinute: 1200 },
  // An installed app of a signed-in person (the technicians'): its files, and a queue replayed after a day offline.
  app: { burst: 200, perMinute: 600 },
};

/** Slow clients: a public listener cannot wait minutes for headers, as Node would by default. */
export const PUBLIC_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkEveryMs: 2_000 };

export interface PublicChannelOptions {
  logger: Logger;
  /** As the reverse proxy publishes it (https://accueil.example.fr): origin of forms, HSTS. */
  publicUrl: string;
  /** Whose X-Forwarded-For is believed (server-config.ts `trustedProxies`). */
  trustedProxies: readonly string[];
  /** This listener serves TLS itself (the address forms are posted to is then https). */
  tls?: boolean;
  /** The data folder's secret store: the keys of signed links and form tokens. */
  secrets: SecretStore;
  version: string;
  privacy?: PrivacyNotice;
  /** The running services: each area's public routes (host/public/*-area.ts) are registered with them. */
  services?: Pick<PublicAreaContext, 'port'>;
  rateLimits?: Partial<Record<string, RateRule>>;
  /** Default FORM_BODY_LIMIT. */
  maxBodyBytes?: number;
  /** The built renderer (out/renderer), for the areas serving an app (the technicians' at /technicien/). */
  assetsDir?: string | null;
  /** Tests. */
  now?: () => Date;
}

export interface PublicChannel extends HostChannel {
  routes: PublicRoutes;
  links: LinkSigner;
}

export function publicChannel(options: PublicChannelOptions): PublicChannel {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now().getTime();
  const published = new URL(options.publicUrl);
  const hsts = published.protocol === 'https:';
  const headers = publicHeaders({ hsts });
  const trusted = trustedProxySet(options.trustedProxies);
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...(options.rateLimits as Record<string, RateRule> | undefined) }, { now: () => now().getTime() });
  const forms = new FormProtection(formKey(options.secrets), { now });
  const links = createLinkSigner(options.secrets, { now });
  const routes = new RouteTable((name) => limiter.has(name), options.maxBodyBytes ?? FORM_BODY_LIMIT);

  routes.get('/sante', (_request, reply) => {
    // For the proxy's and the monitoring's checks: alive and which version. Nothing else.
    reply.json(200, { status: 'ok', version: options.version, uptimeSeconds: Math.floor((now().getTime() - startedAt) / 1000) });
  });
  routes.get('/confidentialite', (_request, reply) => reply.page(200, privacyPage(options.privacy)));
  routes.get(STYLESHEET_PATH, (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=3600');
    reply.header('Content-Type', 'text/css; charset=utf-8');
    reply.text(200, STYLESHEET);
  });

  if (options.services) {
    for (const area of PUBLIC_AREAS) area.register(routes, { port: options.services.port, links, logger: logger.child(area.name), assetsDir: options.assetsDir ?? null });
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const clientIp = clientAddress(req, trusted);
    const pending: Record<string, string | string[]> = { ...headers };
    const send = (status: number, contentType: string, body: string | Buffer) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'Content-Type': contentType, ...pending });
      res.end(body);
    };
    const sendPage = (status: number, page: PublicPage) => send(status, 'text/html; charset=utf-8', renderPage(page));

    const method = req.method === 'GET' || req.method === 'HEAD' || req.method === 'POST' ? req.method : null;
    const found = method === null ? null : routes.find(method === 'POST' ? 'POST' : 'GET', url.pathname);
    const route: PublicRoute | null = found !== null && found !== 'methodless' ? found.route : null;
    // Limited before anything else is looked at: a 404, a 405 and a refused form cost a token too.
    const rateClass = route?.rateLimit ?? (method === 'POST' ? 'form' : 'page');
    const decision = limiter.take(rateClass, clientIp);
    if (!decision.allowed) {
      pending['Retry-After'] = String(decision.retryAfterSeconds);
      logger.debug('public request limited', { path: url.pathname, rateClass });
      return sendPage(429, errorPages.tooMany(decision.retryAfterSeconds));
    }
    if (method === null) {
      pending['Allow'] = 'GET, HEAD, POST';
      return sendPage(405, errorPages.methodNotAllowed());
    }
    if (found === 'methodless') {
      pending['Allow'] = routes.methodsOf(url.pathname).flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ');
      return sendPage(405, errorPages.methodNotAllowed());
    }
    if (found === null || route === null) return sendPage(404, errorPages.notFound());

    const cookies = readCookies(req.headers.cookie);
    let body: Buffer = Buffer.alloc(0);
    let form = new URLSearchParams();
    let files: UploadedFile[] = [];
    if (method === 'POST') {
      if (route.csrf && !postFromOrigins(req.headers, allowedOrigins(req))) {
        logger.warn('public form refused: foreign origin', { path: url.pathname, origin: req.headers.origin ?? null });
        pending['Connection'] = 'close';
        return sendPage(403, errorPages.formRefused());
      }
      try {
        body = await readBody(req, route.maxBodyBytes ?? FORM_BODY_LIMIT);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        pending['Connection'] = 'close';
        return sendPage(413, errorPages.tooLarge());
      }
      if (isFormBody(req)) form = new URLSearchParams(body.toString('utf8'));
      const boundary = multipartBoundary(req.headers['content-type']);
      if (boundary !== null) {
        const parsed = parseMultipart(body, boundary);
        if (!parsed) {
          logger.warn('public form refused: unreadable multipart body', { path: url.pathname });
          return sendPage(400, errorPages.formRefused());
        }
        ({ fields: form, files } = parsed);
      }
      if (route.csrf) {
        const header = req.headers[CSRF_HEADER];
        const token = form.get(CSRF_FIELD) ?? (typeof header === 'string' ? header : undefined);
        const check = forms.check(cookies.get(CSRF_COOKIE), token, url.pathname);
        if (check !== 'ok') {
          logger.warn('public form refused: form token', { path: url.pathname, check });
          return sendPage(403, errorPages.formRefused());
        }
      }
    }

    const csrfToken = (action: string): string => {
      const cookie = forms.cookieFor(cookies.get(CSRF_COOKIE));
      if (cookie.fresh) {
        pending['Set-Cookie'] = formCookie(cookie.value, reachedOverHttps(req));
        cookies.set(CSRF_COOKIE, cookie.value);
      }
      return forms.tokenFor(cookie.value, action);
    };
    const request: PublicRequest = {
      method,
      url,
      path: url.pathname,
      params: found.params,
      query: url.searchParams,
      headers: req.headers,
      clientIp,
      body,
      form,
      files,
      now: now(),
      secure: reachedOverHttps(req),
    };
    const reply: PublicReply = {
      page: sendPage,
      json: (status, value) => send(status, 'application/json; charset=utf-8', JSON.stringify(value)),
      // A Content-Type set with header() wins (send spreads `pending` last).
      text: (status, text) => send(status, 'text/plain; charset=utf-8', text),
      bytes: (status, contentType, body) => send(status, contentType, body),
      redirect: (path) => {
        if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`Public redirect to « ${path} »: a path of this surface only`);
        pending['Location'] = path;
        send(303, 'text/plain; charset=utf-8', '');
      },
      csrfField: (action = url.pathname): SafeHtml => html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(action)}">`,
      csrfToken: (action) => csrfToken(action),
      header: (name, value) => {
        pending[name] = value;
      },
    };
    await route.handler(request, reply);
    if (!res.headersSent) {
      logger.error('public route answered nothing', { route: `${route.method} ${route.path}` });
      sendPage(500, errorPages.failed());
    }
  }

  /**
   * Where a form of this surface is legitimately posted from: its published origin (https), or,
   * reached under another name (loopback, by IT or a test), that name as addressed (the core has
   * checked the Host). Under its published name, plain http is not this surface.
   */
  function allowedOrigins(req: http.IncomingMessage): string[] {
    const host = (req.headers.host ?? '').toLowerCase();
    const origins = [published.origin.toLowerCase()];
    if (host !== published.host.toLowerCase()) origins.push(`${options.tls ? 'https' : 'http'}://${host}`);
    return origins;
  }

  /** The browser is on https: this listener serves TLS, or it is reached by its published https name. */
  function reachedOverHttps(req: http.IncomingMessage): boolean {
    return Boolean(options.tls) || (hsts && (req.headers.host ?? '').toLowerCase() === published.host.toLowerCase());
  }

  return {
    name: 'public',
    routes,
    links,
    handle(req, res, url) {
      serve(req, res, url).catch((error: unknown) => {
        logger.error('public route failed', { path: url.pathname, error });
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(renderPage(errorPages.failed()));
        } else {
          res.destroy();
        }
      });
      // Every path is this channel's: there is nothing else on the public listener.
      return true;
    },
  };
}

export interface PublicSurfaceOptions extends Omit<PublicChannelOptions, 'tls'> {
  /** Listen address and port (server-config.ts `publicListen`); port 0 picks a free one (tests). */
  host: string;
  port: number;
  tls?: { cert: string; key: string };
  /** Default PUBLIC_TIMEOUTS. */
  timeouts?: HttpCoreOptions['timeouts'];
}

export interface PublicSurface {
  /** Where this listener is reached directly (the proxy's upstream). */
  url: string;
  port: number;
  publicUrl: string;
  routes: PublicRoutes;
  links: LinkSigner;
  close(): Promise<void>;
}

/** Starts the public listener: its own core, with the published name as the one Host accepted besides loopback. */
export async function startPublicSurface(options: PublicSurfaceOptions): Promise<PublicSurface> {
  const { host, port, tls, timeouts, ...channelOptions } = options;
  const channel = publicChannel({ ...channelOptions, ...(tls ? { tls: true } : {}) });
  const core = await startHttpCore({
    logger: options.logger,
    staticDir: null,
    host,
    port,
    allowedHosts: [new URL(options.publicUrl).host],
    ...(tls ? { tls } : {}),
    timeouts: timeouts ?? PUBLIC_TIMEOUTS,
    channels: [channel],
  });
  return {
    url: core.origin,
    port: core.port,
    publicUrl: new URL(options.publicUrl).origin,
    routes: channel.routes,
    links: channel.links,
    close: () => core.close(),
  };
}
