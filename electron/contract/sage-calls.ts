/**
 * Sage: the customer accounts and open items (échéances) read from Sage's files, what the pop shows
 * of them (« Impayés : 2 factures, 3 450,00 € … »), and the review of doubtful matches. Imports run
 * from the command line (`accueil sage import|export`), the watched folder, and Paramètres › Import
 * Sage: the file crosses in parts (`sage.beginUpload`, `sage.uploadPart` × n, `sage.finishUpload`,
 * which answers how it would be read), the person adjusts the source, page, kind and columns
 * (`sage.analyseFile`), tries it (`sage.importFile` with dryRun) and imports it.
 */
import { z } from 'zod';
import { audience, call, Empty, STAFF, type CallerRole } from './call-spec';
import { Base64Part, FILE_PART_BYTES, Id, IsoDate } from './model';

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

export const SAGE_FORMATS = ['sage100', 'sage50', 'csv'] as const;
export const SAGE_ENCODINGS = ['utf-8', 'windows-1252', 'ibm850', 'ibm437'] as const;
const FileError = z.object({ line: z.number().int().nullable(), reason: z.string() }).nullable();
const SageKind = z.enum(['accounts', 'open-items']);

/** How a staged file would be read (see SageBridge.analyse). */
export const SageFileAnalysis = z.object({
  fileId: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  source: z.string(),
  knownSource: z.boolean(),
  format: z.enum(SAGE_FORMATS),
  encoding: z.enum(SAGE_ENCODINGS),
  bom: z.boolean(),
  kind: SageKind,
  headers: z.array(z.string()).nullable(),
  /** Field (code, name, postalCode…; account, piece, dueDate, amount…) → header label. */
  mapping: z.record(z.string(), z.string()),
  /** Every field a column may be mapped to, for this kind (none for Sage 100: by position). */
  fields: z.array(z.string()),
  required: z.array(z.string()),
  missing: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  fileError: FileError,
});
export type SageFileAnalysis = z.infer<typeof SageFileAnalysis>;

const LineProblem = z.object({ line: z.number().int(), reason: z.string() });
/** At most this many refused lines and notes cross (the counts are whole; the CLI's report lists all). */
export const SAGE_REPORT_LINES = 500;

export const SageImportSummary = z.object({
  fileName: z.string(),
  format: z.enum(SAGE_FORMATS),
  encoding: z.enum(SAGE_ENCODINGS),
  kind: SageKind,
  dryRun: z.boolean(),
  fileError: FileError,
  accounts: z.object({ read: z.number().int(), created: z.number().int(), linked: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), toReview: z.number().int(), ignored: z.number().int() }),
  openItems: z.object({ read: z.number().int(), added: z.number().int(), changed: z.number().int(), removed: z.number().int(), unchanged: z.number().int() }),
  rejected: z.array(LineProblem),
  rejectedCount: z.number().int(),
  warnings: z.array(LineProblem),
  warningsCount: z.number().int(),
  conflicts: z.number().int(),
  reviews: z.number().int(),
  exportsMissing: z.number().int(),
  exportsArrived: z.number().int(),
});
export type SageImportSummary = z.infer<typeof SageImportSummary>;

/** What the person chose in the import step; absent: the source's remembered settings, else the file's. */
const ReadChoice = {
  source: z.string().trim().min(1).max(40).regex(/^[\p{L}0-9][\p{L}0-9 _-]*$/u).optional(),
  format: z.enum(SAGE_FORMATS).optional(),
  encoding: z.enum(SAGE_ENCODINGS).optional(),
  kind: SageKind.optional(),
  mapping: z.record(z.string().max(40), z.string().trim().min(1).max(200)).optional(),
};
const FileId = z.string().min(1).max(64);

/** Imports change the customer file: a supervisor's or an administrator's on the company server. */
const IMPORTERS = { serverRoles: ['supervisor', 'admin'] as readonly CallerRole[] };

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
  'sage.beginUpload': { ...call('write', z.object({ name: z.string().trim().min(1).max(255), size: z.number().int().min(1) }).strict(), z.object({ uploadId: z.string(), partBytes: z.number().int() }), STAFF), ...IMPORTERS },
  'sage.uploadPart': { ...call('write', z.object({ uploadId: z.string().max(64), index: z.number().int().min(0).max(10_000), data: Base64Part }).strict(), z.object({ received: z.number().int() }), STAFF), ...IMPORTERS },
  /** The file is whole: it stays staged (30 min) under its `fileId` and is analysed with its source's settings. */
  'sage.finishUpload': { ...call('write', z.object({ uploadId: z.string().max(64) }).strict(), SageFileAnalysis, STAFF), ...IMPORTERS },
  'sage.analyseFile': { ...call('write', z.object({ fileId: FileId, ...ReadChoice }).strict(), SageFileAnalysis, STAFF), ...IMPORTERS },
  /** A dry run stores nothing; an import stores the file in one transaction and remembers the choices for its source. */
  'sage.importFile': { ...call('write', z.object({ fileId: FileId, ...ReadChoice, dryRun: z.boolean() }).strict(), SageImportSummary, STAFF), ...IMPORTERS },
  'sage.discardFile': { ...call('write', z.object({ fileId: FileId }).strict(), z.object({ discarded: z.boolean() }), STAFF), ...IMPORTERS },
} as const;

/** Bytes of one part of a Sage file sent from the console (see FILE_PART_BYTES). */
export const SAGE_PART_BYTES = FILE_PART_BYTES;


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
