/**
 * Risque de départ: the line on the pop and the record (placed by them), and the list of customers
 * at risk for the supervisor (top bar, Alt+Q).
 */
import './churn.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { ChurnView } from './ChurnView';
import { ChurnButton, selectChurnReader } from './ChurnButton';

declare module '../app/view-store' {
  interface ViewKinds {
    /** The customers most at risk of leaving. */
    churn: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'churn',
  order: 78,
  views: { churn: ChurnView },
  placed: [{ slot: 'topbar.status', order: 41, component: ChurnButton }],
  shortcuts: [
    {
      order: 49,
      handle(e) {
        // Q (« quitter »: the customers about to leave) by the key's character, as Alt+A: the Q of AZERTY
        // sits where QWERTY has A (KeyQ would be Alt+A on a French keyboard). Alt+D belongs to the browser.
        if (!e.altKey || e.ctrlKey || e.metaKey || e.key.toLowerCase() !== 'q' || !selectChurnReader()) return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'churn' });
        return true;
      },
    },
  ],
  help: [{ order: 126, keys: ['Alt+Q'], label: 'help.churn', shown: selectChurnReader }],
};
