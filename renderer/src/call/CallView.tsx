/** The centre while on a call: the focused pop, or home once the last pop is closed. */
import { useEffect } from 'react';
import { useCallStore } from './call-store';
import { useViewStore } from '../app/view-store';
import { Home } from '../app/Home';
import { PopView } from './PopView';

export function CallView() {
  const hasFocusedPop = useCallStore((s) => s.pops.some((p) => p.call.id === s.focusedCallId));
  const leaveCalls = useViewStore((s) => s.leaveCalls);
  // The last pop was closed (by a click, or a reload): leave the call view.
  useEffect(() => {
    if (!hasFocusedPop) leaveCalls();
  }, [hasFocusedPop, leaveCalls]);
  return hasFocusedPop ? <PopView /> : <Home />;
}
