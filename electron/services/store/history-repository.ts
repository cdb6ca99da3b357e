/**
 * The timeline of a contact or a company: calls, notes, e-mails, tickets, devis and interventions as
 * one list of `Interaction`, newest first, in one query (a UNION ALL over the indexed owner columns).
 */
import { randomUUID } from 'node:crypto';
import type { Interaction } from '../../contract/model';
import type { AccueilDatabase, TracedStatement } from './database';
import { interactionFacts, interactionSummary, interactionTitle, type HistoryRow } from './interaction-text';
import { ownerColumn, type Clock, type OwnerColumn, type RecordOwner } from './record-owner';

export interface NewNote {
  id?: string;
  contactId?: string | null;
  companyId?: string | null;
  body: string;
  author?: string | null;
  hubspotId?: string | null;
  createdAt?: string;
}

export interface NewEmail {
  id?: string;
  contactId?: string | null;
  companyId?: string | null;
  direction: 'in' | 'out';
  fromAddress?: string | null;
  toAddress?: string | null;
  subject: string;
  body?: string;
  templateId?: string | null;
  hubspotId?: string | null;
  sentAt?: string;
}

const timelineSql = (column: OwnerColumn) => `
  SELECT 'call' AS kind, id, ring_at AS at, direction AS a, from_display AS b, answer_at AS c, end_at AS d, end_reason AS e,
    state AS status, contact_id, company_id FROM calls WHERE ${column} = @owner
  UNION ALL
  SELECT 'note', id, created_at, author, body, NULL, NULL, NULL, NULL, contact_id, company_id FROM notes WHERE ${column} = @owner
  UNION ALL
  SELECT 'email', id, sent_at, direction, subject, body, NULL, NULL, NULL, contact_id, company_id FROM emails WHERE ${column} = @owner
  UNION ALL
  SELECT 'ticket', id, created_at, subject, category, description, call_id, NULL, status, contact_id, company_id FROM tickets WHERE ${column} = @owner
  UNION ALL
  SELECT 'quote', id, created_at, number, title, CAST(amount_cents AS TEXT), NULL, NULL, status, contact_id, company_id FROM quotes WHERE ${column} = @owner
  UNION ALL
  SELECT 'intervention', id, scheduled_at, kind, technician, report, NULL, NULL, status, contact_id, company_id FROM interventions WHERE ${column} = @owner
  ORDER BY at DESC, id
  LIMIT @limit`;

export class HistoryRepository {
  private readonly insertNote;
  private readonly insertEmail;
  private readonly timeline: Record<OwnerColumn, TracedStatement<HistoryRow>>;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.insertNote = db.prepare(
      `INSERT INTO notes (id, contact_id, company_id, body, author, hubspot_id, created_at, updated_at)
       VALUES (@id, @contact_id, @company_id, @body, @author, @hubspot_id, @created_at, @created_at)`,
    );
    this.insertEmail = db.prepare(
      `INSERT INTO emails (id, contact_id, company_id, direction, from_address, to_address, subject, body, template_id, sent_at, hubspot_id, updated_at)
       VALUES (@id, @contact_id, @company_id, @direction, @from_address, @to_address, @subject, @body, @template_id, @sent_at, @hubspot_id, @sent_at)`,
    );
    this.timeline = { contact_id: db.prepare<HistoryRow>(timelineSql('contact_id')), company_id: db.prepare<HistoryRow>(timelineSql('company_id')) };
  }

  addNote(note: NewNote): string {
    const id = note.id ?? randomUUID();
    this.insertNote.run({
      id,
      contact_id: note.contactId ?? null,
      company_id: note.companyId ?? null,
      body: note.body,
      author: note.author ?? null,
      hubspot_id: note.hubspotId ?? null,
      created_at: note.createdAt ?? this.clock().toISOString(),
    });
    return id;
  }

  addEmail(email: NewEmail): string {
    const id = email.id ?? randomUUID();
    this.insertEmail.run({
      id,
      contact_id: email.contactId ?? null,
      company_id: email.companyId ?? null,
      direction: email.direction,
      from_address: email.fromAddress ?? null,
      to_address: email.toAddress ?? null,
      subject: email.subject,
      body: email.body ?? '',
      template_id: email.templateId ?? null,
      hubspot_id: email.hubspotId ?? null,
      sent_at: email.sentAt ?? this.clock().toISOString(),
    });
    return id;
  }

  /** Newest first (a planned intervention sits at its future date, on top). */
  for(owner: RecordOwner, limit: number): Interaction[] {
    return this.timeline[ownerColumn(owner)].all({ owner: owner.id, limit }).map((row) => ({
      id: row.id,
      kind: row.kind,
      at: row.at,
      title: interactionTitle(row),
      summary: interactionSummary(row),
      status: row.status,
      contactId: row.contact_id,
      companyId: row.company_id,
      facts: interactionFacts(row),
    }));
  }
}
