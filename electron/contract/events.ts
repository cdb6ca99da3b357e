/**
 * Every event the services push to the renderer, defined once. Payloads are validated before they
 * leave the services, so a renderer never has to guess at a shape.
 */
import { z } from 'zod';
import { CallRecord, ScreenPop, TelephonyStatus, Settings } from './model';
import { syncEvents } from './sync-calls';
import { workEvents } from './work-calls';
import { templateEvents } from './template-calls';
import { supervisionEvents } from './supervision-calls';

export const events = {
  /** The registration with the PBX changed (registered, lost, retrying…). */
  'telephony.status': TelephonyStatus,
  /** A call started ringing: the pop is already assembled. */
  'call.incoming': z.object({ call: CallRecord, pop: ScreenPop }),
  /** A call moved on (answered, missed, answered elsewhere, ended, re-attached). */
  'call.updated': z.object({ call: CallRecord }),
  /** Records changed (quick-create, attach, sync): lists and open cards refresh. */
  'directory.changed': z.object({ contactIds: z.array(z.string()), companyIds: z.array(z.string()) }),
  'settings.changed': Settings,
  ...syncEvents,
  ...workEvents,
  ...templateEvents,
  ...supervisionEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
