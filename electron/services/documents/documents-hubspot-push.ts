/**
 * Each document to HubSpot, once: the file through the Files API (`access: PRIVATE`, in the folder
 * /Accueil/documents under the name accueil-<document id>), then a note on its records whose
 * `hs_attachment_ids` names the file (HubSpot attaches files to records only through an engagement).
 *
 * One durable job per document (queue 'documents-hubspot', idempotency key `document:<id>`: never
 * queued twice), on the CRM area's gateway (shared rate limits). What HubSpot answered is recorded
 * on the row (hubspot_file_id, then hubspot_note_id), so a restart resumes at the step it was at.
 * A job found in flight (a crash or a cut connection between a request and its recorded answer) is
 * looked up before anything is sent again:
 *   note   ──► search notes by accueil_id = document-<id>     found: recorded, done
 *   file   ──► GET files/v3/files/stat/<folder>/<name>        found: recorded, the note follows
 * and the note is only sent again once HubSpot's search has had `inFlightGraceMs` to catch up.
 */
import type { Client } from '@hubspot/api-client';
import { JobQueue, NotYet, type InFlightResolution, type JobRun } from '../jobs/job-queue';
import { JobsRepository } from '../store/jobs-repository';
import type { AccueilStore } from '../store';
import type { Logger } from '../log';
import type { HubSpotGateway } from '../crm/hubspot-client';
import { hubSpotFailure, UnansweredCreates } from '../shared/unanswered-creates';
import { ensureHubSpotProperty } from '../shared/hubspot-property';
import type { ContentStore } from '../shared/content-store';
import { downloadName } from './document-library';
import type { DocumentRow, DocumentsRepository, RecordKind } from './documents-repository';

export const DOCUMENTS_HUBSPOT_QUEUE = 'documents-hubspot';
/** Where Accueil's files go in HubSpot's file manager. */
export const HUBSPOT_FOLDER = '/Accueil/documents';
/** The notes' own id property, as the CRM outbox names it (areas share no code at run time). */
const ACCUEIL_ID = 'accueil_id';
/** HubSpot-defined association type ids, note → record (v4). */
const NOTE_ASSOCIATION: Partial<Record<RecordKind, { type: string; id: number }>> = {
  contact: { type: 'contacts', id: 202 },
  company: { type: 'companies', id: 190 },
  ticket: { type: 'tickets', id: 228 },
  quote: { type: 'deals', id: 214 },
};
/** The CRM outbox's queue: a record still waiting there has no HubSpot id yet. */
const CRM_QUEUE = 'hubspot';
const CRM_KIND: Partial<Record<RecordKind, string>> = { contact: 'contact', company: 'company', ticket: 'ticket' };

const TYPE_LABEL: Record<string, string> = {
  devis: 'Devis',
  facture: 'Facture',
  attestation_entretien: 'Attestation d’entretien',
  rapport_intervention: 'Rapport d’intervention',
  photo: 'Photo',
  plan: 'Plan',
  autre: 'Document',
};

export const hubSpotFileName = (row: Pick<DocumentRow, 'id' | 'extension'>): string => `accueil-${row.id}.${row.extension}`;
export const noteAccueilId = (documentId: string): string => `document-${documentId}`;

export interface DocumentsHubSpotPushOptions {
  store: AccueilStore;
  repository: DocumentsRepository;
  content: ContentStore;
  gateway: () => HubSpotGateway | null;
  clock: () => Date;
  logger?: Logger;
  /** How long a note whose answer was lost is searched for before it is sent again (default 60 s). */
  inFlightGraceMs?: number;
  /** The wait while the document's records are not in HubSpot yet (default 30 s). */
  notYetDelayMs?: number;
  loop?: { idleDelayMs?: number; busyDelayMs?: number };
}

export class DocumentsHubSpotPush {
  readonly queue: JobQueue;
  private readonly jobs: JobsRepository;
  private noteIdReady = false;
  private readonly creates = new UnansweredCreates();

