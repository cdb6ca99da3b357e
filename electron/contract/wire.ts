/**
 * Frames of web mode's WebSocket. Each frame is JSON; incoming frames are validated like any
 * other input, so a hostile page that somehow got a socket still cannot crash the host.
 */
import { z } from 'zod';
import type { CallerRole } from './call-spec';

export const ClientFrame = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

export type ServerFrame =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; name: string; payload: unknown }
  | { t: 'hello'; access: CallerRole };

export { WS_PATH, MAX_FRAME_BYTES } from './wire-constants';
