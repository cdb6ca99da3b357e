/**
 * What the centre column shows. A pop (the focused call), a record, a looked-up number, settings,
 * or the idle home. Opening a view pushes it; Esc / "Retour" goes back.
 */
import { create } from 'zustand';

/**
 * The kinds of view and what each carries, one entry per kind. Features add theirs by module
 * augmentation (`declare module '../app/view-store' { interface ViewKinds { record: { ref: RecordRef } } }`),
 * in their feature.ts beside the component the kind shows.
 */
export interface ViewKinds {
  home: object;
}

export type ViewKind = keyof ViewKinds;
export type View = { [K in ViewKind]: { kind: K } & ViewKinds[K] }[ViewKind];

export interface ViewState {
  stack: View[];
  show(view: View): void;
  back(): void;
  /** Drops every `call` view (the last pop was closed). */
  leaveCalls(): void;
}

const HOME: View = { kind: 'home' };
const MAX_DEPTH = 20;

/** A view that carries a `ref` (a record) is one per ref; any other kind is one of its kind. */
function refOf(view: View): { type: string; id: string } | undefined {
  return (view as { ref?: { type: string; id: string } }).ref;
}

function same(a: View | undefined, b: View): boolean {
  if (!a || a.kind !== b.kind) return false;
  const refA = refOf(a);
  const refB = refOf(b);
  if (refA && refB) return refA.type === refB.type && refA.id === refB.id;
  return true;
}

export const useViewStore = create<ViewState>()((set) => ({
  stack: [HOME],
  show(view) {
    set((s) => {
      if (same(s.stack[s.stack.length - 1], view)) return {};
      // Each kind appears once: going to settings twice does not need two "back"s.
      const rest = s.stack.filter((v) => !same(v, view) && !(v.kind === view.kind && !refOf(view)));
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
