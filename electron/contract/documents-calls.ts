/**
 * Documents (GED): the files of a record — quotes, invoices, maintenance certificates, intervention
 * reports, photos, plans — listed, searched, added and downloaded by the console.
 *
 * A socket frame is at most 1 MB, so a file crosses in parts of at most DOCUMENT_PART_BYTES
 * (base64): `documents.beginUpload` (name, size, records: a file over the limit is refused before
 * anything is sent), `documents.uploadPart` × n, `documents.finishUpload` (the bytes are checked
 * there, from their content). A download comes back the same way (`documents.content`, by offset);
 * the web host also serves `GET /api/documents/<id>/fichier` as an attachment.
 */
import { z } from 'zod';
import { audience, call, STAFF } from './call-spec';
import { Base64Part, FILE_PART_BYTES, Id, IsoDate } from './model';

/** Bytes of one part (before base64): see FILE_PART_BYTES. */
export const DOCUMENT_PART_BYTES = FILE_PART_BYTES;

export const DocumentType = z.enum(['devis', 'facture', 'attestation_entretien', 'rapport_intervention', 'photo', 'plan', 'autre']);
export type DocumentType = z.infer<typeof DocumentType>;
export const DocumentRecordKind = z.enum(['contact', 'company', 'intervention', 'quote', 'ticket']);

export const DocumentLinks = z
  .object({ contactId: Id.nullish(), companyId: Id.nullish(), interventionId: Id.nullish(), quoteId: Id.nullish(), ticketId: Id.nullish() })
  .strict();

export const DocumentItem = z.object({
  id: Id,
  name: z.string(),
  type: DocumentType,
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  version: z.number().int(),
  recordKind: DocumentRecordKind,
  recordId: Id,
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  interventionId: Id.nullable(),
  quoteId: Id.nullable(),
  ticketId: Id.nullable(),
  addedBy: z.object({ kind: z.enum(['account', 'console', 'customer', 'technician', 'mail']), name: z.string().nullable() }),
  /** The file and its note are in HubSpot. */
  inHubSpot: z.boolean(),
  createdAt: IsoDate,
});
export type DocumentItem = z.infer<typeof DocumentItem>;

const Link = z.object({ kind: DocumentRecordKind, id: Id }).strict();
const Base64 = Base64Part;

export const documentsCalls = {
  /** Every version of the documents of a record, newest first. */
  'documents.list': call('read', Link, z.array(DocumentItem), STAFF),
  /** How many documents a record has (its versions count once): the pop's « 3 documents ». */
  'documents.count': call('read', z.object({ contactId: Id.nullish(), companyId: Id.nullish() }).strict(), z.object({ count: z.number().int() }), STAFF),
  'documents.search': call(
    'read',
    z.object({ text: z.string().max(200).optional(), type: DocumentType.optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
    z.array(DocumentItem),
    STAFF,
  ),
  'documents.beginUpload': call(
    'write',
    z.object({ name: z.string().trim().min(1).max(255), size: z.number().int().min(0), type: DocumentType.optional(), links: DocumentLinks }).strict(),
    z.object({ uploadId: z.string(), partBytes: z.number().int() }),
    STAFF,
  ),
  'documents.uploadPart': call(
    'write',
    z.object({ uploadId: z.string().max(64), index: z.number().int().min(0).max(10_000), data: Base64 }).strict(),
    z.object({ received: z.number().int() }),
    STAFF,
  ),
  'documents.finishUpload': call('write', z.object({ uploadId: z.string().max(64) }).strict(), DocumentItem, STAFF),
  /** A part of a document's bytes (base64), from `offset`; `next` is null after the last. */
  'documents.content': call(
    'read',
    z.object({ id: Id, offset: z.number().int().min(0).optional() }).strict(),
    z.object({ name: z.string(), mime: z.string(), size: z.number().int(), data: z.string(), next: z.number().int().nullable() }),
    STAFF,
  ),
} as const;

export const documentsEvents = {
  /** A document was added to these records: their lists and counts read again. */
  'documents.changed': audience(STAFF, z.object({ contactIds: z.array(Id), companyIds: z.array(Id), ticketIds: z.array(Id) })),
} as const;

type DocumentsCalls = typeof documentsCalls;
type DocumentsEvents = typeof documentsEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends DocumentsCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends DocumentsEvents {}
}
