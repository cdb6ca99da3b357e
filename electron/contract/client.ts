/**
 * The renderer's side of the contract: one typed `invoke` and `on`, whatever the transport below.
 * A transport only moves envelopes and events; this file turns error envelopes into exceptions.
 */
import type { CallInput, CallName, CallOutput } from './calls';
import { ContractCallError, type ContractError, type Envelope } from './envelope';
import type { ErrorParams } from './error-catalog';
import type { EventName, EventPayload } from './events';

export interface Transport {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, handler: (payload: unknown) => void): () => void;
}

export interface ContractClient {
  invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

/**
 * The error an envelope carries. Its reason and parameters are kept only in the expected shape (a
 * string; text or number values): an older server sends none, and nothing else reaches the UI.
 */
function callError(error: ContractError): ContractCallError {
  const reason = typeof error.reason === 'string' ? error.reason : null;
  const params: Record<string, string | number> = {};
  if (reason && typeof error.params === 'object' && error.params !== null) {
    for (const [name, value] of Object.entries(error.params)) {
      if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    }
  }
  return new ContractCallError(error.code, error.message, reason, params as ErrorParams);
}

export function createContractClient(transport: Transport): ContractClient {
  return {
    async invoke(name, input) {
      const envelope = await transport.invoke(name, input);
      if (!envelope.ok) throw callError(envelope.error);
      return envelope.value as never;
    },
    on(event, handler) {
      // Payloads were validated by the services before they left; the renderer trusts the shape.
      return transport.on(event, handler as (payload: unknown) => void);
    },
  };
}
