/**
 * Layout: top bar (brand, search, status), left column recent calls, centre the current view
 * (pop, record, number, settings, home) under the call tabs. What fills each place comes from the
 * features (app/features.ts): their views, the components they place in the slots, the screen
 * that replaces the console on some links (the wallboard).
 */
import { useEffect, useMemo } from 'react';
import { useCallStore } from '../call/call-store';
import { useViewStore, selectCurrentView } from './view-store';
import { useSettingsStore } from '../settings/settings-store';
import { LocaleProvider, useT } from '../i18n/use-t';
import { intlLocale } from '../i18n';
import { TopBar } from './TopBar';
import { useShortcuts } from './shortcuts';
import { useConnectionStore } from './connection-store';
import { byOrder } from './console-feature';
import { consoleFeatures } from './features';
import { FeaturesProvider, Slot } from './slots';

function Centre() {
  const view = useViewStore(selectCurrentView);
  const View = consoleFeatures.find((f) => f.views?.[view.kind])?.views?.[view.kind];
  return View ? <View /> : null;
}

export function App() {
  const access = useConnectionStore((s) => s.link.access ?? s.appInfo?.access ?? null);
  const locale = useSettingsStore((s) => s.locale);
  const Screen = consoleFeatures.flatMap((f) => f.screens ?? []).find((s) => s.matches(window.location.pathname, access))?.component;
  return (
    <LocaleProvider value={locale}>
      <FeaturesProvider value={consoleFeatures}>{Screen ? <Screen /> : <Console />}</FeaturesProvider>
    </LocaleProvider>
  );
}

function Console() {
  const { t } = useT();
  const locale = useSettingsStore((s) => s.locale);
  const ringing = useCallStore((s) => s.pops.filter((p) => p.call.state === 'ringing').length);
  const shortcuts = useMemo(() => byOrder(consoleFeatures.flatMap((f) => f.shortcuts ?? [])), []);
  useShortcuts(shortcuts);
  useEffect(() => {
    document.documentElement.lang = intlLocale(locale);
  }, [locale]);
  useEffect(() => {
    // Visible in the taskbar / browser tab while a call rings.
    document.title = ringing > 0 ? `(${ringing}) ${t('app.name')}` : t('app.name');
  }, [ringing, t]);
  return (
    <div className="app">
      <TopBar />
      <div className="columns">
        <Slot name="sidebar" />
        <main className="centre" id="centre">
          <Slot name="centre.head" />
          <div className="centre-scroll">
            <Centre />
          </div>
        </main>
      </div>
      <Slot name="overlay" />
    </div>
  );
}
