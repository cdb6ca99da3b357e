/**
 * DocumentLibrary: the documents of every record (the GED), as the console, the portal, the mailbox
 * and the technicians' app reach it (the `documents` port).
 *
 *   add({ bytes, name, type?, links, addedBy })   checked from the bytes (upload-check.ts) ──► refused
 *        │                                         with a reason, logged, nothing kept
 *        ├─► bytes written once per content (content store, by SHA-256)
 *        └─► one transaction: the row (next version of this name on this record) + its HubSpot job
 *   listFor(link) · countFor(link) · read(id) → { meta, bytes } · search({ text?, type? })
 *
 * A document added on a ticket, an intervention or a quote is also linked to that record's contact
 * and company, so their record shows it. A machine's add (an e-mail attachment) carries a source
 * key: the same one twice is one document.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../contract/envelope';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { ContentStore } from '../shared/content-store';
import { checkUpload, DETECTED, extensionOf, type UploadLimits, type UploadVerdict } from './upload-check';
import type { AddedByKind, DocumentLinks, DocumentRow, DocumentType, DocumentsRepository, RecordKind } from './documents-repository';

export interface AddDocument {
  bytes: Buffer;
  /** As the person or the mail client named it (never a path on disk). */
  name: string;
  /** Default: a picture is a photo, anything else « autre ». */
  type?: DocumentType;
  links: DocumentLinks;
  addedBy: { kind: AddedByKind; id?: string | null; name?: string | null };
  /** Makes a machine's add idempotent (the same e-mail attachment read twice). */
  sourceKey?: string;
}

export interface DocumentLink {
  kind: RecordKind;
  id: string;
}

export interface DocumentLibraryOptions {
  repository: DocumentsRepository;
  content: ContentStore;
  limits: () => UploadLimits;
  /** Called in the row's transaction: queues the push to HubSpot (nothing in the demo workspace). */
  enqueuePush: (documentId: string) => void;
  events: EventBus;
  logger: Logger;
}

/** The record a document is counted on for its versions: the most specific it is linked to. */
const PRIMARY_ORDER: readonly RecordKind[] = ['ticket', 'intervention', 'quote', 'contact', 'company'];
const LINK_KEY: Record<RecordKind, keyof DocumentLinks> = { contact: 'contactId', company: 'companyId', intervention: 'interventionId', quote: 'quoteId', ticket: 'ticketId' };

/** A name safe to show and to send back as a download name: no folders, no control characters. */
export function cleanName(name: string): string {
  const base = name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .split(/[\\/]/)
    .pop()!
    .trim()
    .replace(/^\.+/, '');
  return (base || 'document').slice(0, 200);
}

/** The name a download is saved under: the given name, ending with the extension its bytes are. */
export function downloadName(row: Pick<DocumentRow, 'name' | 'extension'>): string {
  const ext = extensionOf(row.name);
  const same = ext === row.extension || (row.extension === 'jpg' && ext === 'jpeg') || (row.extension === 'txt' && ['csv', 'log', 'md'].includes(ext));
  return same ? row.name : `${row.name}.${row.extension}`;
}

export class DocumentLibrary {
  constructor(private readonly options: DocumentLibraryOptions) {}

