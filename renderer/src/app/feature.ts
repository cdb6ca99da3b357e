/**
 * The shell's own pieces, described like any feature: the idle home, the PBX line and the help
 * button in the top bar, the `?` overlay, Esc (leave a field, go back) and `?`, the line status
 * event and what the shell reloads after a reconnection.
 */
import './app.css';
import type { ConsoleFeature } from './console-feature';
import { useConnectionStore } from './connection-store';
import { useHelpStore } from './help-store';
import { useViewStore } from './view-store';
import { Home } from './Home';
import { HelpDialog } from './HelpOverlay';
import { HelpButton, RegistrationStatus } from './TopBar';
import { isPlainKey } from './shortcuts';
import { useSettingsStore } from '../settings/settings-store';

export const feature: ConsoleFeature = {
  name: 'app',
  order: 0,
  views: { home: Home },
  placed: [
    { slot: 'topbar.status', order: 20, component: RegistrationStatus },
    { slot: 'topbar.status', order: 70, component: HelpButton },
    { slot: 'overlay', order: 20, component: HelpDialog },
  ],
  subscribe: (client) => [client.on('telephony.status', (status) => useConnectionStore.getState().setTelephony(status))],
  refresh: () => {
    const connection = useConnectionStore.getState();
    return [
      connection.loadAppInfo().then(() => {
        const info = useConnectionStore.getState().appInfo;
        if (info) useSettingsStore.getState().setLocaleHint(info.locale);
      }),
      connection.loadTelephony(),
    ];
  },
  shortcuts: [
    {
      order: 31,
      handle(e, { typing }) {
        // First Esc leaves a filled-in field (nothing typed is lost); the next one closes.
        if (e.key !== 'Escape' || !typing || !(e.target instanceof HTMLInputElement) || e.target.value === '') return false;
        e.target.blur();
        return true;
      },
    },
    {
      order: 33,
      handle(e, { view }) {
        if (e.key !== 'Escape') return false;
        if (view.kind !== 'home') {
          e.preventDefault();
          useViewStore.getState().back();
        }
        return true;
      },
    },
    {
      order: 91,
      handle(e, { typing }) {
        if (!isPlainKey(e, typing) || e.key !== '?') return false;
        e.preventDefault();
        const help = useHelpStore.getState();
        help.setOpen(!help.open);
        return true;
      },
    },
  ],
  help: [
    { order: 40, keys: ['Échap'], label: 'help.closePop' },
    { order: 130, keys: ['?'], label: 'help.help' },
  ],
};
