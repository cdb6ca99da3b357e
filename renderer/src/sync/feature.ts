/**
 * HubSpot: the status pill in the top bar (it follows `sync.status` while shown) and the token in
 * Paramètres.
 */
import type { ConsoleFeature } from '../app/console-feature';
import { SyncStatus } from './SyncStatus';
import { HubSpotSettingsSection } from './HubSpotSettingsSection';

export const feature: ConsoleFeature = {
  name: 'sync',
  order: 80,
  placed: [
    { slot: 'topbar.status', order: 30, component: SyncStatus },
    { slot: 'settings.section', order: 30, component: HubSpotSettingsSection },
  ],
};
