/**
 * The app's calls to the company server (technician-area.ts on the public surface). Posts carry
 * the CSRF token of their path in X-CSRF-Token (fetched from /technicien/api/jeton, renewed when
 * refused); the session is the HttpOnly cookie. `sendActions` is the queue's Send: it throws when
 * the action must stay queued (no network, signed out, server busy) and answers a refusal only
 * when the server refused that action for good.
 */
import { TECHNICIAN_API, type PhoneActionResult, type TechnicianDays } from '../../../electron/contract/technician-phone';
import type { QueuedAction, SendResult } from './action-queue';

type Tokens = { signIn: string; signOut: string; actions: string };

export class SignedOutError extends Error {
  constructor() {
    super('signed_out');
  }
}

export type SignInResult = { ok: true; name: string } | { ok: false; why: 'refused' | 'not_technician' | 'too_many' | 'offline'; seconds?: number };

export class PhoneApi {
  private tokens: Tokens | null = null;

  /** Whether this phone holds a live session (and fresh tokens); null without network. */
  async session(): Promise<{ signedIn: boolean; name: string | null } | null> {
    try {
      const answer = await fetch(TECHNICIAN_API.token, { credentials: 'same-origin', cache: 'no-store' });
      if (!answer.ok) return null;
      const body = (await answer.json()) as { signedIn: boolean; name: string | null; tokens: Tokens };
      this.tokens = body.tokens;
      return { signedIn: body.signedIn, name: body.name };
    } catch {
      return null;
    }
  }

  async signIn(login: string, password: string): Promise<SignInResult> {
    let answer: Response;
    try {
      if (!this.tokens) await this.session();
      answer = await this.post(TECHNICIAN_API.signIn, 'signIn', { login, password });
    } catch {
      return { ok: false, why: 'offline' };
    }
    if (answer.ok) return { ok: true, name: ((await answer.json()) as { name: string }).name };
    if (answer.status === 429) return { ok: false, why: 'too_many', seconds: Number(answer.headers.get('Retry-After') ?? 60) };
    return { ok: false, why: answer.status === 403 && (await answer.text()).includes('not_a_technician') ? 'not_technician' : 'refused' };
  }

  async signOut(): Promise<void> {
    try {
      if (!this.tokens) await this.session();
      await this.post(TECHNICIAN_API.signOut, 'signOut', {});
    } catch {
      // Offline: the cookie stays; the server ends it at its term or when the office revokes it.
    }
  }

  /** The day's data; throws SignedOutError on 401, another error without network. */
  async days(): Promise<TechnicianDays> {
    const answer = await fetch(TECHNICIAN_API.days, { credentials: 'same-origin', cache: 'no-store' });
    if (answer.status === 401) throw new SignedOutError();
    if (!answer.ok) throw new Error(`journee ${answer.status}`);
    return (await answer.json()) as TechnicianDays;
  }

  readonly sendActions = async (actions: readonly QueuedAction[]): Promise<SendResult[]> => {
    const body = { actions: actions.map((action) => ({ clientId: action.clientId, interventionId: action.interventionId, kind: action.kind, madeAt: action.madeAt, ...(action.payload as object) })) };
    let answer = await this.postAction(body);
    if (answer.status === 403) {
      // The form token expired (a day offline): a fresh one, once.
      await this.session();
      answer = await this.postAction(body);
    }
    if (answer.status === 401) throw new SignedOutError();
    if (answer.status === 404 || answer.status === 400 || answer.status === 413) {
      // Refused whole: one at a time, so only the action at fault is refused (and said so).
      if (actions.length > 1) {
        const results: SendResult[] = [];
        for (const action of actions) results.push(...(await this.sendActions([action])));
        return results;
      }
      const reason = answer.status === 404 ? 'technician.not_found' : answer.status === 413 ? 'documents.too_large' : 'bad_request';
      return [{ ok: false, permanent: true, reason }];
    }
    if (!answer.ok) throw new Error(`actions ${answer.status}`);
    const results = ((await answer.json()) as { results: PhoneActionResult[] }).results;
    if (results.length !== actions.length) throw new Error(`actions: ${results.length} results for ${actions.length}`);
    return results.map((result) => (result.ok ? { ok: true, outcome: result.outcome } : { ok: false, permanent: true, reason: result.reason }));
  };

  private async postAction(body: unknown): Promise<Response> {
    if (!this.tokens) await this.session();
    return this.post(TECHNICIAN_API.actions, 'actions', body);
  }

  private post(path: string, token: keyof Tokens, body: unknown): Promise<Response> {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': this.tokens?.[token] ?? '' },
      body: JSON.stringify(body),
    });
  }
}
