/**
 * Interventions (a technician's visit on a site): what the console can do to one today — mark it
 * done, from the pop or the record, when the technician phones in. Marking it done is what sends
 * the customer's satisfaction survey (the satisfaction area watches the status, whoever sets it:
 * this call, a HubSpot meeting outcome, later the technicians' app).
 */
import { z } from 'zod';
import { call } from './call-spec';
import { Id, Intervention } from './model';

export const interventionsCalls = {
  'interventions.complete': call(
    'write',
    z.object({ interventionId: Id, report: z.string().trim().max(4_000).optional() }).strict(),
    Intervention,
    ['agent', 'supervisor', 'admin', 'technician'],
  ),
} as const;

type InterventionsCalls = typeof interventionsCalls;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends InterventionsCalls {}
}
