/**
 * Sage: the customer accounts and open items (échéances) read from Sage's files, what the pop shows
 * of them (« Impayés : 2 factures, 3 450,00 € … »), and the review of doubtful matches. Imports and
 * exports run from the command line (`accueil sage import|export`) and the watched folder.
 */
import { z } from 'zod';
import { audience, call, Empty, STAFF } from './call-spec';
import { Id, IsoDate } from './model';

export const SageOpenItem = z.object({
  accountCode: z.string(),
  accountName: z.string(),
  piece: z.string(),
  /** YYYY-MM-DD. */
  dueDate: z.string(),
  issuedOn: z.string().nullable(),
  amountCents: z.number().int(),
  label: z.string().nullable(),
  /** Days past the due date (Paris calendar), 0 or less when not due yet. */
  overdueDays: z.number().int(),
});
export type SageOpenItem = z.infer<typeof SageOpenItem>;

export const UnpaidSummary = z.object({
  /** Invoices past their due date and not lettered (not matched with a payment). */
  count: z.number().int().min(0),
  totalCents: z.number().int(),
  /** Days since the oldest of them fell due; null without unpaid invoices. */
  oldestOverdueDays: z.number().int().nullable(),
  /** Every open item of the customer (not due yet and credit notes too), oldest due first. */
  items: z.array(SageOpenItem),
  /** The Sage codes of the customer's accounts. */
  accountCodes: z.array(z.string()),
});
export type UnpaidSummary = z.infer<typeof UnpaidSummary>;

export const SageReviewCandidate = z.object({
  companyId: Id.nullable(),
  contactId: Id.nullable(),
  label: z.string(),
  why: z.string(),
});

export const SageReview = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  reason: z.string(),
  candidates: z.array(SageReviewCandidate),
  createdAt: z.string(),
});
export type SageReview = z.infer<typeof SageReview>;

export const SageConflict = z.object({
  code: z.string(),
  accountName: z.string(),
  companyId: Id,
  companyName: z.string().nullable(),
  field: z.enum(['name', 'siret', 'address', 'postal_code', 'city']),
  sageValue: z.string(),
  localValue: z.string(),
  detectedAt: IsoDate,
  /** Settled by keeping Accueil's value (to correct in Sage). */
  keptLocal: z.boolean(),
});
export type SageConflict = z.infer<typeof SageConflict>;

export const sageCalls = {
  /** What the customer owes (a company, or a contact: its own accounts and its company's). */
  'sage.unpaid': call('read', z.object({ companyId: Id.nullable().default(null), contactId: Id.nullable().default(null) }).strict(), UnpaidSummary.nullable(), STAFF),
  'sage.reviews': call('read', Empty, z.array(SageReview), STAFF),
  'sage.conflicts': call('read', Empty, z.array(SageConflict), STAFF),
  /** Keep Sage's value (applied to the company, then to HubSpot) or Accueil's (remembered, to correct in Sage). */
  'sage.resolveConflict': call('write', z.object({ code: z.string().min(1).max(40), field: z.string().min(1).max(40), keep: z.enum(['sage', 'local']) }).strict(), z.object({ companyId: Id }), STAFF),
  /**
   * A person's decision on a doubtful match: the candidate proposed (accept), another record (pick),
   * a new company (create), or leave the account unlinked (ignore).
   */
  'sage.decideReview': call(
    'write',
    z
      .object({
        reviewId: z.number().int(),
        decision: z.enum(['accept', 'pick', 'create', 'ignore']),
        companyId: Id.nullable().default(null),
        contactId: Id.nullable().default(null),
      })
      .strict(),
    z.object({ code: z.string(), companyId: Id.nullable(), contactId: Id.nullable() }),
    STAFF,
  ),
} as const;


export const sageEvents = {
  /** An import changed accounts or open items: the « Impayés » lines are worth reading again. */
  'sage.changed': audience(STAFF, z.object({ companyIds: z.array(Id) })),
} as const;

type SageCalls = typeof sageCalls;
type SageEvents = typeof sageEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends SageCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends SageEvents {}
}
