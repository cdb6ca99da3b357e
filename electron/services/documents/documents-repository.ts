/**
 * The documents index (documents-migrations.ts): rows, versions per record and name, the records a
 * document is linked to, name search, and what HubSpot knows of each. SQL only.
 */
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';
import type { ADDED_BY_KINDS, DOCUMENT_TYPES, RECORD_KINDS } from './documents-migrations';

export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type RecordKind = (typeof RECORD_KINDS)[number];
export type AddedByKind = (typeof ADDED_BY_KINDS)[number];

/** The records a document hangs on (at least one). */
export interface DocumentLinks {
  contactId?: string | null;
  companyId?: string | null;
  interventionId?: string | null;
  quoteId?: string | null;
  ticketId?: string | null;
}

export interface DocumentRow {
  id: string;
  name: string;
  type: DocumentType;
  mime: string;
  extension: string;
  size: number;
  sha256: string;
  version: number;
  recordKind: RecordKind;
  recordId: string;
  contactId: string | null;
  companyId: string | null;
  interventionId: string | null;
  quoteId: string | null;
  ticketId: string | null;
  addedByKind: AddedByKind;
  addedById: string | null;
  addedByName: string | null;
  hubspotFileId: string | null;
  hubspotNoteId: string | null;
  createdAt: string;
}

export type NewDocumentRow = Omit<DocumentRow, 'version' | 'hubspotFileId' | 'hubspotNoteId' | 'createdAt'> & { sourceKey: string | null };

const COLUMNS = `d.id, d.name, d.type, d.mime, d.extension, d.size, d.sha256, d.version, d.record_kind AS recordKind, d.record_id AS recordId,
  d.contact_id AS contactId, d.company_id AS companyId, d.intervention_id AS interventionId, d.quote_id AS quoteId, d.ticket_id AS ticketId,
  d.added_by_kind AS addedByKind, d.added_by_id AS addedById, d.added_by_name AS addedByName, d.hubspot_file_id AS hubspotFileId,
  d.hubspot_note_id AS hubspotNoteId, d.created_at AS createdAt`;

/** The column of each record kind. */
export const LINK_COLUMN: Record<RecordKind, string> = {
  contact: 'contact_id',
  company: 'company_id',
  intervention: 'intervention_id',
  quote: 'quote_id',
  ticket: 'ticket_id',
};

/** The shared table of each record kind (the record must exist to be linked). */
export const RECORD_TABLE: Record<RecordKind, string> = { contact: 'contacts', company: 'companies', intervention: 'interventions', quote: 'quotes', ticket: 'tickets' };

/** A name as versions and search compare it: no case, no accents, spaces folded. */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** One prefix phrase per word typed (quotes make FTS operators plain text). */
function matchQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((w) => w.split(/[^\p{L}\p{N}]+/u).filter(Boolean))
    .filter((pieces) => pieces.length > 0)
    .map((pieces) => `"${pieces.join(' ')}"*`);
  return words.length > 0 ? words.join(' ') : null;
}

