/**
 * Every event the services push to the renderer, defined once. Payloads are validated before they
 * leave the services, so a renderer never has to guess at a shape.
 */
import { z } from 'zod';
import { mergeTables, type CallerRole } from './call-spec';
import { CallRecord, ScreenPop, TelephonyStatus, Settings } from './model';
import { syncEvents } from './sync-calls';
import { workEvents } from './work-calls';
import { templateEvents } from './template-calls';
import { supervisionEvents } from './supervision-calls';

const coreEvents = {
  /** The registration with the PBX changed (registered, lost, retrying…). */
  'telephony.status': TelephonyStatus,
  /** A call started ringing: the pop is already assembled. */
  'call.incoming': z.object({ call: CallRecord, pop: ScreenPop }),
  /** A call moved on (answered, missed, answered elsewhere, ended, re-attached). */
  'call.updated': z.object({ call: CallRecord }),
  /** Records changed (quick-create, attach, sync): lists and open cards refresh. */
  'directory.changed': z.object({ contactIds: z.array(z.string()), companyIds: z.array(z.string()) }),
  'settings.changed': Settings,
} as const;

export const events = mergeTables(coreEvents, syncEvents, workEvents, templateEvents, supervisionEvents);

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/**
 * Who receives each event. An event reaches the agent's console; one that the wall screen's
 * read-only link needs (and that carries nothing it may not see) reaches it too. A pop, a call, a
 * callback, a ticket or a settings change carries customers' names and numbers or the workstation's
 * accounts: the agent's only. Listed here, next to the events, so that a new event is the agent's
 * until someone decides otherwise.
 */
const WALL_SCREEN_EVENTS: ReadonlySet<string> = new Set<EventName>([
  'telephony.status',
  'sync.status',
  'supervision.live',
  'supervision.settingsChanged',
  'supervision.figuresChanged',
]);

export function eventAudience(name: EventName): readonly CallerRole[] {
  return WALL_SCREEN_EVENTS.has(name) ? ['agent', 'read-only'] : ['agent'];
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
