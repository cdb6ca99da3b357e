/**
 * Risque de départ: a customer's risk with its reasons (the pop, the record), and the list of those
 * most at risk for the supervisor to call.
 */
import { z } from 'zod';
import { call, STAFF } from './call-spec';
import { Id, IsoDate } from './model';

export const ChurnRisk = z.object({
  companyId: Id.nullable(),
  contactId: Id.nullable(),
  label: z.string(),
  /** Calibrated chance of leaving within fifteen months. */
  probability: z.number(),
  level: z.enum(['eleve', 'moyen', 'faible']),
  /** Plain French, strongest first (« entretien en retard de 4 mois »). */
  reasons: z.array(z.string()),
});
export type ChurnRisk = z.infer<typeof ChurnRisk>;

export const ChurnModelInfo = z.object({
  /** learned: from the company's own history; rules: the history is too short to learn from. */
  method: z.enum(['learned', 'rules']),
  examples: z.number().int(),
  left: z.number().int(),
  computedAt: IsoDate,
});

export const churnCalls = {
  'churn.forRecord': call(
    'read',
    z.object({ contactId: Id.nullable(), companyId: Id.nullable() }).strict(),
    z.object({ risk: ChurnRisk.nullable(), model: ChurnModelInfo }),
    STAFF,
  ),
  'churn.list': call('read', z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(), z.object({ customers: z.array(ChurnRisk), model: ChurnModelInfo }), STAFF),
} as const;

type ChurnCalls = typeof churnCalls;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends ChurnCalls {}
}
