/** Paramètres: the view (language, PBX line, then every feature's section), its link and Ctrl+,. */
import './settings.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { useSettingsStore } from './settings-store';
import { SettingsView } from './SettingsView';
import { SettingsLink } from './SettingsLink';

declare module '../app/view-store' {
  interface ViewKinds {
    /** `section`: the part of Paramètres to bring into view (the « Non configuré » pill, a call button). */
    settings: { section?: 'telephony' };
  }
}

export const feature: ConsoleFeature = {
  name: 'settings',
  order: 90,
  views: { settings: SettingsView },
  placed: [{ slot: 'topbar.status', order: 60, component: SettingsLink }],
  subscribe: (client) => [client.on('settings.changed', (settings) => useSettingsStore.getState().applyChanged(settings))],
  refresh: () => [useSettingsStore.getState().load()],
  shortcuts: [
    {
      order: 20,
      handle(e) {
        if (!(e.ctrlKey || e.metaKey) || e.key !== ',') return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'settings' });
        return true;
      },
    },
  ],
  help: [{ order: 120, keys: ['Ctrl+,'], label: 'help.settings' }],
};
