/**
 * Calls: the pop of each ringing or live call, the call tabs above the centre, the screen-reader
 * announcement, the call events, choosing among matches and moving between calls from the keyboard.
 */
import './call.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { matchDigit } from '../app/shortcuts';
import { useCallStore } from './call-store';
import { markPopReceived } from './pop-timing';
import { CallView } from './CallView';
import { CallTabs } from './PopView';
import { Announcer } from './Announcer';

declare module '../app/view-store' {
  interface ViewKinds {
    /** The focused call's pop. */
    call: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'call',
  order: 10,
  views: { call: CallView },
  placed: [
    { slot: 'centre.head', order: 10, component: CallTabs },
    { slot: 'overlay', order: 10, component: Announcer },
  ],
  subscribe: (client) => [
    client.on('call.incoming', (payload) => {
      markPopReceived(payload.call.id);
      if (useCallStore.getState().incoming(payload)) useViewStore.getState().show({ kind: 'call' });
    }),
    client.on('call.updated', ({ call }) => useCallStore.getState().updated(call)),
    client.on('directory.changed', (change) => void useCallStore.getState().applyDirectoryChange(change)),
  ],
  refresh: () => [
    useCallStore
      .getState()
      .loadActive()
      .then(() => {
        if (useCallStore.getState().focusedCallId) useViewStore.getState().show({ kind: 'call' });
      }),
  ],
  shortcuts: [
    {
      order: 32,
      handle(e, { view }) {
        const calls = useCallStore.getState();
        if (e.key !== 'Escape' || view.kind !== 'call' || !calls.focusedCallId) return false;
        e.preventDefault();
        calls.dismiss(calls.focusedCallId);
        if (useCallStore.getState().pops.length === 0) useViewStore.getState().leaveCalls();
        return true;
      },
    },
    {
      order: 50,
      handle(e, { view }) {
        if (!e.altKey || e.ctrlKey || e.metaKey) return false;
        const calls = useCallStore.getState();
        const digit = matchDigit(e);
        if (digit !== null && view.kind === 'call' && calls.focusedCallId) {
          e.preventDefault();
          void calls.chooseMatch(calls.focusedCallId, digit - 1);
          return true;
        }
        if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && calls.pops.length > 0) {
          e.preventDefault();
          if (view.kind === 'call') calls.focusRelative(e.key === 'ArrowUp' ? -1 : 1);
          useViewStore.getState().show({ kind: 'call' });
          return true;
        }
        return false;
      },
    },
  ],
  help: [
    { order: 50, keys: ['Alt+1 … Alt+9'], label: 'help.match' },
    { order: 60, keys: ['Alt+↑', 'Alt+↓'], label: 'help.calls' },
  ],
};
