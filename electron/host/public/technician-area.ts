/**
 * The technicians' app on the public surface (`/technicien/`): an installable web app for phones
 * (renderer/technicien.html, its service worker and manifest) and the small JSON API it syncs with.
 *
 *   GET  /technicien/                      the app's shell (the service worker keeps it offline)
 *   GET  /technicien/sw.js                 the service worker, with the list of files to keep
 *   GET  /technicien/manifest.webmanifest  GET /technicien/icones/:taille   « Ajouter à l’écran d’accueil »
 *   GET  /technicien/assets/:file          the app's built files only (never the console's)
 *   GET  /technicien/api/jeton             CSRF tokens for the app's posts (and the form cookie)
 *   POST /technicien/api/connexion         account and password → the phone's session (90 days)
 *   POST /technicien/api/deconnexion       ends this phone's session
 *   GET  /technicien/api/journee           today's and tomorrow's visits, in route order
 *   GET  /technicien/api/interventions/:id one of his visits
 *   POST /technicien/api/actions           a batch of actions made offline, each applied once
 *
 * The session cookie is HttpOnly, SameSite=Strict, Secure on https, Path=/technicien. Every post
 * passes the surface's CSRF checks (Origin, and a signed token bound to its path in the
 * X-CSRF-Token header: the app is a script). Sign-in is limited per client address and per login
 * beyond the surface's and the accounts area's own limits. Another technician's visit answers the
 * same 404 as a visit that does not exist, and a batch naming one applies nothing.
 */
import type { PublicArea } from './public-areas';
import type { PublicReply, PublicRequest } from './public-routes';
import { readCookies } from './form-protection';
import { RateLimiter, type RateRule } from './rate-limiter';
import { appIcon } from './app-icon';
import { contentTypeOf, readBuiltApp, type BuiltApp } from './app-assets';
import { ServiceError } from '../../contract/envelope';
import { PhoneActions, PhoneSignIn, TECHNICIAN_API, TECHNICIAN_APP_PATH } from '../../contract/technician-phone';
import { DEVICE_SESSION_DAYS, type TechnicianIdentity } from '../../services/technician/technician-sessions';

export const TECHNICIAN_SESSION_COOKIE = 'accueil_technicien';
export const TECHNICIAN_APP_HTML = 'technicien.html';
export const TECHNICIAN_WORKER_FILE = 'technicien-sw.js';

/** Sign-in attempts: per client address (a script is slowed), per login (a password is not guessed). */
export const TECHNICIAN_SIGN_IN_LIMITS: Record<'client' | 'login', RateRule> = {
  client: { burst: 10, perMinute: 1 },
  login: { burst: 5, perMinute: 5 / 15 },
};

/** One request of the queue: a photo downscaled on the phone is ~300 KB, a camera's original up to 8 MB (base64: ×4/3). */
export const ACTIONS_BODY_LIMIT = 12 * 1024 * 1024;

/** The app's own policy: the surface's, with photos shown from the phone's memory (blob:) before they are sent. */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ICON_SIZES = [192, 512] as const;

function sessionCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return `${TECHNICIAN_SESSION_COOKIE}=${value}; Path=/technicien; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}; Max-Age=${maxAgeSeconds}`;
}

