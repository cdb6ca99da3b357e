/**
 * CSRF protection for the public surface's HTML forms (a survey answer, a quote accepted, a slot
 * booked): another site must not be able to make a customer's browser post them.
 *
 * Three checks, each enough against a different mistake:
 *  - the cookie is SameSite=Strict: a post started from another site carries none;
 *  - double submit, signed: the page sets a random cookie and puts in the form a token that is an
 *    HMAC of (that cookie, the form's action, when it was issued) with a server key. A post must
 *    bring both and they must match: a token copied from another visitor's page (another cookie),
 *    from another form, or made up is refused; tokens last FORM_TOKEN_HOURS;
 *  - the Origin of the post (or, without one, its Referer) is this server as published.
 *
 * The key is kept in the secret store (`forms.csrf-key`) so a restart does not void the forms
 * customers have open.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { SecretStore } from '../../services/settings/secret-store';

export const CSRF_COOKIE = 'accueil_formulaire';
/** The hidden field of a form, or the header of a script's post. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const FORM_TOKEN_HOURS = 24;
const CSRF_KEY_SECRET = 'forms.csrf-key';
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
const TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

export type FormCheck = 'ok' | 'missing' | 'forged' | 'expired';

/** The key of the form tokens, made once and kept in the secret store. */
export function formKey(secrets: SecretStore): Buffer {
  const stored = secrets.get(CSRF_KEY_SECRET);
  if (stored !== null && Buffer.from(stored, 'base64url').length >= 32) return Buffer.from(stored, 'base64url');
  const key = randomBytes(32);
  secrets.set(CSRF_KEY_SECRET, key.toString('base64url'));
  return key;
}

export class FormProtection {
  private readonly now: () => Date;

  constructor(
    private readonly key: Buffer,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The visitor's cookie when it is one of ours, else a new one to set. */
  cookieFor(existing: string | undefined): { value: string; fresh: boolean } {
    if (existing !== undefined && COOKIE_VALUE.test(existing)) return { value: existing, fresh: false };
    return { value: randomBytes(32).toString('base64url'), fresh: true };
  }

  /** The token of a form posting to `action` (a path), for the visitor holding `cookie`. */
  tokenFor(cookie: string, action: string): string {
    const issued = Math.floor(this.now().getTime() / 1000).toString(36);
    return `${issued}.${this.mac(cookie, action, issued).toString('base64url')}`;
  }

  check(cookie: string | undefined, token: string | undefined, action: string): FormCheck {
    if (!cookie || !token) return 'missing';
    const match = TOKEN.exec(token);
    if (!COOKIE_VALUE.test(cookie) || !match) return 'forged';
    const [, issued, macText] = match as unknown as [string, string, string];
    const expected = this.mac(cookie, action, issued);
    const given = Buffer.from(macText, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    const age = this.now().getTime() - parseInt(issued, 36) * 1000;
    return age >= 0 && age < FORM_TOKEN_HOURS * 3_600_000 ? 'ok' : 'expired';
  }

  private mac(cookie: string, action: string, issued: string): Buffer {
    return createHmac('sha256', this.key).update(`accueil-form/1\n${cookie}\n${action}\n${issued}`).digest();
  }
}

/** The Set-Cookie value: the visitor's page only, never sent by another site's page or post. */
export function formCookie(value: string, secure: boolean): string {
  return `${CSRF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}; Max-Age=${FORM_TOKEN_HOURS * 3600}`;
}

export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    // The first of a name wins, as browsers send the most specific cookie first.
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * Whether a post comes from one of `origins` (the published https origin, the address it was
 * sent to): its Origin header, or its Referer when a browser sent no Origin. Neither, or `null`
 * (a sandboxed frame, a redirect through another site, a page with Referrer-Policy no-referrer),
 * is refused.
 */
export function postFromOrigins(headers: http.IncomingHttpHeaders, origins: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin !== undefined) return origins.includes(origin.toLowerCase());
  const referer = headers.referer;
  if (referer === undefined) return false;
  try {
    return origins.includes(new URL(referer).origin.toLowerCase());
  } catch {
    return false;
  }
}
