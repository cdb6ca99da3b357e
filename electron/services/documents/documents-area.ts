/**
 * Documents (GED) as an area: the documents of every record (document-library.ts), their bytes in
 * the content store under `<data folder>/documents/`, the upload check (upload-check.ts), the
 * console's calls, and each document's push to HubSpot (documents-hubspot-push.ts) from the
 * process that owns the timers. Other areas add and read documents through the `documents` port
 * (the mailbox: attachments of customer e-mails; the portal; the technicians' app).
 *
 * Limits: ACCUEIL_DOCUMENTS_MAX_MB (default 20) per file; a zip container (DOCX, XLSX, ODT) may
 * declare at most ACCUEIL_DOCUMENTS_MAX_UNPACKED_MB (default 100) unpacked.
 */
import type { AreaModule } from '../area';
import type { DocumentItem } from '../../contract/documents-calls';
import { DOCUMENT_PART_BYTES } from '../../contract/documents-calls';
import { ServiceError } from '../../contract/envelope';
import { ContentStore } from '../shared/content-store';
import { DocumentLibrary, downloadName, type AddDocument } from './document-library';
import { DocumentsHubSpotPush } from './documents-hubspot-push';
import { documentsMigrations } from './documents-migrations';
import { DocumentsRepository, type DocumentLinks, type DocumentRow, type DocumentType } from './documents-repository';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './upload-check';
import { UploadSessions } from '../shared/upload-sessions';

declare module '../area' {
  interface AreaPorts {
    /** The documents of every record: add (checked from the bytes), list, count, read, search. */
    documents: DocumentLibrary;
  }
}

/** Limits from the environment (whole megabytes; a wrong value keeps the default). */
export function uploadLimitsFrom(env: NodeJS.ProcessEnv): UploadLimits {
  const mb = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 && value <= 2_000 ? Math.round(value * 1024 * 1024) : fallback;
  };
  return { ...DEFAULT_UPLOAD_LIMITS, maxBytes: mb('ACCUEIL_DOCUMENTS_MAX_MB', DEFAULT_UPLOAD_LIMITS.maxBytes), maxUnpackedBytes: mb('ACCUEIL_DOCUMENTS_MAX_UNPACKED_MB', DEFAULT_UPLOAD_LIMITS.maxUnpackedBytes) };
}

export function documentItem(row: DocumentRow): DocumentItem {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    version: row.version,
    recordKind: row.recordKind,
    recordId: row.recordId,
    contactId: row.contactId,
    companyId: row.companyId,
    interventionId: row.interventionId,
    quoteId: row.quoteId,
    ticketId: row.ticketId,
    addedBy: { kind: row.addedByKind, name: row.addedByName },
    inHubSpot: row.hubspotNoteId !== null,
    createdAt: row.createdAt,
  };
}

interface PendingUpload {
  name: string;
  type: DocumentType | undefined;
  links: DocumentLinks;
  addedBy: AddDocument['addedBy'];
}

export const documentsArea: AreaModule = {
  name: 'documents',
  // After the CRM (its gateway, 100) and work the call (tickets, 300); before the mailbox (660),
  // which adds e-mail attachments as documents.
  order: 340,
  migrations: documentsMigrations,
  create({ workspace, dataDir, env, events, logger, settings, options, live, port }) {
    const log = logger.child('documents');
    const clock = options.clock ?? (() => new Date());
    const store = workspace.store;
    const repository = store.repository(DocumentsRepository);
    const content = ContentStore.under(dataDir, 'documents');
    const limits = uploadLimitsFrom(env);
    const sync = port('sync');
    const pushToHubSpot = () => settings.workspace() === 'crm';
    const push = new DocumentsHubSpotPush({
      store,
      repository,
      content,
      gateway: () => (pushToHubSpot() ? sync.currentGateway() : null),
      clock,
      logger: log.child('hubspot'),
      // A job waiting out a backoff or the records' push is looked at again within seconds.
      loop: { idleDelayMs: 3_000 },
      ...(env['ACCUEIL_DOCUMENTS_LOOKUP_GRACE_MS'] ? { inFlightGraceMs: Number(env['ACCUEIL_DOCUMENTS_LOOKUP_GRACE_MS']) } : {}),
      ...(env['ACCUEIL_DOCUMENTS_RETRY_MS'] ? { notYetDelayMs: Number(env['ACCUEIL_DOCUMENTS_RETRY_MS']) } : {}),
    });
    const library = new DocumentLibrary({
      repository,
      content,
      limits: () => limits,
      // Demo records never reach a CRM; real ones wait in the queue for the token.
      enqueuePush: (id) => {
        if (!pushToHubSpot()) return;
        push.enqueue(id);
        // After the row's transaction commits (it is synchronous): the push starts at once.
        if (live) setImmediate(() => void push.queue.pass());
      },
      events,
      logger: log,
    });
    const uploads = new UploadSessions<PendingUpload>(
      () => clock().getTime(),
      () => limits.maxBytes,
    );
    const ownerOf = (ctx: { account?: { id: string } } | undefined) => ctx?.account?.id ?? 'console';

    return {
      provides: { documents: library },
      handlers: {
        'documents.list': (link) => library.listFor(link).map(documentItem),
        'documents.count': ({ contactId, companyId }) => ({
          count: contactId ? library.countFor({ kind: 'contact', id: contactId }) : companyId ? library.countFor({ kind: 'company', id: companyId }) : 0,
        }),
        'documents.search': (query) => library.search(query).map(documentItem),
        'documents.beginUpload': ({ name, size, type, links }, ctx) => {
          if (!Object.values(links).some(Boolean)) throw new ServiceError('bad_request', { reason: 'documents.no_link' });
          const account = ctx?.account;
          const addedBy: AddDocument['addedBy'] = account ? { kind: 'account', id: account.id, name: account.name } : { kind: 'console', name: settings.sipDisplayName() || null };
          const uploadId = uploads.begin(ownerOf(ctx), size, { name, type, links, addedBy });
          return { uploadId, partBytes: DOCUMENT_PART_BYTES };
        },
        'documents.uploadPart': ({ uploadId, index, data }, ctx) => ({ received: uploads.part(ownerOf(ctx), uploadId, index, Buffer.from(data, 'base64')) }),
        'documents.finishUpload': ({ uploadId }, ctx) => {
          const { bytes, meta } = uploads.finish(ownerOf(ctx), uploadId);
          return documentItem(library.add({ bytes, name: meta.name, ...(meta.type ? { type: meta.type } : {}), links: meta.links, addedBy: meta.addedBy }));
        },
        'documents.content': ({ id, offset }) => {
          const { meta, bytes } = library.read(id);
          const from = Math.min(offset ?? 0, bytes.length);
          const to = Math.min(from + DOCUMENT_PART_BYTES, bytes.length);
          return { name: downloadName(meta), mime: meta.mime, size: bytes.length, data: bytes.subarray(from, to).toString('base64'), next: to < bytes.length ? to : null };
        },
      },
      start: () => {
        if (live) push.queue.start();
      },
      stop: () => push.queue.stop(),
      purgeDemo: () => {
        repository.purgeDemo();
      },
    };
  },
};
