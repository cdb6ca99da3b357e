/**
 * The Bilan (the plan's KPI table, measured): its view, its top-bar button and Alt+B, for the
 * supervisor (see canReadBilan). No events: the table is measured again each time it is opened,
 * and when the link comes back while it is shown.
 */
import './bilan.css';
import type { ConsoleFeature } from '../app/console-feature';
import { selectCurrentView, useViewStore } from '../app/view-store';
import { BilanView } from './BilanView';
import { BilanButton, selectBilanReader } from './BilanButton';
import { useBilanStore } from './bilan-store';

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
  refresh: () => (selectCurrentView(useViewStore.getState()).kind === 'bilan' ? [useBilanStore.getState().load()] : []),
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
