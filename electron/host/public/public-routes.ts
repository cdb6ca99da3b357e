/**
 * The route table of the public surface. A route is public by construction: whoever registers it
 * (surveys, the customer portal, webhooks) gets the surface's rate limit, body limit and, for a
 * form, its CSRF checks; there is nothing else to reach on that listener.
 *
 *   routes.get('/enquete/:jeton', showSurvey);
 *   routes.post('/enquete/:jeton', saveAnswer, { csrf: true, rateLimit: 'form' });
 *   routes.post('/webhooks/whatsapp', receive, { csrf: false, rateLimit: 'webhook', body: 'raw' });
 *
 * Paths are exact, with `:name` standing for one segment (given decoded in `request.params`); a
 * path may end with `/` (`/portail/`: a section's home), which is then part of it.
 */
import type http from 'node:http';
import type { UploadedFile } from './multipart-body';
import type { PublicPage, SafeHtml } from './public-page';

export type PublicMethod = 'GET' | 'POST';

export interface PublicRequest {
  method: 'GET' | 'HEAD' | 'POST';
  url: URL;
  path: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The client's address (X-Forwarded-For believed from trusted proxies only). */
  clientIp: string;
  /** A post's raw bytes (a webhook checks its signature on them); empty for a GET. */
  body: Buffer;
  /** A form post's fields (application/x-www-form-urlencoded, or the text fields of multipart/form-data); empty otherwise. */
  form: URLSearchParams;
  /** The files of a multipart/form-data post (a form with a file input); empty otherwise. */
  files: readonly UploadedFile[];
  now: Date;
  /** The browser reached this surface over https (a cookie of its own is then `Secure`). */
  secure: boolean;
}

export interface PublicReply {
  /** A full page in the surface's layout. */
  page(status: number, page: PublicPage): void;
  json(status: number, value: unknown): void;
  text(status: number, text: string): void;
  /** Bytes (a download): its type, and headers set with `header()` (Content-Disposition…) win over the surface's. */
  bytes(status: number, contentType: string, body: Buffer): void;
  /** 303 to a path of this surface (after a form: the browser then GETs the result page). */
  redirect(path: string): void;
  /**
   * The hidden field a form needs to be accepted, for a form posting to `action` (default: the
   * path of this page). Sets the form cookie on this answer: call it before `page`.
   */
  csrfField(action?: string): SafeHtml;
  /** The same token for a script's post to `action` (sent back in the X-CSRF-Token header); sets the form cookie too. */
  csrfToken(action: string): string;
  header(name: string, value: string): void;
}

export type PublicHandler = (request: PublicRequest, reply: PublicReply) => void | Promise<void>;

/** A rate class of the surface (see DEFAULT_RATE_LIMITS). */
export type RateClass = 'page' | 'form' | 'webhook' | (string & {});

export interface GetOptions {
  /** Default `page`. */
  rateLimit?: RateClass;
}

export interface PostOptions {
  /** true for an HTML form of this surface; false only for a machine's post (a webhook), said on purpose. */
  csrf: boolean;
  /** Default `form`. */
  rateLimit?: RateClass;
  /** Default FORM_BODY_LIMIT (64 KB); beyond, 413. */
  maxBodyBytes?: number;
}

export interface PublicRoute {
  method: PublicMethod;
  path: string;
  handler: PublicHandler;
  rateLimit: RateClass;
  csrf: boolean;
  maxBodyBytes: number | null;
  match(path: string): Record<string, string> | null;
}

export interface PublicRoutes {
  get(path: string, handler: PublicHandler, options?: GetOptions): void;
  post(path: string, handler: PublicHandler, options: PostOptions): void;
  /** Every route, as `METHOD path` (a test lists them all: nothing becomes public unseen). */
  list(): string[];
}

const SEGMENT = /^(?::[a-zA-Z][a-zA-Z0-9]*|[a-z0-9][a-z0-9._-]*)$/;

export class RouteTable implements PublicRoutes {
  private readonly routes: PublicRoute[] = [];

  constructor(
    private readonly knownRateClass: (name: string) => boolean,
    private readonly defaultBodyLimit: number,
  ) {}

  get(path: string, handler: PublicHandler, options: GetOptions = {}): void {
    this.add('GET', path, handler, options.rateLimit ?? 'page', false, null);
  }

  post(path: string, handler: PublicHandler, options: PostOptions): void {
    this.add('POST', path, handler, options.rateLimit ?? 'form', options.csrf, options.maxBodyBytes ?? this.defaultBodyLimit);
  }

  list(): string[] {
    return this.routes.map((r) => `${r.method} ${r.path}`);
  }

  /** The route for a method and path; `methodless` when the path exists for another method only. */
  find(method: PublicMethod, path: string): { route: PublicRoute; params: Record<string, string> } | 'methodless' | null {
    let otherMethod = false;
    for (const route of this.routes) {
      const params = route.match(path);
      if (params === null) continue;
      if (route.method === method) return { route, params };
      otherMethod = true;
    }
    return otherMethod ? 'methodless' : null;
  }

  /** Methods a path answers (Allow header of a 405). */
  methodsOf(path: string): PublicMethod[] {
    return this.routes.filter((r) => r.match(path) !== null).map((r) => r.method);
  }

  private add(method: PublicMethod, path: string, handler: PublicHandler, rateLimit: RateClass, csrf: boolean, maxBodyBytes: number | null): void {
    const trailing = path.length > 1 && path.endsWith('/');
    const segments = (trailing ? path.slice(0, -1) : path).split('/').slice(1);
    if (!path.startsWith('/') || (path !== '/' && !segments.every((s) => SEGMENT.test(s)))) {
      throw new Error(`Public route « ${path} »: lower-case segments and :params only`);
    }
    if (!this.knownRateClass(rateLimit)) throw new Error(`Public route « ${path} »: unknown rate class « ${rateLimit} »`);
    if (this.routes.some((r) => r.method === method && r.path === path)) throw new Error(`Public route « ${method} ${path} » registered twice`);
    const names = segments.map((s) => (s.startsWith(':') ? s.slice(1) : null));
    const pattern = new RegExp(`^${path === '/' ? '/' : segments.map((s) => (s.startsWith(':') ? '/([^/]+)' : `/${s.replace(/[.]/g, '\\.')}`)).join('')}${trailing ? '/' : ''}$`);
    this.routes.push({
      method,
      path,
      handler,
      rateLimit,
      csrf,
      maxBodyBytes,
      match(candidate) {
        const found = pattern.exec(candidate);
        if (!found) return null;
        const params: Record<string, string> = {};
        let n = 1;
        for (const name of names) {
          if (name === null) continue;
          try {
            params[name] = decodeURIComponent(found[n++]!);
          } catch {
            return null;
          }
        }
        return params;
      },
    });
  }
}
