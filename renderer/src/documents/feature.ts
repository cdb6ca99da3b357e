/**
 * Documents on the record view (DocumentsPanel) and the pop (DocumentCount), placed by them; lists
 * and counts read again when a document joins a record (from the console, an e-mail, the portal).
 */
import './documents.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useDocumentsStore } from './documents-store';

export const feature: ConsoleFeature = {
  name: 'documents',
  order: 78,
  subscribe: (client) => [client.on('documents.changed', (changed) => useDocumentsStore.getState().applyChanged(changed))],
};
