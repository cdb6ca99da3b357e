/**
 * The data directory's database as the composition root uses it: the store, the directory built
 * on it, and the demo workspace generator.
 */
import type { Logger } from './log';
import { openStore, type AccueilStore } from './store';
import { Directory } from './directory';
import { generateDemoWorkspace } from './demo';

export interface WorkspaceStore {
  store: AccueilStore;
  calls: AccueilStore['calls'];
  directory: Directory;
  isEmpty(): boolean;
  generateDemo(options: { contacts: number; seed: number }): Record<string, number>;
  close(): void;
}

export function openWorkspaceStore(file: string, logger: Logger): WorkspaceStore {
  const store = openStore(file, { logger });
  if (store.recoveredFromCorruption) {
    logger.error('database was corrupt: moved aside and replaced', { ...store.recoveredFromCorruption });
  }
  const directory = new Directory(store);
  return {
    store,
    calls: store.calls,
    directory,
    isEmpty: () => store.contacts.count() === 0 && store.companies.count() === 0,
    generateDemo: ({ contacts, seed }) => {
      const { seed: _seed, ...counts } = generateDemoWorkspace(store, { contacts, seed });
      return counts;
    },
    close: () => store.close(),
  };
}