function readJson(request: PublicRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export const technicianPublicArea: PublicArea = {
  name: 'technician',
  register(routes, { port, logger, assetsDir }) {
    const limits = new RateLimiter(TECHNICIAN_SIGN_IN_LIMITS);
    const icons = new Map(ICON_SIZES.map((size) => [`${size}.png`, appIcon(size)]));
    let built: BuiltApp | null | undefined;
    /** Read once, at the first request (the build is there by then, or the app answers 503). */
    const app = (): BuiltApp | null => {
      if (built === undefined || built === null) built = assetsDir ? readBuiltApp(assetsDir, TECHNICIAN_APP_HTML, TECHNICIAN_WORKER_FILE) : null;
      return built;
    };
    const unavailable = (reply: PublicReply) => {
      reply.header('Retry-After', '60');
      reply.text(503, 'L’application des techniciens n’est pas construite sur ce serveur (npm run build:web).');
    };

    const identityOf = (request: PublicRequest): TechnicianIdentity | null => {
      const token = readCookies(request.headers.cookie).get(TECHNICIAN_SESSION_COOKIE);
      return token ? port('technicianSessions').authenticate(token) : null;
    };
    /** A call of the signed-in technician; without a live session: 401 (the app shows its sign-in). */
    const signedIn = (handler: (request: PublicRequest, reply: PublicReply, who: TechnicianIdentity) => void | Promise<void>) => async (request: PublicRequest, reply: PublicReply) => {
      reply.header('Cache-Control', 'no-store');
      const who = identityOf(request);
      if (!who) return reply.json(401, { error: 'signed_out' });
      await handler(request, reply, who);
    };

    routes.get('/technicien', (_request, reply) => reply.redirect(TECHNICIAN_APP_PATH));

    routes.get(
      TECHNICIAN_APP_PATH,
      (_request, reply) => {
        const built = app();
        if (!built) return unavailable(reply);
        reply.header('Content-Security-Policy', APP_CSP);
        reply.header('Cache-Control', 'no-cache');
        reply.bytes(200, 'text/html; charset=utf-8', built.shell);
      },
      { rateLimit: 'app' },
    );

    routes.get(
      '/technicien/sw.js',
      (_request, reply) => {
        const built = app();
        if (!built?.worker) return unavailable(reply);
        const precache = [TECHNICIAN_APP_PATH, '/technicien/manifest.webmanifest', ...[...icons.keys()].map((f) => `/technicien/icones/${f}`), ...[...built.assets.keys()].map((f) => `/technicien/assets/${f}`)];
        // The list and the version first: a new build changes these bytes, so phones update the worker.
        const head = `self.__ACCUEIL_APP__ = ${JSON.stringify({ version: built.version, precache })};\n`;
        reply.header('Cache-Control', 'no-cache');
        reply.header('Content-Security-Policy', APP_CSP);
        reply.bytes(200, 'text/javascript; charset=utf-8', Buffer.concat([Buffer.from(head), built.worker]));
      },
      { rateLimit: 'app' },
    );

    routes.get(
      '/technicien/manifest.webmanifest',
      (_request, reply) => {
        reply.header('Cache-Control', 'no-cache');
        reply.bytes(
          200,
          'application/manifest+json; charset=utf-8',
          Buffer.from(
            JSON.stringify({
              name: 'Accueil — Tournée des techniciens',
              short_name: 'Tournée',
              description: 'Les interventions du jour et du lendemain, rapports et signatures, même sans réseau.',
              lang: 'fr',
              start_url: TECHNICIAN_APP_PATH,
              scope: TECHNICIAN_APP_PATH,
              display: 'standalone',
              orientation: 'portrait',
              background_color: '#ffffff',
              theme_color: '#1d4ed8',
              icons: ICON_SIZES.map((size) => ({ src: `/technicien/icones/${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any maskable' })),
            }),
          ),
        );
      },
      { rateLimit: 'app' },
    );

    routes.get(
      '/technicien/icones/:taille',
      (request, reply) => {
        const icon = icons.get(request.params['taille']!);
        if (!icon) return reply.json(404, { error: 'not_found' });
        reply.header('Cache-Control', 'public, max-age=86400');
        reply.bytes(200, 'image/png', icon);
      },
      { rateLimit: 'app' },
    );

    routes.get(
      '/technicien/assets/:file',
      (request, reply) => {
        const built = app();
        if (!built) return unavailable(reply);
        const name = request.params['file']!;
        const bytes = built.assets.get(name);
        if (!bytes) return reply.json(404, { error: 'not_found' });
        // Hashed names: a file never changes under its name.
        reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        reply.bytes(200, contentTypeOf(name), bytes);
      },
      { rateLimit: 'app' },
    );

    routes.get(
      TECHNICIAN_API.token,
      (request, reply) => {
        reply.header('Cache-Control', 'no-store');
        const who = identityOf(request);
        reply.json(200, {
          signedIn: who !== null,
          name: who?.name ?? null,
          tokens: { signIn: reply.csrfToken(TECHNICIAN_API.signIn), signOut: reply.csrfToken(TECHNICIAN_API.signOut), actions: reply.csrfToken(TECHNICIAN_API.actions) },
        });
      },
      { rateLimit: 'app' },
    );

    routes.post(
      TECHNICIAN_API.signIn,
      async (request, reply) => {
        reply.header('Cache-Control', 'no-store');
        const parsed = PhoneSignIn.safeParse(readJson(request));
        if (!parsed.success) return reply.json(400, { error: 'bad_request' });
        const { login, password } = parsed.data;
        for (const [kind, key] of [['client', request.clientIp], ['login', login.toLowerCase()]] as const) {
          const decision = limits.take(kind, key);
          if (!decision.allowed) {
            logger.warn('technician sign-in limited', { ip: request.clientIp, by: kind });
            reply.header('Retry-After', String(decision.retryAfterSeconds));
            return reply.json(429, { error: 'too_many', retryAfterSeconds: decision.retryAfterSeconds });
          }
        }
        const agent = request.headers['user-agent'];
        try {
          const { token, identity } = await port('technicianSessions').signIn(login, password, { ip: request.clientIp, userAgent: typeof agent === 'string' ? agent : null });
          reply.header('Set-Cookie', sessionCookie(token, request.secure, DEVICE_SESSION_DAYS * 86_400));
          logger.info('technician phone signed in', { technician: identity.technicianId, ip: request.clientIp });
          reply.json(200, { name: identity.name });
        } catch (error) {
          if (!(error instanceof ServiceError)) throw error;
          if (error.reason === 'account.login_throttled') {
            const seconds = Number(error.params['seconds'] ?? 60);
            reply.header('Retry-After', String(seconds));
            return reply.json(429, { error: 'too_many', retryAfterSeconds: seconds });
          }
          logger.info('technician sign-in refused', { ip: request.clientIp, reason: error.reason });
          reply.json(error.reason === 'technician.not_a_technician' ? 403 : 401, { error: error.reason });
        }
      },
      { csrf: true, maxBodyBytes: 4_096 },
    );

    routes.post(
      TECHNICIAN_API.signOut,
      (request, reply) => {
        const token = readCookies(request.headers.cookie).get(TECHNICIAN_SESSION_COOKIE);
        if (token) port('technicianSessions').signOut(token);
        reply.header('Set-Cookie', sessionCookie('', request.secure, 0));
        reply.json(200, { signedOut: true });
      },
      { csrf: true, maxBodyBytes: 1_024 },
    );

    routes.get(
      TECHNICIAN_API.days,
      signedIn((_request, reply, who) => reply.json(200, port('technicianRound').days(who.technicianId, who.name))),
      { rateLimit: 'app' },
    );

    routes.get(
      '/technicien/api/interventions/:id',
      signedIn((request, reply, who) => {
        const job = port('technicianRound').job(who.technicianId, request.params['id']!);
        if (!job) return reply.json(404, { error: 'technician.not_found' });
        reply.json(200, job);
      }),
      { rateLimit: 'app' },
    );

    routes.post(
      TECHNICIAN_API.actions,
      signedIn(async (request, reply, who) => {
        const parsed = PhoneActions.safeParse(readJson(request));
        if (!parsed.success) return reply.json(400, { error: 'bad_request' });
        const results = await port('technicianPhone').apply(who, parsed.data.actions);
        if (results === null) {
          logger.warn('technician batch names a visit not his', { technician: who.technicianId, ip: request.clientIp });
          return reply.json(404, { error: 'technician.not_found' });
        }
        reply.json(200, { results });
      }),
      { csrf: true, rateLimit: 'app', maxBodyBytes: ACTIONS_BODY_LIMIT },
    );
  },
};
