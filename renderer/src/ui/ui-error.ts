/**
 * Errors as the UI shows them: a transport failure (translated by the UI) or the service's reason
 * (worded by the UI in the user's language; its French sentence when the reason is unknown here).
 * Never a stack trace.
 */
import { ContractCallError, type ErrorCode, type ErrorParams } from '../contract';
import { TransportError } from '../transport/websocket-transport';
import type { TransportFailure } from '../transport/transport-status';

export type UiError =
  | { kind: 'transport'; failure: TransportFailure }
  | { kind: 'service'; code: ErrorCode; message: string; reason?: string; params?: ErrorParams }
  | { kind: 'local'; message: string };

export function toUiError(error: unknown): UiError {
  if (error instanceof TransportError) return { kind: 'transport', failure: error.failure };
  if (error instanceof ContractCallError) {
    const { code, message, reason, params } = error;
    return reason === null ? { kind: 'service', code, message } : { kind: 'service', code, message, reason, params };
  }
  if (error instanceof Error) return { kind: 'local', message: error.message };
  return { kind: 'local', message: String(error) };
}
