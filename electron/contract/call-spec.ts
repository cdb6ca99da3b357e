import { z } from 'zod';

/**
 * Who is calling, as a transport vouches for it: the agent's console (the IPC of the desktop app,
 * the web token, or an agent's account on the company server), the wall screen's read-only link,
 * and the company server's other roles — a supervisor, an administrator, a technician (who has
 * his own surface and none of the console's calls).
 */
export type CallerRole = 'agent' | 'read-only' | 'supervisor' | 'admin' | 'technician';

/** The people at the console: every call the agent may make, a supervisor and an admin may too. */
export const STAFF: readonly CallerRole[] = ['agent', 'supervisor', 'admin'];
/** The staff and the wall screen's read-only link: what the wall shows, nothing private. */
export const STAFF_AND_WALL_SCREEN: readonly CallerRole[] = [...STAFF, 'read-only'];

/** What a handler knows of its caller (the second argument of every handler). */
export interface CallContext {
  role: CallerRole;
  /** The logged-in account on the company server; absent on a standalone console. */
  account?: { id: string; login: string; name: string; sipUser: string | null };
  /** The caller's address as the host saw it (the audit log of administrative changes). */
  ip?: string | null;
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
  /**
   * On the company server (a caller with an account), the roles allowed instead: a setting of the
   * whole company (PBX, CRM token, mail server, targets) is the administrator's.
   */
  serverRoles?: readonly CallerRole[];
}

/** A setting of the whole company: on the company server only an administrator changes it. */
export const companySetting = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> => ({ ...spec, serverRoles: ['admin'] });

/** A read may come from the staff and the wall screen; a write from the staff only. */
const ROLES_FOR: Record<CallEffect, readonly CallerRole[]> = { read: STAFF_AND_WALL_SCREEN, write: STAFF };

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
 * event is the staff's alone (agent, supervisor, admin): a pop, a call, a callback or a settings change carries customers'
 * names and numbers or the workstation's accounts.
 */
export function audience<S extends z.ZodType>(roles: readonly CallerRole[], schema: S): S {
  const own = schema.clone() as S;
  AUDIENCES.set(own, roles);
  return own;
}

export function audienceOf(schema: object): readonly CallerRole[] {
  return AUDIENCES.get(schema) ?? STAFF;
}

/**
 * Whose an event is, when it is one person's: a call rings on one agent's line, a line's status is
 * that agent's. `owner(payload)` names the line (its SIP user); the host sends the event to the
 * consoles of that line's agent, and to the roles in `alsoTo` (supervisors see every call). A
 * console without an account (the standalone desk) has every line: it gets everything.
 */
export interface EventOwnership {
  owner: (payload: never) => string | null;
  alsoTo: readonly CallerRole[];
}

const OWNERSHIPS = new WeakMap<object, EventOwnership>();

export function owned<S extends z.ZodType>(ownership: { owner: (payload: z.output<S>) => string | null; alsoTo?: readonly CallerRole[] }, schema: S): S {
  const own = schema.clone() as S;
  OWNERSHIPS.set(own, { owner: ownership.owner as EventOwnership['owner'], alsoTo: ownership.alsoTo ?? [] });
  const roles = AUDIENCES.get(schema);
  if (roles) AUDIENCES.set(own, roles);
  return own;
}

/** Whether a console may receive this event's payload, beyond its role (see `owned`). */
export function ownerAllows(schema: object, payload: unknown, caller: { role: CallerRole; account?: { sipUser: string | null } }): boolean {
  const ownership = OWNERSHIPS.get(schema);
  if (!ownership || !caller.account) return true;
  if (ownership.alsoTo.includes(caller.role)) return true;
  const owner = ownership.owner(payload as never);
  return owner === null || owner === caller.account.sipUser;
}

/** The line a call belongs to: the one it rang on (inbound), the one that placed it (outbound). */
export function callLine(call: { direction: 'inbound' | 'outbound'; toRaw: string; fromRaw: string }): string {
  return call.direction === 'inbound' ? call.toRaw : call.fromRaw;
}

/** A line's SIP user from its address (sip:claire@pbx → claire). */
export function lineOfAor(aor: string | null): string | null {
  const match = aor ? /^sips?:([^@;]+)@/i.exec(aor) : null;
  return match ? match[1]! : null;
}
