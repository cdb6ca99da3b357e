/**
 * Layout: top bar (brand, search, status), left column recent calls, centre the current view
 * (pop, record, number, settings, home) under the call tabs.
 */
import { useEffect, useState } from 'react';
import { useCallStore } from '../call/call-store';
import { useViewStore, selectCurrentView } from './view-store';
import { useSettingsStore } from '../settings/settings-store';
import { useT } from '../i18n/use-t';
import { intlLocale } from '../i18n';
import { TopBar } from './TopBar';
import { RecentCalls } from '../recent-calls/RecentCalls';
import { CallTabs, PopView } from '../call/PopView';
import { RecordView } from '../directory/RecordView';
import { NumberView } from '../directory/NumberView';
import { SettingsView } from '../settings/SettingsView';
import { Home } from './Home';
import { HelpOverlay } from './HelpOverlay';
import { TemplatesPanel } from '../templates/TemplateLibrary';
import { Announcer } from '../call/Announcer';
import { CallbackList } from '../callbacks/CallbackList';
import { TicketView } from '../work/TicketView';
import { DialStatus } from '../callbacks/DialButton';
import { useShortcuts } from './shortcuts';
import { SupervisorView } from '../supervision/SupervisorView';
import { Wallboard } from '../supervision/Wallboard';
import { isWallboardLocation } from '../supervision/supervision-store';
import { useConnectionStore } from './connection-store';

function Centre() {
  const view = useViewStore(selectCurrentView);
  const hasFocusedPop = useCallStore((s) => s.pops.some((p) => p.call.id === s.focusedCallId));
  const leaveCalls = useViewStore((s) => s.leaveCalls);
  // The last pop was closed (by a click, or a reload): leave the call view.
  useEffect(() => {
    if (view.kind === 'call' && !hasFocusedPop) leaveCalls();
  }, [view.kind, hasFocusedPop, leaveCalls]);
  switch (view.kind) {
    case 'call':
      return hasFocusedPop ? <PopView /> : <Home />;
    case 'record':
      return <RecordView />;
    case 'number':
      return <NumberView />;
    case 'settings':
      return <SettingsView />;
    case 'home':
      return <Home />;
    case 'callbacks':
      return <CallbackList />;
  }
}

/** The wall screen (at /wallboard, or any read-only link) instead of the console: it cannot act. */
export function App() {
  const access = useConnectionStore((s) => s.link.access ?? s.appInfo?.access ?? null);
  return isWallboardLocation(window.location.pathname, access) ? <Wallboard /> : <Console />;
}

function Console() {
  const { t } = useT();
  const locale = useSettingsStore((s) => s.locale);
  const ringing = useCallStore((s) => s.pops.filter((p) => p.call.state === 'ringing').length);
  const [helpOpen, setHelpOpen] = useState(false);
  useShortcuts(helpOpen, setHelpOpen);
  useEffect(() => {
    document.documentElement.lang = intlLocale(locale);
  }, [locale]);
  useEffect(() => {
    // Visible in the taskbar / browser tab while a call rings.
    document.title = ringing > 0 ? `(${ringing}) ${t('app.name')}` : t('app.name');
  }, [ringing, t]);
  return (
    <div className="app">
      <TopBar onHelp={() => setHelpOpen(true)} />
      <div className="columns">
        <RecentCalls />
        <main className="centre" id="centre">
          <CallTabs />
          <div className="centre-scroll">
            <Centre />
          </div>
        </main>
      </div>
      <Announcer />
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      <DialStatus />
      <TicketView />
      <TemplatesPanel />
      <SupervisorView />
    </div>
  );
}
