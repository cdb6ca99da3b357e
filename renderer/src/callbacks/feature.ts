/**
 * Missed calls to return: the list (Alt+R), calling a number back from the console (Alt+C on the
 * call shown) and the dialling status, the target delay in Paramètres.
 */
import './callbacks.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { workKey } from '../app/shortcuts';
import { useCallStore, selectFocusedPop } from '../call/call-store';
import { useCallbackStore } from './callback-store';
import { CallbackList } from './CallbackList';
import { CallbackSettingsSection } from './CallbackSettingsSection';
import { DialStatus } from './DialButton';

declare module '../app/view-store' {
  interface ViewKinds {
    /** Missed calls to return. */
    callbacks: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'callbacks',
  order: 50,
  views: { callbacks: CallbackList },
  placed: [
    { slot: 'overlay', order: 30, component: DialStatus },
    { slot: 'settings.section', order: 20, component: CallbackSettingsSection },
  ],
  subscribe: (client) => [client.on('callbacks.changed', ({ open }) => useCallbackStore.getState().applyChanged(open))],
  refresh: () => [useCallbackStore.getState().load()],
  shortcuts: [
    {
      order: 40,
      handle(e) {
        if (workKey(e) !== 'callbacks') return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'callbacks' });
        return true;
      },
    },
    {
      order: 42,
      handle(e) {
        if (workKey(e) !== 'dial') return false;
        const entry = selectFocusedPop(useCallStore.getState());
        if (!entry || entry.call.state === 'ringing') return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'call' });
        if (entry.pop.number.e164) void useCallbackStore.getState().dial(entry.pop.number.e164, entry.pop.number.display);
        return true;
      },
    },
  ],
  help: [
    { order: 90, keys: ['Alt+R'], label: 'help.callbacks' },
    { order: 100, keys: ['Alt+C'], label: 'help.dial' },
  ],
};
