import type { Template, TemplateChannel } from '../../contract/model';
import type { AccueilDatabase } from './database';
import type { Clock } from './record-owner';

interface TemplateRow {
  id: string;
  name: string;
  category: string;
  subject: string;
  body: string;
  channel: TemplateChannel;
  whatsappName: string | null;
  whatsappLanguage: string | null;
}

/** A template as written: channel and WhatsApp binding may be left out (an e-mail template). */
export type TemplateInput = Omit<Template, 'channel' | 'whatsapp'> & Partial<Pick<Template, 'channel' | 'whatsapp'>>;

const TEMPLATE_COLUMNS = `id, name, category, subject, body, channel, whatsapp_name AS whatsappName, whatsapp_language AS whatsappLanguage`;

const templateFromRow = ({ whatsappName, whatsappLanguage, ...row }: TemplateRow): Template => ({
  ...row,
  whatsapp: row.channel === 'whatsapp' && whatsappName ? { name: whatsappName, language: whatsappLanguage ?? 'fr' } : null,
});

const templateParams = (template: TemplateInput) => ({
  channel: template.channel ?? 'email',
  whatsapp_name: template.channel === 'whatsapp' ? (template.whatsapp?.name ?? null) : null,
  whatsapp_language: template.channel === 'whatsapp' ? (template.whatsapp?.language ?? null) : null,
});

