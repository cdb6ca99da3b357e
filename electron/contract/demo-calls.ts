/**
 * « Simuler un appel » (demo workspace, training): ring the console without a PBX, through the same
 * path as a SIP call. `simulateCall` is a write: the wallboard's read-only link cannot ring anyone.
 */
import { z } from 'zod';
import { call, Empty } from './call-spec';

export const SimulationCallerKind = z.enum(['known_customer', 'shared_landline', 'company_switchboard', 'unknown_number', 'withheld']);
export type SimulationCallerKind = z.infer<typeof SimulationCallerKind>;

export const SimulationCaller = z.object({
  kind: SimulationCallerKind,
  /** What to pass to demo.simulateCall (E.164, or 'anonymous'). */
  number: z.string(),
  /** As Claire reads it; '' for a withheld number. */
  display: z.string(),
  /** Who should pop; '' when nobody. */
  name: z.string(),
});
export type SimulationCaller = z.infer<typeof SimulationCaller>;

export const demoCalls = {
  'demo.simulationCallers': call('read', Empty, z.array(SimulationCaller)),
  'demo.simulateCall': call(
    'write',
    z.object({ number: z.string().trim().min(1).max(64), outcome: z.enum(['answered', 'missed']).default('answered') }).strict(),
    z.object({ callKey: z.string() }),
  ),
} as const;

type DemoCalls = typeof demoCalls;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends DemoCalls {}
}
