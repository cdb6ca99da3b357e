/**
 * The Bilan (the plan's KPI table, measured): its view, its top-bar button and Alt+B, for the
 * supervisor (see canReadBilan). No events: the view measures the table again each time it opens
 * and when the link comes back while it is shown (BilanView), so the feature has no `refresh`.
 */
import './bilan.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { BilanView } from './BilanView';
import { BilanButton, selectBilanReader } from './BilanButton';

declare module '../app/view-store' {
  interface ViewKinds {
    /** The plan's KPI table, measured month by month. */
    bilan: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'bilan',
  order: 75,
  views: { bilan: BilanView },
  placed: [{ slot: 'topbar.status', order: 42, component: BilanButton }],
  shortcuts: [
    {
      order: 46,
      handle(e) {
        // B (« bilan ») sits at the same place on AZERTY and QWERTY: the physical key.
        if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyB' || !selectBilanReader()) return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'bilan' });
        return true;
      },
    },
  ],
  help: [{ order: 127, keys: ['Alt+B'], label: 'help.bilan', shown: selectBilanReader }],
};
