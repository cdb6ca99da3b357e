/**
 * Errors as the UI shows them: a transport failure (translated by the UI) or the service's own
 * sentence (already in the user's language). Never a stack trace.
 */
import { ContractCallError, type ErrorCode } from '../contract';
import { TransportError } from '../transport/websocket-transport';
import type { TransportFailure } from '../transport/transport-status';

export type UiError =
  | { kind: 'transport'; failure: TransportFailure }
  | { kind: 'service'; code: ErrorCode; message: string }
  | { kind: 'local'; message: string };

export function toUiError(error: unknown): UiError {
  if (error instanceof TransportError) return { kind: 'transport', failure: error.failure };
  if (error instanceof ContractCallError) return { kind: 'service', code: error.code, message: error.message };
  if (error instanceof Error) return { kind: 'local', message: error.message };
  return { kind: 'local', message: String(error) };
}
