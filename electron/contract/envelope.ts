/**
 * Results cross transports as envelopes, never as thrown objects (Signal's wrapResult): a Node
 * Error does not survive structured clone or JSON, and the renderer needs a code to act on.
 */
export type ErrorCode =
  | 'bad_request' // input failed validation
  | 'unknown_call'
  | 'forbidden' // e.g. a read-only (wallboard) connection asked for a write
  | 'not_found'
  | 'conflict'
  | 'unavailable' // a dependency (PBX, CRM) is down; retry later
  | 'internal';

export interface ContractError {
  code: ErrorCode;
  /** A sentence a person can act on, in the user's language where the service knows it. */
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Thrown by services for a failure the user should read; anything else becomes `internal`. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Thrown on the renderer side when an envelope carries an error. */
export class ContractCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractCallError';
  }
}
