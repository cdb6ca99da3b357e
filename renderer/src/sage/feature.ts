/**
 * Sage: the unpaid invoices on the pop and the record (UnpaidLine, OpenItemsSection, placed there
 * beside the last satisfaction answer), reloaded when an import changes them; in Paramètres, the
 * import of a Sage file (with its column mapping), the doubtful matches to decide, and the
 * conflicts on fields Sage owns.
 */
import './sage.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useSageStore } from './sage-store';
import { SageReviewsSection } from './SageReviewsSection';
import { SageConflictsSection } from './SageConflictsSection';
import { SageImportSection } from './SageImportSection';

export const feature: ConsoleFeature = {
  name: 'sage',
  order: 76,
  placed: [
    { slot: 'settings.section', order: 45.5, component: SageImportSection },
    { slot: 'settings.section', order: 46, component: SageReviewsSection },
    { slot: 'settings.section', order: 47, component: SageConflictsSection },
  ],
  subscribe: (client) => [client.on('sage.changed', () => useSageStore.getState().applyChanged())],
};
