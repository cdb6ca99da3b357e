/**
 * A ContractClient whose calls are answered by per-test handlers, recording every call made.
 * A handler may return a promise that the test resolves later (to test stale answers).
 */
import type { CallInput, CallName, CallOutput, ContractClient, EventName, EventPayload } from '../../src/contract';
import { ContractCallError } from '../../src/contract';

type Handler<N extends CallName> = (input: CallInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;

export interface FakeClient extends ContractClient {
  calls: Array<{ name: CallName; input: unknown }>;
  handle<N extends CallName>(name: N, handler: Handler<N>): void;
  fail(name: CallName, code: ContractCallError['code'], message: string): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function fakeClient(): FakeClient {
  const handlers = new Map<CallName, (input: unknown) => unknown>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const fake: FakeClient = {
    calls: [],
    handle(name, handler) {
      handlers.set(name, handler as (input: unknown) => unknown);
    },
    fail(name, code, message) {
      handlers.set(name, () => Promise.reject(new ContractCallError(code, message)));
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    async invoke(name, input) {
      fake.calls.push({ name, input });
      const handler = handlers.get(name);
      if (!handler) throw new ContractCallError('unknown_call', `no fake for ${name}`);
      return (await handler(input)) as never;
    },
    on(event, handler) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler as (payload: unknown) => void);
      return () => set.delete(handler as (payload: unknown) => void);
    },
  };
  return fake;
}
