/**
 * Results cross transports as envelopes, never as thrown objects (Signal's wrapResult): a Node
 * Error does not survive structured clone or JSON, and the renderer needs a code to act on.
 */
import { errorSentence, reasonAndParams, type ErrorParams, type ErrorReason, type Explanation } from './error-catalog';

export type ErrorCode =
  | 'bad_request' // input failed validation
  | 'unknown_call'
  | 'forbidden' // e.g. a read-only (wallboard) connection asked for a write
  | 'not_found'
  | 'conflict'
  | 'unavailable' // a dependency (PBX, CRM) is down; retry later
  | 'internal';

export interface ContractError {
  /** What the renderer acts on (retry, reload, …). */
  code: ErrorCode;
  /** The French sentence (error-catalog.ts), for the CLI, the logs and clients that do not know `reason`. */
  message: string;
  /**
   * What happened, as a key of error-catalog.ts: the renderer words it in the user's language.
   * Absent from an older server; a reason the renderer does not know falls back to `message`.
   */
  reason?: string;
  /** The sentence's `{name}` values, as text (free text from a server passed through as it came). */
  params?: ErrorParams;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/**
 * Thrown by services for a failure the user should read; anything else becomes `internal`.
 * `new ServiceError('unavailable', { reason: 'smtp.auth_refused', params: { server } })`: the
 * parameters are checked against the reason's sentence; `message` is that sentence in French.
 */
export class ServiceError extends Error {
  readonly reason: ErrorReason;
  readonly params: ErrorParams;

  constructor(
    readonly code: ErrorCode,
    explanation: Explanation,
  ) {
    const { reason, params } = reasonAndParams(explanation);
    super(errorSentence('fr', reason, params));
    this.name = 'ServiceError';
    this.reason = reason;
    this.params = params;
  }

  /** As it crosses a transport. */
  toContractError(): ContractError {
    return { code: this.code, message: this.message, reason: this.reason, params: this.params };
  }
}

/** A ContractError the services produce themselves (the dispatcher's own refusals). */
export function contractError(code: ErrorCode, explanation: Explanation): ContractError {
  return new ServiceError(code, explanation).toContractError();
}

/** Thrown on the renderer side when an envelope carries an error. */
export class ContractCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The service's reason and parameters, when it sent them (see ContractError). */
    readonly reason: string | null = null,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'ContractCallError';
  }
}
