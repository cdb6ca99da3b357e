/**
 * Supervision: the supervisor's panel and its top-bar button, the wallboard that replaces the
 * console at /wallboard or on a read-only link, the settings. Its events are followed only while a
 * supervision screen (or the button) is shown: see useSupervisionFeed and SupervisorButton.
 */
import './supervision.css';
import type { ConsoleFeature } from '../app/console-feature';
import { isWallboardLocation } from './supervision-store';
import { SupervisorButton, SupervisorView } from './SupervisorView';
import { SupervisionSettingsSection } from './SupervisionSettingsSection';
import { Wallboard } from './Wallboard';

export const feature: ConsoleFeature = {
  name: 'supervision',
  order: 70,
  placed: [
    { slot: 'topbar.status', order: 40, component: SupervisorButton },
    { slot: 'overlay', order: 60, component: SupervisorView },
    { slot: 'settings.section', order: 40, component: SupervisionSettingsSection },
  ],
  screens: [{ matches: isWallboardLocation, component: Wallboard }],
};