  constructor(private readonly options: DocumentsHubSpotPushOptions) {
    this.jobs = new JobsRepository(options.store.database, options.clock);
    this.queue = new JobQueue({
      queue: DOCUMENTS_HUBSPOT_QUEUE,
      jobs: this.jobs,
      handlers: { push: (run) => this.push(run) },
      classify: (error) => this.creates.classify(error),
      resolveInFlight: (run) => this.resolveInFlight(run),
      inFlightGraceMs: options.inFlightGraceMs ?? 60_000,
      notYetDelayMs: options.notYetDelayMs ?? 30_000,
      waitReasons: {
        earlierInFlight: 'un envoi précédent de ce document n’a pas encore abouti',
        inFlightGrace: 'recherche HubSpot en retard : vérification avant un nouvel envoi',
      },
      ...(options.loop ? { loop: options.loop } : {}),
      clock: options.clock,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** Queues a document's push; inside the transaction that writes its row. */
  enqueue(documentId: string): void {
    this.jobs.enqueue(DOCUMENTS_HUBSPOT_QUEUE, { kind: 'push', subject: documentId, idempotencyKey: `document:${documentId}` });
  }

  private gateway(): HubSpotGateway {
    const gateway = this.options.gateway();
    if (!gateway) throw new NotYet('HubSpot n’est pas configuré : les documents partiront avec le jeton');
    return gateway;
  }

  private async resolveInFlight(run: JobRun): Promise<InFlightResolution> {
    const row = run.job.subject ? this.options.repository.get(run.job.subject) : null;
    if (!row || row.hubspotNoteId) return 'completed';
    const gateway = this.gateway();
    if (row.hubspotFileId) {
      await this.ensureNoteId(gateway);
      const found = await gateway.call(
        'search',
        'lookup document note',
        (c: Client) =>
          c.crm.objects.searchApi.doSearch('notes', { filterGroups: [{ filters: [{ propertyName: ACCUEIL_ID, operator: 'EQ' as never, value: noteAccueilId(row.id) }] }], properties: [ACCUEIL_ID], limit: 1 }),
      );
      const note = found.results[0];
      if (note) {
        run.complete(() => this.options.repository.setHubspotNote(row.id, String(note.id)));
        return 'completed';
      }
      return 'absent';
    }
    // The file: looked up by its path (no search lag there); found, the note follows at once.
    try {
      const stat = await gateway.call('general', 'stat document file', (c: Client) => c.files.filesApi.getMetadata(`${HUBSPOT_FOLDER}/${hubSpotFileName(row)}`));
      const fileId = stat.file?.id;
      if (fileId) {
        this.options.repository.setHubspotFile(row.id, String(fileId));
        return 'idempotent';
      }
    } catch (error) {
      if (hubSpotFailure(error).kind !== 'not_found') throw error;
    }
    // Not uploaded: nothing of this document is in HubSpot; sending again is safe.
    return 'idempotent';
  }

  /** The records of the note: those already in HubSpot; waits (NotYet) while one is still on its way. */
  private associations(row: DocumentRow): Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> }> {
    const out: Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> }> = [];
    const links: Array<[RecordKind, string | null]> = [
      ['contact', row.contactId],
      ['company', row.companyId],
      ['ticket', row.ticketId],
      ['quote', row.quoteId],
    ];
    for (const [kind, id] of links) {
      if (!id) continue;
      const hubspotId = this.options.repository.hubspotIdOf(kind, id);
      if (!hubspotId) {
        const crmKind = CRM_KIND[kind];
        if (crmKind && this.jobs.isQueued(CRM_QUEUE, crmKind, id)) throw new NotYet(`en attente de l’envoi du ${crmKind} associé`);
        continue;
      }
      out.push({ to: { id: hubspotId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_ASSOCIATION[kind]!.id }] });
    }
    if (out.length === 0) throw new NotYet('aucune fiche de ce document n’est encore dans HubSpot');
    return out;
  }

  private async ensureNoteId(gateway: HubSpotGateway): Promise<void> {
    if (this.noteIdReady) return;
    await ensureHubSpotProperty(gateway, 'notes', { name: ACCUEIL_ID, label: 'Identifiant Accueil', description: 'Identifiant de l’enregistrement dans Accueil (évite les doublons)', hasUniqueValue: false, groupName: 'noteinformation' });
    this.noteIdReady = true;
  }


  private async push(run: JobRun): Promise<void> {
    this.creates.reset();
    const { repository } = this.options;
    let row = run.job.subject ? repository.get(run.job.subject) : null;
    if (!row || row.hubspotNoteId) return run.complete();
    const gateway = this.gateway();
    const associations = this.associations(row);
    await this.ensureNoteId(gateway);
    if (!row.hubspotFileId) {
      const bytes = this.options.content.read(row.sha256);
      if (!bytes) throw new Error(`document file missing: ${row.sha256}`);
      run.markInFlight();
      const file = (await gateway.call('general', 'upload document file', (c: Client) =>
        this.creates.run(() => c.files.filesApi.upload(
          { data: bytes, name: downloadName(row!) },
          undefined,
          HUBSPOT_FOLDER,
          hubSpotFileName(row!),
          undefined,
          JSON.stringify({ access: 'PRIVATE', overwrite: false, duplicateValidationStrategy: 'NONE', duplicateValidationScope: 'EXACT_FOLDER' }),
        )),
      )) as { id?: string | number };
      if (file?.id === undefined) throw new Error('HubSpot did not return the uploaded file’s id');
      repository.transaction(() => repository.setHubspotFile(row!.id, String(file.id)));
      row = repository.get(row.id)!;
    }
    const version = row.version > 1 ? ` (version ${row.version})` : '';
    const by = row.addedByName ? ` par ${row.addedByName}` : row.addedByKind === 'mail' ? ' depuis un e-mail' : row.addedByKind === 'customer' ? ' par le client' : '';
    run.markInFlight();
    const note = await gateway.call('general', 'create document note', (c: Client) =>
      this.creates.run(() => c.crm.objects.basicApi.create('notes', {
        properties: {
          [ACCUEIL_ID]: noteAccueilId(row!.id),
          hs_timestamp: row!.createdAt,
          hs_note_body: `${TYPE_LABEL[row!.type] ?? 'Document'} « ${row!.name} »${version} ajouté${by} dans Accueil.`,
          hs_attachment_ids: row!.hubspotFileId!,
        },
        associations: associations as never,
      })),
    );
    run.complete(() => repository.setHubspotNote(row!.id, String(note.id)));
    this.options.logger?.info('document sent to HubSpot', { id: row.id, file: row.hubspotFileId, note: String(note.id) });
  }
}
