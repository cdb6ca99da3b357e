/**
 * The renderer's side of the contract: one typed `invoke` and `on`, whatever the transport below.
 * A transport only moves envelopes and events; this file turns error envelopes into exceptions.
 */
import type { CallInput, CallName, CallOutput } from './calls';
import { ContractCallError, type Envelope } from './envelope';
import type { EventName, EventPayload } from './events';

export interface Transport {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, handler: (payload: unknown) => void): () => void;
}

export interface ContractClient {
  invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

export function createContractClient(transport: Transport): ContractClient {
  return {
    async invoke(name, input) {
      const envelope = await transport.invoke(name, input);
      if (!envelope.ok) throw new ContractCallError(envelope.error.code, envelope.error.message);
      return envelope.value as never;
    },
    on(event, handler) {
      // Payloads were validated by the services before they left; the renderer trusts the shape.
      return transport.on(event, handler as (payload: unknown) => void);
    },
  };
}
