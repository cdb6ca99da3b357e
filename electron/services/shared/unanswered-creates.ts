/**
 * Creates sent to HubSpot that must never be sent twice (a file upload, a note, a communication):
 * one that got no answer at all (connection cut, timeout) may have been applied. It is thrown as
 * `NoAnswer` in place of the network error, so that the gateway does not send it again on its own
 * (its retries suit reads and upserts); the gateway hands it on as an internal failure, which the
 * queue's classifier (`classify` here) knows by the mark left: the job stays in flight, with its
 * outcome unknown, and is looked up in HubSpot before anything is sent again.
 */
import type { HubSpotError } from '../crm/hubspot-client';
import type { JobFailure } from '../jobs/job-queue';

export class NoAnswer extends Error {
  constructor(detail: string) {
    super(`HubSpot n’a pas répondu (${detail}) : vérification avant un nouvel envoi`);
    this.name = 'NoAnswer';
  }
}

const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ECANCELED', 'UND_ERR_SOCKET']);

/** True when the request got no answer at all (as opposed to an answer saying no). */
export function noAnswer(error: unknown): boolean {
  for (let e = error as { name?: unknown; type?: unknown; code?: unknown; cause?: unknown } | null, depth = 0; e && typeof e === 'object' && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) return true;
    if (e.name === 'FetchError' && (e.type === 'system' || e.type === 'request-timeout' || e.type === 'body-timeout')) return true;
    if (e.name === 'AbortError') return true;
  }
  return false;
}

/** What a gateway call failed with (the gateway throws HubSpotErrors already classified). */
export function hubSpotFailure(error: unknown): Pick<HubSpotError, 'kind' | 'status' | 'retryAfterMs' | 'message'> {
  if (error instanceof NoAnswer) return { kind: 'network', status: null, retryAfterMs: null, message: error.message };
  const e = error as Partial<HubSpotError> | null;
  if (e && typeof e === 'object' && typeof e.kind === 'string') return { kind: e.kind, status: e.status ?? null, retryAfterMs: e.retryAfterMs ?? null, message: String(e.message) };
  return { kind: 'internal', status: null, retryAfterMs: null, message: String((error as Error)?.message ?? error) };
}

/** One push's creates and its queue's classifier, sharing the mark of the create left unanswered. */
export class UnansweredCreates {
  private unanswered: NoAnswer | null = null;

  /** Runs a create; no answer at all becomes NoAnswer (and is marked for `classify`). */
  async run<T>(create: () => Promise<T>): Promise<T> {
    try {
      return await create();
    } catch (error) {
      if (!noAnswer(error)) throw error;
      this.unanswered = new NoAnswer(String((error as Error)?.message ?? error).slice(0, 120));
      throw this.unanswered;
    }
  }

  /** A new job starts: nothing of the previous one is left unanswered. */
  reset(): void {
    this.unanswered = null;
  }

  /** The queue's classifier: the mark is read once. */
  classify(error: unknown): JobFailure {
    const unanswered = this.unanswered;
    this.unanswered = null;
    const e = hubSpotFailure(unanswered ?? error);
    return {
      message: e.message,
      kind: e.kind,
      status: e.status,
      retryAfterMs: e.retryAfterMs,
      outcomeUnknown: e.kind === 'network' || e.kind === 'server',
      endsPass: e.kind === 'auth' || e.kind === 'network' || e.kind === 'daily_limit',
      waitsForPerson: e.kind === 'auth',
    };
  }
}
