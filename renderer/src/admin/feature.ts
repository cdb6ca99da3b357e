/**
 * Accounts (company server, administrators only): the « Comptes » view (people, their roles,
 * lines and states, adding someone with a one-time link, the audit log), its top-bar button and
 * Alt+U. A standalone console has no account: nothing of this shows.
 */
import './admin.css';
import type { ConsoleFeature } from '../app/console-feature';
import { selectCurrentView, useViewStore } from '../app/view-store';
import { useAccountStore } from '../account/account-store';
import { AccountsButton, selectIsAdmin } from './AccountsButton';
import { AccountsView } from './AccountsView';
import { useAccountsAdminStore } from './accounts-admin-store';

declare module '../app/view-store' {
  interface ViewKinds {
    /** The administrator's accounts screen. */
    accounts: object;
  }
}

const isAdmin = () => selectIsAdmin(useAccountStore.getState());

export const feature: ConsoleFeature = {
  name: 'admin',
  order: 95,
  views: { accounts: AccountsView },
  placed: [{ slot: 'topbar.status', order: 55, component: AccountsButton }],
  // The accounts have no events: what changed while the link was down is read again if shown.
  refresh: () => (isAdmin() && selectCurrentView(useViewStore.getState()).kind === 'accounts' ? [useAccountsAdminStore.getState().load()] : []),
  shortcuts: [
    {
      order: 45,
      handle(e) {
        // U (« utilisateurs ») sits at the same place on AZERTY and QWERTY.
        if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyU' || !isAdmin()) return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'accounts' });
        return true;
      },
    },
  ],
  help: [{ order: 125, keys: ['Alt+U'], label: 'help.accounts', shown: isAdmin }],
};
