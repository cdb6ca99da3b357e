/**
 * What the centre column shows. A pop (the focused call), a record, a looked-up number, settings,
 * or the idle home. Opening a view pushes it; Esc / "Retour" goes back.
 */
import { create } from 'zustand';
import type { RecordRef } from '../directory/directory-store';

export type View =
  | { kind: 'home' }
  | { kind: 'call' }
  | { kind: 'record'; ref: RecordRef }
  | { kind: 'number' }
  | { kind: 'settings' }
  /** Missed calls to return (work area). */
  | { kind: 'callbacks' };

export interface ViewState {
  stack: View[];
  show(view: View): void;
  back(): void;
  /** Drops every `call` view (the last pop was closed). */
  leaveCalls(): void;
}

const HOME: View = { kind: 'home' };
const MAX_DEPTH = 20;

function same(a: View | undefined, b: View): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'record' && b.kind === 'record') return a.ref.type === b.ref.type && a.ref.id === b.ref.id;
  return true;
}

export const useViewStore = create<ViewState>()((set) => ({
  stack: [HOME],
  show(view) {
    set((s) => {
      if (same(s.stack[s.stack.length - 1], view)) return {};
      // Each kind appears once: going to settings twice does not need two "back"s.
      const rest = s.stack.filter((v) => !same(v, view) && !(v.kind === view.kind && view.kind !== 'record'));
      return { stack: [...rest, view].slice(-MAX_DEPTH) };
    });
  },
  back() {
    set((s) => ({ stack: s.stack.length > 1 ? s.stack.slice(0, -1) : [HOME] }));
  },
  leaveCalls() {
    set((s) => {
      const stack = s.stack.filter((v) => v.kind !== 'call');
      return { stack: stack.length ? stack : [HOME] };
    });
  },
}));

export const selectCurrentView = (s: ViewState): View => s.stack[s.stack.length - 1] ?? HOME;
