/**
 * The company server's session routes (host/session-authentication.ts), for the login and password
 * pages: plain same-origin fetches (the cookie is HttpOnly: the page never sees the session).
 */
import type { ErrorParams } from '../contract';

export type SessionState = 'logged-in' | 'logged-out' | 'standalone';

/** A refusal as the server worded it: its reason for the interface, its French sentence as fallback. */
export interface SessionRefusal {
  reason: string | null;
  params: ErrorParams;
  message: string;
  /** Seconds to wait (429), when the server said so. */
  retryAfter: number | null;
}

export class SessionRouteError extends Error {
  constructor(readonly refusal: SessionRefusal) {
    super(refusal.message);
    this.name = 'SessionRouteError';
  }
}

/** Whether this page is served by the company server, and logged in. */
export async function probeSession(): Promise<SessionState> {
  try {
    const answer = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
    if (answer.status === 200) return 'logged-in';
    if (answer.status === 401) return 'logged-out';
    return 'standalone';
  } catch {
    return 'standalone';
  }
}

async function postJson<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
  const answer = await fetch(path, { method, credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (answer.ok) return (answer.status === 204 ? null : await answer.json()) as T;
  let error: { reason?: unknown; params?: unknown; message?: unknown } = {};
  try {
    error = ((await answer.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // A proxy's page, or nothing: the status says enough.
  }
  const retry = Number(answer.headers.get('retry-after'));
  throw new SessionRouteError({
    reason: typeof error.reason === 'string' ? error.reason : null,
    params: typeof error.params === 'object' && error.params !== null ? (error.params as ErrorParams) : {},
    message: typeof error.message === 'string' ? error.message : `Erreur ${answer.status}`,
    retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
  });
}

export const logIn = (login: string, password: string) => postJson<{ account: { login: string; name: string } }>('/api/session', { login, password });
export const logOut = () => fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' }).then(() => undefined);
export const passwordLinkOwner = (token: string) => postJson<{ login: string; name: string }>('/api/password/owner', { token });
export const choosePassword = (token: string, password: string) => postJson<{ login: string }>('/api/password', { token, password });

/** The one-time link's token, from `#jeton=…` (a fragment never reaches a server's logs). */
export function passwordTokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('jeton');
  return token && token.trim() !== '' ? token.trim() : null;
}
