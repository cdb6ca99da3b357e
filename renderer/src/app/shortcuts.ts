/**
 * Global keyboard shortcuts (listed in the `?` overlay). Layout-independent where it matters:
 * Alt+1..9 reads the physical key (`KeyboardEvent.code`), since on a French AZERTY keyboard the
 * digits need Shift.
 */
import { useEffect } from 'react';
import { useCallStore } from '../call/call-store';
import { useViewStore, selectCurrentView } from './view-store';
import { focusSearch } from '../directory/SearchBox';
import { useWorkStore } from '../work/work-store';
import { useCallbackStore } from '../callbacks/callback-store';

/**
 * Work-the-call shortcuts, Alt + a letter at the same place on AZERTY and QWERTY (physical key):
 * N note, T ticket, R callback list (« rappels »), C call the number of the call shown.
 */
export function workKey(event: Pick<KeyboardEvent, 'code' | 'altKey' | 'ctrlKey' | 'metaKey'>): 'note' | 'ticket' | 'callbacks' | 'dial' | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.code) {
    case 'KeyN':
      return 'note';
    case 'KeyT':
      return 'ticket';
    case 'KeyR':
      return 'callbacks';
    case 'KeyC':
      return 'dial';
    default:
      return null;
  }
}

function isTextField(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/** Which match digit (1..9) a key event is, from its physical key; null otherwise. */
export function matchDigit(event: Pick<KeyboardEvent, 'code' | 'key'>): number | null {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(event.code) ?? /^([1-9])$/.exec(event.key);
  return m ? Number(m[1]) : null;
}

export function useShortcuts(helpOpen: boolean, setHelpOpen: (open: boolean) => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const typing = isTextField(e.target);
      const calls = useCallStore.getState();
      const views = useViewStore.getState();
      const view = selectCurrentView(views);

      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setHelpOpen(false);
        focusSearch();
        return;
      }
      if ((e.ctrlKey || e.metaKey) && e.key === ',') {
        e.preventDefault();
        views.show({ kind: 'settings' });
        return;
      }
      if (e.key === 'Escape') {
        if (helpOpen) {
          e.preventDefault();
          setHelpOpen(false);
          return;
        }
        // First Esc leaves a filled-in field (nothing typed is lost); the next one closes.
        if (typing && e.target instanceof HTMLInputElement && e.target.value !== '') {
          e.target.blur();
          return;
        }
        if (view.kind === 'call' && calls.focusedCallId) {
          e.preventDefault();
          calls.dismiss(calls.focusedCallId);
          if (useCallStore.getState().pops.length === 0) views.leaveCalls();
          return;
        }
        if (view.kind !== 'home') {
          e.preventDefault();
          views.back();
        }
        return;
      }
      const work = workKey(e);
      if (work === 'callbacks') {
        e.preventDefault();
        views.show({ kind: 'callbacks' });
        return;
      }
      if (work && calls.focusedCallId) {
        const entry = calls.pops.find((p) => p.call.id === calls.focusedCallId);
        if (entry && entry.call.state !== 'ringing') {
          e.preventDefault();
          views.show({ kind: 'call' });
          if (work === 'note') useWorkStore.getState().requestNoteFocus();
          else if (work === 'ticket') void useWorkStore.getState().openTicketForm(entry.call.id);
          else if (entry.pop.number.e164) void useCallbackStore.getState().dial(entry.pop.number.e164);
          return;
        }
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const digit = matchDigit(e);
        if (digit !== null && view.kind === 'call' && calls.focusedCallId) {
          e.preventDefault();
          void calls.chooseMatch(calls.focusedCallId, digit - 1);
          return;
        }
        if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && calls.pops.length > 0) {
          e.preventDefault();
          if (view.kind === 'call') calls.focusRelative(e.key === 'ArrowUp' ? -1 : 1);
          views.show({ kind: 'call' });
          return;
        }
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        focusSearch();
      } else if (e.key === '?') {
        e.preventDefault();
        setHelpOpen(!helpOpen);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [helpOpen, setHelpOpen]);
}
