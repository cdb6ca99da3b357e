/** The signed-in person on the company server: a chip in the top bar, with sign-out. */
import './account.css';
import type { ConsoleFeature } from '../app/console-feature';
import { AccountChip } from './AccountChip';
import { useAccountStore } from './account-store';

export const feature: ConsoleFeature = {
  name: 'account',
  order: 5,
  placed: [{ slot: 'topbar.status', order: 80, component: AccountChip }],
  refresh: () => [useAccountStore.getState().load()],
};
