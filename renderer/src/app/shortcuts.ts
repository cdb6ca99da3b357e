/**
 * Global keyboard shortcuts (listed in the `?` overlay): one window listener asks each feature's
 * shortcuts in order, the first that handles the key wins. Layout-independent where it matters:
 * Alt+1..9 reads the physical key (`KeyboardEvent.code`), since on a French AZERTY keyboard the
 * digits need Shift.
 */
import { useEffect } from 'react';
import { useViewStore, selectCurrentView } from './view-store';
import type { Shortcut } from './console-feature';
import { isModalDialogOpen } from '../ui/modal-dialog';

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

export function isTextField(target: EventTarget | null): target is HTMLElement {
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

/** Plain keys (no modifier) outside text fields, such as `/` and `?`. */
export function isPlainKey(event: KeyboardEvent, typing: boolean): boolean {
  return !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
}

export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      // A modal dialog owns the keyboard: Ctrl+K, Alt+T… act on what is hidden behind it.
      if (e.defaultPrevented || isModalDialogOpen()) return;
      const context = { typing: isTextField(e.target), view: selectCurrentView(useViewStore.getState()) };
      for (const shortcut of shortcuts) if (shortcut.handle(e, context)) return;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shortcuts]);
}