/** An e-mail being written (see migration 0004): kept until it is sent or discarded. */
export interface EmailDraftRow {
  id: string;
  templateId: string | null;
  contactId: string | null;
  companyId: string | null;
  quoteId: string | null;
  interventionId: string | null;
  ticketId: string | null;
  to: string;
  subject: string;
  body: string;
  values: Record<string, string>;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

interface DraftRow {
  id: string;
  template_id: string | null;
  contact_id: string | null;
  company_id: string | null;
  quote_id: string | null;
  intervention_id: string | null;
  ticket_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  values_json: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

function parseValues(json: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

const draftFromRow = (row: DraftRow): EmailDraftRow => ({
  id: row.id,
  templateId: row.template_id,
  contactId: row.contact_id,
  companyId: row.company_id,
  quoteId: row.quote_id,
  interventionId: row.intervention_id,
  ticketId: row.ticket_id,
  to: row.to_address,
  subject: row.subject,
  body: row.body,
  values: parseValues(row.values_json),
  lastError: row.last_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const DRAFT_COLUMNS = `id, template_id, contact_id, company_id, quote_id, intervention_id, ticket_id, to_address, subject, body, values_json, last_error, created_at, updated_at`;

export class TemplatesRepository {
  private readonly upsertStatement;
  private readonly allStatement;
  private readonly byId;

  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.upsertStatement = db.prepare(
      `INSERT INTO templates (id, name, category, subject, body, channel, whatsapp_name, whatsapp_language, position, created_at, updated_at)
       VALUES (@id, @name, @category, @subject, @body, @channel, @whatsapp_name, @whatsapp_language, @position, @at, @at)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, category = excluded.category, subject = excluded.subject,
         body = excluded.body, channel = excluded.channel, whatsapp_name = excluded.whatsapp_name, whatsapp_language = excluded.whatsapp_language,
         position = excluded.position, updated_at = excluded.updated_at`,
    );
    this.allStatement = db.prepare<TemplateRow>(`SELECT ${TEMPLATE_COLUMNS} FROM templates ORDER BY position, name`);
    this.byId = db.prepare<TemplateRow>(`SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE id = ?`);
  }

  /** Inserts or replaces a template by id. `position` orders the list shown to the user. */
  upsert(template: TemplateInput & { position?: number; updatedAt?: string }): void {
    this.upsertStatement.run({
      id: template.id,
      name: template.name,
      category: template.category,
      subject: template.subject,
      body: template.body,
      ...templateParams(template),
      position: template.position ?? 0,
      at: template.updatedAt ?? this.clock().toISOString(),
    });
  }

  list(): Template[] {
    return this.allStatement.all().map(templateFromRow);
  }

  get(id: string): Template | null {
    const row = this.byId.get(id);
    return row ? templateFromRow(row) : null;
  }


  // The statements below use the tables of migration 0004; they are prepared on first use (and cached
  // by AccueilDatabase.prepare) so that opening a store never depends on them.

  /** Inserts a template unless one with this id exists: never overwrites an edit. True if inserted. */
  insertIfAbsent(template: TemplateInput & { position: number }): boolean {
    const at = this.clock().toISOString();
    const { id, name, category, subject, body, position } = template;
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO templates (id, name, category, subject, body, channel, whatsapp_name, whatsapp_language, position, created_at, updated_at)
           VALUES (@id, @name, @category, @subject, @body, @channel, @whatsapp_name, @whatsapp_language, @position, @at, @at)`,
        )
        .run({ id, name, category, subject, body, position, ...templateParams(template), at }).changes === 1
    );
  }

  /** Changes a template's text and category, keeping its place in the list. True if it exists. */
  update(template: TemplateInput): boolean {
    const { id, name, category, subject, body } = template;
    return (
      this.db
        .prepare(
          `UPDATE templates SET name = @name, category = @category, subject = @subject, body = @body, channel = @channel,
             whatsapp_name = @whatsapp_name, whatsapp_language = @whatsapp_language, updated_at = @at WHERE id = @id`,
        )
        .run({ id, name, category, subject, body, ...templateParams(template), at: this.clock().toISOString() }).changes === 1
    );
  }

  /** Removes a template; e-mails already sent with it keep their text (template_id set to NULL). */
  delete(id: string): boolean {
    return this.db.prepare(`DELETE FROM templates WHERE id = ?`).run(id).changes === 1;
  }

  nextPosition(): number {
    const row = this.db.prepare<{ next: number }>(`SELECT coalesce(max(position), -1) + 1 AS next FROM templates`).get();
    return row?.next ?? 0;
  }

  /** Ids of the default templates already offered to this workspace. */
  seededIds(): Set<string> {
    return new Set(this.db.prepare<{ id: string }>(`SELECT id FROM templates_seeded`).all().map((row) => row.id));
  }

  markSeeded(id: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO templates_seeded (id, seeded_at) VALUES (?, ?)`).run(id, this.clock().toISOString());
  }

  saveDraft(draft: Omit<EmailDraftRow, 'createdAt' | 'updatedAt'>): EmailDraftRow {
    const at = this.clock().toISOString();
    this.db
      .prepare(
        `INSERT INTO email_drafts (${DRAFT_COLUMNS})
         VALUES (@id, @template_id, @contact_id, @company_id, @quote_id, @intervention_id, @ticket_id, @to_address, @subject, @body, @values_json, @last_error, @at, @at)
         ON CONFLICT(id) DO UPDATE SET template_id = excluded.template_id, contact_id = excluded.contact_id, company_id = excluded.company_id,
           quote_id = excluded.quote_id, intervention_id = excluded.intervention_id, ticket_id = excluded.ticket_id,
           to_address = excluded.to_address, subject = excluded.subject, body = excluded.body, values_json = excluded.values_json,
           last_error = excluded.last_error, updated_at = excluded.updated_at`,
      )
      .run({
        id: draft.id,
        template_id: draft.templateId,
        contact_id: draft.contactId,
        company_id: draft.companyId,
        quote_id: draft.quoteId,
        intervention_id: draft.interventionId,
        ticket_id: draft.ticketId,
        to_address: draft.to,
        subject: draft.subject,
        body: draft.body,
        values_json: JSON.stringify(draft.values),
        last_error: draft.lastError,
        at,
      });
    return this.getDraft(draft.id)!;
  }

  getDraft(id: string): EmailDraftRow | null {
    const row = this.db.prepare<DraftRow>(`SELECT ${DRAFT_COLUMNS} FROM email_drafts WHERE id = ?`).get(id);
    return row ? draftFromRow(row) : null;
  }

  listDrafts(limit = 50): EmailDraftRow[] {
    return this.db.prepare<DraftRow>(`SELECT ${DRAFT_COLUMNS} FROM email_drafts ORDER BY updated_at DESC, id LIMIT ?`).all(limit).map(draftFromRow);
  }

  deleteDraft(id: string): boolean {
    return this.db.prepare(`DELETE FROM email_drafts WHERE id = ?`).run(id).changes === 1;
  }
}
