/**
 * The one typed client the stores talk through, set once at start-up (app/bootstrap.ts) and by
 * tests with a fake. Components never call it: they call store actions.
 */
import type { ContractClient } from '../contract';

let current: ContractClient | null = null;

export function setContractClient(client: ContractClient | null): void {
  current = client;
}

export function api(): ContractClient {
  if (!current) throw new Error('contract client not set: call bootstrap() first');
  return current;
}
