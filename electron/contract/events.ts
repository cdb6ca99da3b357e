/**
 * Every event the services push to the renderer, defined once. Payloads are validated before they
 * leave the services, so a renderer never has to guess at a shape.
 */
import { z } from 'zod';
import { audience, audienceOf, callLine, lineOfAor, mergeTables, owned, ownerAllows, tablesOf, type CallerRole, STAFF_AND_WALL_SCREEN } from './call-spec';
import { CallRecord, ScreenPop, TelephonyStatus, Settings } from './model';

const coreEvents = {
  /** The registration with the PBX changed (registered, lost, retrying…). */
  'telephony.status': owned({ owner: (status) => lineOfAor(status.aor) }, audience(STAFF_AND_WALL_SCREEN, TelephonyStatus)),
  /** A call started ringing: the pop is already assembled. */
  'call.incoming': owned({ owner: ({ call }) => callLine(call), alsoTo: ['supervisor', 'admin'] }, z.object({ call: CallRecord, pop: ScreenPop })),
  /** A call moved on (answered, missed, answered elsewhere, ended, re-attached). */
  'call.updated': owned({ owner: ({ call }) => callLine(call), alsoTo: ['supervisor', 'admin'] }, z.object({ call: CallRecord })),
  /** Records changed (quick-create, attach, sync): lists and open cards refresh. */
  'directory.changed': z.object({ contactIds: z.array(z.string()), companyIds: z.array(z.string()) }),
  'settings.changed': Settings,
} as const;

type CoreEvents = typeof coreEvents;

/**
 * Every event: the core's and each area's, found like the calls (see calls.ts): an area's contract
 * module exports `<area>Events` and extends this type from its own file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContractEvents extends CoreEvents {}

export const events = mergeTables(coreEvents, ...tablesOf(import.meta.glob('./*-calls.ts', { eager: true }), 'Events')) as unknown as ContractEvents;

export type Events = ContractEvents;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/**
 * Who receives each event: declared with the event (`audience(roles, schema)`); an event that does
 * not say is the agent's only, so a new event carries nothing to the wall screen until someone decides.
 */
export function eventAudience(name: EventName): readonly CallerRole[] {
  return audienceOf(events[name]);
}

/** Whether this console may receive this event (its role, then whose line it is: see `owned`). */
export function eventReaches(name: EventName, payload: unknown, caller: { role: CallerRole; account?: { sipUser: string | null } }): boolean {
  return audienceOf(events[name]).includes(caller.role) && ownerAllows(events[name], payload, caller);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
