/**
 * Sage: the unpaid invoices on the pop and the record (UnpaidLine, OpenItemsSection, placed there
 * beside the last satisfaction answer), reloaded when an import changes them.
 */
import './sage.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useSageStore } from './sage-store';

export const feature: ConsoleFeature = {
  name: 'sage',
  order: 76,
  subscribe: (client) => [client.on('sage.changed', () => useSageStore.getState().applyChanged())],
};
