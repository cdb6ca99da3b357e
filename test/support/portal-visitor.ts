/**
 * A customer's browser as the portal tests drive it over HTTP: a cookie jar, its own address (sent
 * in X-Forwarded-For to a surface that trusts the loopback proxy), and the form tokens read from the
 * pages it was served — as a browser without JavaScript would post them.
 */
export interface Answer {
  status: number;
  body: string;
  location: string | null;
  setCookies: string[];
}

export class PortalVisitor {
  readonly cookies = new Map<string, string>();
  last = '';

  constructor(
    readonly origin: string,
    readonly ip: string,
  ) {}

  private keep(response: Response): string[] {
    const set = response.headers.getSetCookie();
    for (const line of set) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return set;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<Answer> {
    const response = await fetch(`${this.origin}${path}`, { headers: { Cookie: this.cookieHeader(), 'X-Forwarded-For': this.ip }, redirect: 'manual' });
    const setCookies = this.keep(response);
    const body = await response.text();
    this.last = body;
    return { status: response.status, body, location: response.headers.get('location'), setCookies };
  }

  /** The form token of the form posting to `action` on the last page served. */
  tokenFor(action: string, page = this.last): string | null {
    const escaped = action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`action="${escaped}"[^>]*>\\s*<input type="hidden" name="_csrf" value="([^"]+)"`).exec(page)?.[1] ?? null;
  }

  /** Posts a form; `token` defaults to the one read from the last page for this action. */
  async post(path: string, fields: Record<string, string>, options: { token?: string | null; origin?: string | null; cookie?: string } = {}): Promise<Answer> {
    const token = options.token === undefined ? this.tokenFor(path) : options.token;
    const body = new URLSearchParams({ ...fields, ...(token ? { _csrf: token } : {}) });
    const headers: Record<string, string> = { Cookie: options.cookie ?? this.cookieHeader(), 'X-Forwarded-For': this.ip, 'Content-Type': 'application/x-www-form-urlencoded' };
    const origin = options.origin === undefined ? this.origin : options.origin;
    if (origin !== null) headers['Origin'] = origin;
    const response = await fetch(`${this.origin}${path}`, { method: 'POST', body, headers, redirect: 'manual' });
    const setCookies = this.keep(response);
    const text = await response.text();
    return { status: response.status, body: text, location: response.headers.get('location'), setCookies };
  }
}
