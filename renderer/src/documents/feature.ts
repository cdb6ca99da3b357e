/**
 * Documents on the record view (DocumentsPanel) and the pop (DocumentCount), placed by them; lists
 * and counts read again when a document joins a record (from the console, an e-mail, the portal).
 * The company's documents, searched by name and type: the top bar and Alt+G (« GED »).
 */
import './documents.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { DocumentsButton } from './DocumentsButton';
import { DocumentsSearchView } from './DocumentsSearchView';
import { useDocumentsStore } from './documents-store';

declare module '../app/view-store' {
  interface ViewKinds {
    /** Every document, searched by name and type. */
    documents: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'documents',
  order: 78,
  subscribe: (client) => [client.on('documents.changed', (changed) => useDocumentsStore.getState().applyChanged(changed))],
  views: { documents: DocumentsSearchView },
  placed: [{ slot: 'topbar.status', order: 42.5, component: DocumentsButton }],
  shortcuts: [
    {
      order: 52,
      handle(e) {
        // By the key's character (G is where it is on AZERTY and QWERTY alike).
        if (!e.altKey || e.ctrlKey || e.metaKey || e.key.toLowerCase() !== 'g') return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'documents' });
        return true;
      },
    },
  ],
  help: [{ order: 131, keys: ['Alt+G'], label: 'help.documents' }],
};
