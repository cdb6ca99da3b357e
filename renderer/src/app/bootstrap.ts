/**
 * Wires one transport to the stores: each feature subscribes to its contract events
 * (`feature.subscribe`), and every time the link comes (back) up each one re-fetches what may have
 * changed meanwhile (`feature.refresh`: app info, settings, telephony, active and recent calls,
 * callbacks, the open record). Returns a teardown.
 */
import { createContractClient, type ContractClient } from '../contract';
import type { StatusTransport } from '../transport/transport-status';
import { setContractClient } from '../transport/contract-client';
import { useConnectionStore } from './connection-store';
import type { ConsoleFeature } from './console-feature';
import { consoleFeatures } from './features';

export async function refreshAll(features: readonly ConsoleFeature[] = consoleFeatures): Promise<void> {
  // One failure (say, telephony) must not stop the others; each store keeps its own error.
  await Promise.allSettled(features.flatMap((f) => f.refresh?.() ?? []));
}

export function bootstrap(
  transport: StatusTransport,
  features: readonly ConsoleFeature[] = consoleFeatures,
): { client: ContractClient; dispose: () => void } {
  const client = createContractClient(transport);
  setContractClient(client);

  const offs = features.flatMap((f) => f.subscribe?.(client) ?? []);

  let wasUp = false;
  const onStatus = (status: ReturnType<StatusTransport['status']>) => {
    useConnectionStore.getState().setLink(status);
    const up = status.state === 'up';
    if (up && !wasUp) void refreshAll(features);
    wasUp = up;
  };
  offs.push(transport.onStatus(onStatus));
  onStatus(transport.status());

  return {
    client,
    dispose: () => {
      for (const off of offs) off();
      setContractClient(null);
    },
  };
}