export class DocumentsRepository {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  recordExists(kind: RecordKind, id: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${RECORD_TABLE[kind]} WHERE id = ?`).get(id) !== undefined;
  }

  /** The contact and company of a ticket, intervention or quote (a document on it shows on their records). */
  ownersOf(kind: 'intervention' | 'quote' | 'ticket', id: string): { contactId: string | null; companyId: string | null } | null {
    return this.db.prepare<{ contactId: string | null; companyId: string | null }>(`SELECT contact_id AS contactId, company_id AS companyId FROM ${RECORD_TABLE[kind]} WHERE id = ?`).get(id) ?? null;
  }

  bySourceKey(key: string): DocumentRow | null {
    return this.db.prepare<DocumentRow>(`SELECT ${COLUMNS} FROM documents d WHERE d.source_key = ?`).get(key) ?? null;
  }

  /** Inserts a document as the next version of its name on its record; call inside a transaction. */
  insert(row: NewDocumentRow): DocumentRow {
    const key = nameKey(row.name);
    const last = this.db
      .prepare<{ version: number | null }>(`SELECT max(version) AS version FROM documents WHERE record_kind = ? AND record_id = ? AND name_key = ?`)
      .get(row.recordKind, row.recordId, key);
    const version = (last?.version ?? 0) + 1;
    const createdAt = this.clock().toISOString();
    const result = this.db
      .prepare(
        `INSERT INTO documents (id, name, name_key, type, mime, extension, size, sha256, version, record_kind, record_id, contact_id, company_id,
           intervention_id, quote_id, ticket_id, added_by_kind, added_by_id, added_by_name, source_key, created_at)
         VALUES (@id, @name, @nameKey, @type, @mime, @extension, @size, @sha256, @version, @recordKind, @recordId, @contactId, @companyId,
           @interventionId, @quoteId, @ticketId, @addedByKind, @addedById, @addedByName, @sourceKey, @createdAt)`,
      )
      .run({ ...row, nameKey: key, version, createdAt });
    this.db.prepare(`INSERT INTO documents_fts (rowid, name) VALUES (?, ?)`).run(result.lastInsertRowid, row.name);
    return this.get(row.id)!;
  }

  get(id: string): DocumentRow | null {
    return this.db.prepare<DocumentRow>(`SELECT ${COLUMNS} FROM documents d WHERE d.id = ?`).get(id) ?? null;
  }

  /** Every version of the documents linked to a record, newest first. */
  listFor(kind: RecordKind, id: string): DocumentRow[] {
    return this.db.prepare<DocumentRow>(`SELECT ${COLUMNS} FROM documents d WHERE d.${LINK_COLUMN[kind]} = ? ORDER BY d.created_at DESC, d.seq DESC`).all(id);
  }

  /** Documents linked to a record, each name counted once (its versions are one document). */
  countFor(kind: RecordKind, id: string): number {
    return this.db.prepare<{ n: number }>(`SELECT count(DISTINCT record_kind || ':' || record_id || ':' || name_key) AS n FROM documents WHERE ${LINK_COLUMN[kind]} = ?`).get(id)?.n ?? 0;
  }

  /** By name (words, prefixes, accents ignored) and/or type, newest first. */
  search(query: { text?: string; type?: DocumentType; limit: number }): DocumentRow[] {
    const match = query.text ? matchQuery(query.text) : null;
    if (query.text && match === null && !query.type) return [];
    const where: string[] = [];
    const params: unknown[] = [];
    if (match) {
      where.push(`d.seq IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)`);
      params.push(match);
    }
    if (query.type) {
      where.push(`d.type = ?`);
      params.push(query.type);
    }
    return this.db
      .prepare<DocumentRow>(`SELECT ${COLUMNS} FROM documents d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.created_at DESC, d.seq DESC LIMIT ?`)
      .all(...params, query.limit);
  }

  setHubspotFile(id: string, fileId: string): void {
    this.db.prepare(`UPDATE documents SET hubspot_file_id = ? WHERE id = ?`).run(fileId, id);
  }

  setHubspotNote(id: string, noteId: string): void {
    this.db.prepare(`UPDATE documents SET hubspot_note_id = ? WHERE id = ?`).run(noteId, id);
  }

  /** The HubSpot id of a shared record (contacts, companies, tickets, deals as quotes), or null. */
  hubspotIdOf(kind: RecordKind, id: string | null): string | null {
    if (!id || kind === 'intervention') return null;
    return this.db.prepare<{ h: string | null }>(`SELECT hubspot_id AS h FROM ${RECORD_TABLE[kind]} WHERE id = ?`).get(id)?.h ?? null;
  }

  /** Removes the documents of the demo's records (the purge's temp tables); returns how many. */
  purgeDemo(): number {
    const rows = this.db
      .prepare<{ rowid: number }>(
        `SELECT seq AS rowid FROM documents WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts) OR company_id IN (SELECT id FROM temp.demo_purge_companies)`,
      )
      .all();
    for (const { rowid } of rows) {
      this.db.prepare(`DELETE FROM documents_fts WHERE rowid = ?`).run(rowid);
      this.db.prepare(`DELETE FROM documents WHERE seq = ?`).run(rowid);
    }
    return rows.length;
  }
}
