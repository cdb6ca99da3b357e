/**
 * Wires one transport to the stores: contract events feed them, and every time the link comes
 * (back) up they re-fetch what may have changed meanwhile (`app.info`, `settings.get`,
 * `telephony.status`, `calls.active`, `calls.recent`, the open record). Returns a teardown.
 */
import { createContractClient, type ContractClient } from '../contract';
import type { StatusTransport } from '../transport/transport-status';
import { setContractClient } from '../transport/contract-client';
import { useCallStore } from '../call/call-store';
import { useConnectionStore } from './connection-store';
import { useDirectoryStore } from '../directory/directory-store';
import { useSettingsStore } from '../settings/settings-store';
import { useViewStore } from './view-store';
import { useCallbackStore } from '../callbacks/callback-store';
import { useWorkStore } from '../work/work-store';
import { markPopReceived } from '../call/pop-timing';

export async function refreshAll(): Promise<void> {
  const connection = useConnectionStore.getState();
  const calls = useCallStore.getState();
  const directory = useDirectoryStore.getState();
  const tasks: Array<Promise<unknown>> = [
    connection.loadAppInfo().then(() => {
      const info = useConnectionStore.getState().appInfo;
      if (info) useSettingsStore.getState().setLocaleHint(info.locale);
    }),
    useSettingsStore.getState().load(),
    connection.loadTelephony(),
    calls.loadActive().then(() => {
      if (useCallStore.getState().focusedCallId) useViewStore.getState().show({ kind: 'call' });
    }),
    calls.loadRecent(),
    useCallbackStore.getState().load(),
  ];
  if (directory.record) tasks.push(directory.reloadRecord());
  if (directory.lookup) tasks.push(directory.reloadNumber());
  // One failure (say, telephony) must not stop the others; each store keeps its own error.
  await Promise.allSettled(tasks);
}

export function bootstrap(transport: StatusTransport): { client: ContractClient; dispose: () => void } {
  const client = createContractClient(transport);
  setContractClient(client);

  const offs = [
    client.on('call.incoming', (payload) => {
      markPopReceived(payload.call.id);
      if (useCallStore.getState().incoming(payload)) useViewStore.getState().show({ kind: 'call' });
    }),
    client.on('call.updated', ({ call }) => useCallStore.getState().updated(call)),
    client.on('telephony.status', (status) => useConnectionStore.getState().setTelephony(status)),
    client.on('callbacks.changed', ({ open }) => useCallbackStore.getState().applyChanged(open)),
    client.on('tickets.changed', ({ ticketId }) => {
      if (useWorkStore.getState().ticket?.ticket.id === ticketId) void useWorkStore.getState().showTicket(ticketId);
    }),
    client.on('settings.changed', (settings) => useSettingsStore.getState().applyChanged(settings)),
    client.on('directory.changed', (change) => {
      void useCallStore.getState().applyDirectoryChange(change);
      void useDirectoryStore.getState().applyDirectoryChange(change);
    }),
  ];

  let wasUp = false;
  const onStatus = (status: ReturnType<StatusTransport['status']>) => {
    useConnectionStore.getState().setLink(status);
    const up = status.state === 'up';
    if (up && !wasUp) void refreshAll();
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
