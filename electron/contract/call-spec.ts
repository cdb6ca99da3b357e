import { z } from 'zod';

/**
 * Who is calling, as a transport vouches for it. Today the agent's console (the IPC of the desktop
 * app, or the web token) and the wall screen's read-only link; the company server adds accounts
 * with a role, customers and technicians (each a new member here, and the calls that allow it).
 */
export type CallerRole = 'agent' | 'read-only';

/** What a handler knows of its caller (the second argument of every handler). */
export interface CallContext {
  role: CallerRole;
}

/** Whether a call changes anything; used to derive the roles allowed when a call does not list them. */
export type CallEffect = 'read' | 'write';

export interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Whether it changes anything. */
  access: CallEffect;
  /** The roles allowed to make this call (the dispatcher refuses the others with `forbidden`). */
  roles: readonly CallerRole[];
}

/** A read may come from any role of today; a write only from the agent. */
const ROLES_FOR: Record<CallEffect, readonly CallerRole[]> = { read: ['agent', 'read-only'], write: ['agent'] };

export const call = <I extends z.ZodType, O extends z.ZodType>(
  access: CallEffect,
  input: I,
  output: O,
  roles: readonly CallerRole[] = ROLES_FOR[access],
): CallSpec<I, O> => ({ input, output, access, roles });

export const Empty = z.object({}).strict();

/**
 * Merges the call (or event) tables of the contract's modules into one: a name defined twice is a
 * contract bug, and fails at load instead of one definition silently replacing the other.
 */
export function mergeTables<T extends Record<string, unknown>[]>(...tables: T): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`Contract: « ${name} » is defined twice`);
      merged[name] = spec;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/**
 * The tables a set of contract modules exports under names ending in `suffix` (`Calls`, `Events`,
 * `Errors`),
 * in a stable order. Each area's contract module (`<area>-calls.ts`) is found by the contract at
 * build time (import.meta.glob), so adding an area edits no shared list.
 */
export function tablesOf(modules: Record<string, Record<string, unknown>>, suffix: 'Calls' | 'Events' | 'Errors'): Record<string, unknown>[] {
  return Object.keys(modules)
    .sort()
    .flatMap((file) => Object.entries(modules[file]!).filter(([name, value]) => name.endsWith(suffix) && typeof value === 'object' && value !== null))
    .map(([, table]) => table as Record<string, unknown>);
}

const AUDIENCES = new WeakMap<object, readonly CallerRole[]>();

/**
 * An event every role listed may receive (the host sends it to their sockets only). Without it, an
 * event is the agent's alone: a pop, a call, a callback or a settings change carries customers'
 * names and numbers or the workstation's accounts.
 */
export function audience<S extends z.ZodType>(roles: readonly CallerRole[], schema: S): S {
  const own = schema.clone() as S;
  AUDIENCES.set(own, roles);
  return own;
}

export function audienceOf(schema: object): readonly CallerRole[] {
  return AUDIENCES.get(schema) ?? ['agent'];
}