  /** Adds a document (see the module comment); throws a ServiceError saying why one is refused. */
  add(input: AddDocument): DocumentRow {
    const { repository, logger } = this.options;
    const name = cleanName(input.name);
    if (input.sourceKey) {
      const known = repository.bySourceKey(input.sourceKey);
      if (known) return known;
    }
    const links = this.resolveLinks(input.links);
    const verdict = checkUpload(input.bytes, name, this.options.limits());
    if (!verdict.ok) {
      logger.warn('document refused', { reason: verdict.reason, detail: verdict.detail, name, size: input.bytes.length, by: input.addedBy.kind, record: `${links.primary.kind}:${links.primary.id}` });
      throw new ServiceError('bad_request', { reason: verdict.reason, params: verdict.params } as never);
    }
    const sha256 = this.options.content.keep(input.bytes);
    const type = input.type ?? (['jpeg', 'png', 'webp', 'heic'].includes(verdict.type.kind) ? 'photo' : 'autre');
    const row = repository.transaction(() => {
      if (input.sourceKey) {
        const again = repository.bySourceKey(input.sourceKey);
        if (again) return again;
      }
      const inserted = repository.insert({
        id: randomUUID(),
        name,
        type,
        mime: verdict.type.mime,
        extension: verdict.type.extension,
        size: input.bytes.length,
        sha256,
        recordKind: links.primary.kind,
        recordId: links.primary.id,
        contactId: links.all.contactId ?? null,
        companyId: links.all.companyId ?? null,
        interventionId: links.all.interventionId ?? null,
        quoteId: links.all.quoteId ?? null,
        ticketId: links.all.ticketId ?? null,
        addedByKind: input.addedBy.kind,
        addedById: input.addedBy.id ?? null,
        addedByName: input.addedBy.name ?? null,
        sourceKey: input.sourceKey ?? null,
      });
      this.options.enqueuePush(inserted.id);
      return inserted;
    });
    logger.info('document kept', { id: row.id, kind: DETECTED[verdict.type.kind].kind, size: row.size, version: row.version, by: row.addedByKind, record: `${links.primary.kind}:${links.primary.id}` });
    this.options.events.emit('documents.changed', this.changedPayload(row));
    return row;
  }

  /** What a file is, read from its bytes under the library's limits, without keeping it (a technician's photo waiting for « Terminé »). */
  check(bytes: Buffer, name: string): UploadVerdict {
    return checkUpload(bytes, cleanName(name), this.options.limits());
  }

  listFor(link: DocumentLink): DocumentRow[] {
    return this.options.repository.listFor(link.kind, link.id);
  }

  countFor(link: DocumentLink): number {
    return this.options.repository.countFor(link.kind, link.id);
  }

  get(id: string): DocumentRow {
    const row = this.options.repository.get(id);
    if (!row) throw new ServiceError('not_found', { reason: 'documents.not_found' });
    return row;
  }

  /** A document and its bytes. */
  read(id: string): { meta: DocumentRow; bytes: Buffer } {
    const meta = this.get(id);
    const bytes = this.options.content.read(meta.sha256);
    if (!bytes) {
      this.options.logger.error('document file missing', { id, sha256: meta.sha256 });
      throw new ServiceError('unavailable', { reason: 'documents.file_missing' });
    }
    return { meta, bytes };
  }

  search(query: { text?: string; type?: DocumentType; limit?: number }): DocumentRow[] {
    return this.options.repository.search({ ...query, limit: Math.min(query.limit ?? 50, 200) });
  }

  /** The records an upload hangs on, each checked to exist, plus the contact and company of a ticket, intervention or quote. */
  private resolveLinks(given: DocumentLinks): { primary: DocumentLink; all: DocumentLinks } {
    const { repository } = this.options;
    const all: DocumentLinks = {};
    for (const kind of PRIMARY_ORDER) {
      const id = given[LINK_KEY[kind]];
      if (!id) continue;
      if (!repository.recordExists(kind, id)) throw new ServiceError('not_found', { reason: 'documents.record_not_found' });
      all[LINK_KEY[kind]] = id;
    }
    const primaryKind = PRIMARY_ORDER.find((kind) => all[LINK_KEY[kind]]);
    if (!primaryKind) throw new ServiceError('bad_request', { reason: 'documents.no_link' });
    for (const kind of ['ticket', 'intervention', 'quote'] as const) {
      const id = all[LINK_KEY[kind]];
      if (!id) continue;
      const owners = repository.ownersOf(kind, id);
      if (owners?.contactId && !all.contactId) all.contactId = owners.contactId;
      if (owners?.companyId && !all.companyId) all.companyId = owners.companyId;
    }
    return { primary: { kind: primaryKind, id: all[LINK_KEY[primaryKind]]! }, all };
  }

  private changedPayload(row: DocumentRow) {
    return {
      contactIds: row.contactId ? [row.contactId] : [],
      companyIds: row.companyId ? [row.companyId] : [],
      ticketIds: row.ticketId ? [row.ticketId] : [],
    };
  }
}
