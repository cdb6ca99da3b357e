/**
 * The keyboard contract every dialog of the console keeps (WAI-ARIA dialog pattern), in one place:
 *
 *   opens ──► focus moves in (an element marked `data-autofocus`, else the dialog itself)
 *   open  ──► Tab and Shift+Tab cycle inside; focus that lands outside (a shortcut, a script) is
 *             brought back; Esc closes, wherever the focus is (even on <body>, where a button
 *             disabled after use drops it); the console's shortcuts stay quiet (Ctrl+K must not
 *             reach a search box hidden behind the dialog)
 *   closes ─► focus goes back to what had it before (the button that opened the dialog)
 *
 * A popover that is not modal (« Simuler un appel ») keeps Esc and the focus return, not the trap.
 */
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = [
  'button:not(:disabled)',
  'input:not(:disabled):not([type="hidden"])',
  'select:not(:disabled)',
  'textarea:not(:disabled)',
  'a[href]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

interface OpenDialog {
  element: () => HTMLElement | null;
  modal: boolean;
  close: () => void;
}

/** Open dialogs, the last one on top: only the top one answers the keyboard. */
const openDialogs: OpenDialog[] = [];

/** Whether a modal dialog is open: the console's global shortcuts do nothing then. */
export function isModalDialogOpen(): boolean {
  return openDialogs.some((d) => d.modal);
}

/** The elements Tab can reach inside `root`, in order (hidden ones left out). */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

export interface ModalDialogOptions {
  /** Whether the dialog is showing (a component that stays mounted while closed passes false). */
  open?: boolean;
  /** False for a popover: Esc and the focus return, but Tab may leave it. */
  modal?: boolean;
  onClose(): void;
  /**
   * Esc inside the dialog, before it closes: returns true when the key was used otherwise (the
   * composer's first Esc leaves the field being typed in, so nothing typed is lost).
   */
  onEscape?(target: HTMLElement): boolean;
  /** Where focus goes when the dialog opens; by default `[data-autofocus]`, else the dialog. */
  initialFocus?(dialog: HTMLElement): HTMLElement | null;
  /**
   * Where focus goes back when the opener is gone (a form replaced by what it created): otherwise
   * it would fall to <body>, the top of the page for a keyboard user.
   */
  returnFocus?(): HTMLElement | null;
}

/**
 * Gives a dialog the behaviour above. Spread the returned `onKeyDown` on the dialog element (React's
 * handler: fields inside see a key first and may keep it), and give the element `tabIndex={-1}`.
 */
export function useModalDialog(ref: RefObject<HTMLElement | null>, options: ModalDialogOptions): { onKeyDown(event: ReactKeyboardEvent<HTMLElement>): void } {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const open = options.open ?? true;
  const modal = options.modal ?? true;

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const entry: OpenDialog = { element: () => ref.current, modal, close: () => latest.current.onClose() };
    openDialogs.push(entry);
    const dialog = ref.current;
    if (dialog) (latest.current.initialFocus?.(dialog) ?? dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog).focus();

    const onTop = () => openDialogs[openDialogs.length - 1] === entry;
    // Keys whose focus is outside the dialog (on <body> after a button was disabled): Esc still
    // closes, Tab goes back in. Capture phase, before the console's shortcuts.
    const onWindowKeyDown = (e: KeyboardEvent) => {
      const element = ref.current;
      if (!onTop() || !element || (e.target instanceof Node && element.contains(e.target))) return;
      // Beside a popover the rest of the page is live: its fields keep their own Esc.
      if (!modal && e.target !== document.body) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        entry.close();
      } else if (e.key === 'Tab' && modal) {
        e.preventDefault();
        (focusableIn(element)[0] ?? element).focus();
      }
    };
    // Focus moved out by a script while the dialog is modal: bring it back.
    const onFocusIn = (e: FocusEvent) => {
      const element = ref.current;
      if (!modal || !onTop() || !element || !(e.target instanceof Node) || element.contains(e.target)) return;
      element.focus();
    };
    window.addEventListener('keydown', onWindowKeyDown, true);
    document.addEventListener('focusin', onFocusIn, true);
    return () => {
      window.removeEventListener('keydown', onWindowKeyDown, true);
      document.removeEventListener('focusin', onFocusIn, true);
      openDialogs.splice(openDialogs.indexOf(entry), 1);
      // Back to the opener, unless the opener went away or something else took the focus on purpose.
      const active = document.activeElement;
      const focusIsLost = active === null || active === document.body || !active.isConnected || (dialog?.contains(active) ?? false);
      if (!focusIsLost) return;
      if (previous?.isConnected && previous !== document.body) previous.focus();
      else latest.current.returnFocus?.()?.focus();
    };
    // Runs once per opening: the options are read through `latest`, the element through `ref`.
  }, [open, modal, ref]);

  return {
    onKeyDown(event) {
      const element = ref.current;
      if (!element) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        if (event.target instanceof HTMLElement && latest.current.onEscape?.(event.target)) return;
        latest.current.onClose();
        return;
      }
      if (event.key !== 'Tab' || !modal) return;
      const items = focusableIn(element);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) {
        event.preventDefault();
        element.focus();
      } else if (event.shiftKey && (document.activeElement === first || document.activeElement === element)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    },
  };
}
