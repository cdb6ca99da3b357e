/**
 * Sage: the unpaid invoices on the pop and the record (UnpaidLine, OpenItemsSection, placed there
 * beside the last satisfaction answer), reloaded when an import changes them; the doubtful matches
 * to decide in Paramètres.
 */
import './sage.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useSageStore } from './sage-store';
import { SageReviewsSection } from './SageReviewsSection';

export const feature: ConsoleFeature = {
  name: 'sage',
  order: 76,
  placed: [{ slot: 'settings.section', order: 46, component: SageReviewsSection }],
  subscribe: (client) => [client.on('sage.changed', () => useSageStore.getState().applyChanged())],
};
