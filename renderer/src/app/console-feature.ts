/**
 * What a console feature (`renderer/src/<feature>/feature.ts`) tells the app shell, so that adding a
 * feature is creating its folder, not editing the shell's lists. The shell finds every `feature.ts`
 * (app/features.ts) and iterates: views for the centre column, components placed in the layout's
 * slots, the screen that replaces the console on some links, event subscriptions, what to reload
 * when the link comes back, keyboard shortcuts and their lines in the `?` overlay.
 *
 * Lists are ordered by `order` (smaller first), so a feature decides where its pieces go without
 * knowing the others; the numbers of today's features leave room between them.
 */
import type { ComponentType } from 'react';
import type { CallerRole, ContractClient } from '../contract';
import type { MessageKey } from '../i18n';
import type { View, ViewKind } from './view-store';

/** Places in the console's layout that features fill. */
export type Slot =
  /** The middle of the top bar (the search box). */
  | 'topbar.search'
  /** The right of the top bar: status pills and buttons. */
  | 'topbar.status'
  /** The left column. */
  | 'sidebar'
  /** Above the centre view (the call tabs). */
  | 'centre.head'
  /** After the columns: dialogs, side panels, live regions. */
  | 'overlay'
  /** Paramètres, after the general sections. */
  | 'settings.section';

export interface PlacedComponent {
  slot: Slot;
  order: number;
  component: ComponentType;
}

/** A screen shown instead of the console (the wallboard on a read-only link). */
export interface Screen {
  matches(pathname: string, access: CallerRole | null): boolean;
  component: ComponentType;
}

export interface ShortcutContext {
  view: View;
  /** Focus is in a text field: plain keys are the user's typing. */
  typing: boolean;
}

/** Handles a key press when it is this shortcut's, and says so; the first one that does wins. */
export interface Shortcut {
  order: number;
  handle(event: KeyboardEvent, context: ShortcutContext): boolean;
}

/** One line of the `?` overlay. */
export interface HelpLine {
  order: number;
  keys: string[];
  label: MessageKey;
  /** Whether the line applies to whoever opens the overlay (an administrator's key); always, if absent. */
  shown?(): boolean;
}

export interface ConsoleFeature {
  name: string;
  /** Subscriptions and reloads run in this order. */
  order: number;
  views?: Partial<Record<ViewKind, ComponentType>>;
  placed?: PlacedComponent[];
  screens?: Screen[];
  /** Every contract event the feature listens to, in one place; returns the unsubscribers. */
  subscribe?(client: ContractClient): Array<() => void>;
  /** What may have changed while the link was down; started each time it comes (back) up. */
  refresh?(): Array<Promise<unknown>>;
  shortcuts?: Shortcut[];
  help?: HelpLine[];
}

export const byOrder = <T extends { order: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.order - b.order);

/** The components placed in one slot, by every feature, in order. */
export function placedIn(features: readonly ConsoleFeature[], slot: Slot): PlacedComponent[] {
  return byOrder(features.flatMap((f) => f.placed ?? []).filter((p) => p.slot === slot));
}
