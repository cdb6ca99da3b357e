/**
 * The directory: the search box, a contact's or company's record, a looked-up number; records and
 * numbers shown follow `directory.changed`.
 */
import './directory.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useHelpStore } from '../app/help-store';
import { isPlainKey } from '../app/shortcuts';
import { useDirectoryStore, type RecordRef } from './directory-store';
import { SearchBox, focusSearch } from './SearchBox';
import { RecordView } from './RecordView';
import { NumberView } from './NumberView';

declare module '../app/view-store' {
  interface ViewKinds {
    record: { ref: RecordRef };
    /** A number looked up from the search box or a recent call. */
    number: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'directory',
  order: 20,
  views: { record: RecordView, number: NumberView },
  placed: [{ slot: 'topbar.search', order: 10, component: SearchBox }],
  subscribe: (client) => [client.on('directory.changed', (change) => void useDirectoryStore.getState().applyDirectoryChange(change))],
  refresh: () => {
    const directory = useDirectoryStore.getState();
    const tasks: Array<Promise<unknown>> = [];
    if (directory.record) tasks.push(directory.reloadRecord());
    if (directory.lookup) tasks.push(directory.reloadNumber());
    return tasks;
  },
  shortcuts: [
    {
      order: 10,
      handle(e) {
        if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'k') return false;
        e.preventDefault();
        useHelpStore.getState().setOpen(false);
        focusSearch();
        return true;
      },
    },
    {
      order: 90,
      handle(e, { typing }) {
        if (!isPlainKey(e, typing) || e.key !== '/') return false;
        e.preventDefault();
        focusSearch();
        return true;
      },
    },
  ],
  help: [
    { order: 10, keys: ['Ctrl+K', '/'], label: 'help.search' },
    { order: 20, keys: ['↑', '↓'], label: 'help.navigate' },
    { order: 30, keys: ['Entrée'], label: 'help.open' },
  ],
};
