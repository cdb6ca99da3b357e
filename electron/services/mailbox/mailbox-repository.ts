/**
 * The mailbox's rows (mailbox-migrations.ts): messages in and out, their attachments, the thread's
 * sender, the per-mailbox checkpoint, and the contact lookup by address. The only SQL of the area.
 */
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';

export type MessageState = 'opened' | 'threaded' | 'ignored' | 'sending' | 'sent' | 'failed';

export interface MailMessageRow {
  id: string;
  messageId: string;
  direction: 'in' | 'out';
  ticketId: string | null;
  state: MessageState;
  ignoredReason: string | null;
  fromAddress: string | null;
  fromName: string | null;
  toAddresses: string;
  subject: string;
  body: string;
  inReplyTo: string | null;
  references: string[];
  writtenAt: string | null;
  recordedAt: string;
  author: string | null;
  templateId: string | null;
  error: string | null;
}

export interface NewMailMessage extends Omit<MailMessageRow, 'recordedAt'> {
  recordedAt?: string;
  position?: { mailbox: string; uidValidity: string; uid: number } | null;
}

export interface AttachmentRow {
  position: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface Checkpoint {
  uidValidity: string;
  lastUid: number;
}

interface Row {
  id: string;
  message_id: string;
  direction: 'in' | 'out';
  ticket_id: string | null;
  state: MessageState;
  ignored_reason: string | null;
  from_address: string | null;
  from_name: string | null;
  to_addresses: string;
  subject: string;
  body: string;
  in_reply_to: string | null;
  refs: string;
  written_at: string | null;
  recorded_at: string;
  author: string | null;
  template_id: string | null;
  error: string | null;
}

const COLUMNS = `id, message_id, direction, ticket_id, state, ignored_reason, from_address, from_name, to_addresses, subject, body,
  in_reply_to, refs, written_at, recorded_at, author, template_id, error`;

const toMessage = (row: Row): MailMessageRow => ({
  id: row.id,
  messageId: row.message_id,
  direction: row.direction,
  ticketId: row.ticket_id,
  state: row.state,
  ignoredReason: row.ignored_reason,
  fromAddress: row.from_address,
  fromName: row.from_name,
  toAddresses: row.to_addresses,
  subject: row.subject,
  body: row.body,
  inReplyTo: row.in_reply_to,
  references: parseList(row.refs),
  writtenAt: row.written_at,
  recordedAt: row.recorded_at,
  author: row.author,
  templateId: row.template_id,
  error: row.error,
});

function parseList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export class MailboxRepository {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {}

  byMessageId(messageId: string): MailMessageRow | null {
    const row = this.db.prepare<Row>(`SELECT ${COLUMNS} FROM mail_messages WHERE message_id = ?`).get(messageId);
    return row ? toMessage(row) : null;
  }

  /** The ticket of the first of these Message-IDs that belongs to a thread (ids in preference order). */
  ticketAnswered(ids: readonly string[]): string | null {
    const statement = this.db.prepare<{ ticket_id: string }>(
      `SELECT m.ticket_id FROM mail_messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.message_id = ?`,
    );
    for (const id of ids) {
      const found = statement.get(id);
      if (found) return found.ticket_id;
    }
    return null;
  }

  /**
   * The ticket whose reference (« T-4F2A9C01 ») is these 8 hex digits: the ids that start with them,
   * as a range on the primary key; null when none or more than one match.
   */
  ticketByReference(hex8: string): string | null {
    const next = hex8 === 'ffffffff' ? 'g' : (parseInt(hex8, 16) + 1).toString(16).padStart(8, '0');
    const rows = this.db
      .prepare<{ id: string }>(`SELECT id FROM tickets WHERE (id >= @low AND id < @high) OR (id >= upper(@low) AND id < upper(@high)) LIMIT 2`)
      .all({ low: hex8, high: next });
    return rows.length === 1 ? rows[0]!.id : null;
  }

  insertMessage(message: NewMailMessage): void {
    this.db
      .prepare(
        `INSERT INTO mail_messages (${COLUMNS}, mailbox, uid_validity, uid)
         VALUES (@id, @message_id, @direction, @ticket_id, @state, @ignored_reason, @from_address, @from_name, @to_addresses, @subject, @body,
                 @in_reply_to, @refs, @written_at, @recorded_at, @author, @template_id, @error, @mailbox, @uid_validity, @uid)`,
      )
      .run({
        id: message.id,
        message_id: message.messageId,
        direction: message.direction,
        ticket_id: message.ticketId,
        state: message.state,
        ignored_reason: message.ignoredReason,
        from_address: message.fromAddress,
        from_name: message.fromName,
        to_addresses: message.toAddresses,
        subject: message.subject,
        body: message.body,
        in_reply_to: message.inReplyTo,
        refs: JSON.stringify(message.references),
        written_at: message.writtenAt,
        recorded_at: message.recordedAt ?? this.clock().toISOString(),
        author: message.author,
        template_id: message.templateId,
        error: message.error,
        mailbox: message.position?.mailbox ?? null,
        uid_validity: message.position?.uidValidity ?? null,
        uid: message.position?.uid ?? null,
      });
  }

  /** An outgoing message's outcome once the SMTP server answered. */
  settleOutgoing(id: string, outcome: { state: 'sent' | 'failed'; error: string | null; writtenAt: string }): void {
    this.db.prepare(`UPDATE mail_messages SET state = @state, error = @error, written_at = @written_at WHERE id = @id AND direction = 'out'`).run({
      id,
      state: outcome.state,
      error: outcome.error,
      written_at: outcome.writtenAt,
    });
  }

  addAttachments(messageRow: string, attachments: readonly AttachmentRow[]): void {
    const insert = this.db.prepare(
      `INSERT INTO mail_attachments (message_row, position, filename, content_type, size, sha256) VALUES (@message_row, @position, @filename, @content_type, @size, @sha256)`,
    );
    for (const a of attachments) {
      insert.run({ message_row: messageRow, position: a.position, filename: a.filename, content_type: a.contentType, size: a.size, sha256: a.sha256 });
    }
  }

  /** The ticket's messages in the order they were written (then read), with their attachments. */
  thread(ticketId: string): Array<MailMessageRow & { attachments: AttachmentRow[] }> {
    const rows = this.db
      .prepare<Row>(`SELECT ${COLUMNS} FROM mail_messages WHERE ticket_id = ? ORDER BY rowid`)
      .all(ticketId);
    const attachments = this.db.prepare<{ position: number; filename: string; content_type: string; size: number; sha256: string }>(
      `SELECT position, filename, content_type, size, sha256 FROM mail_attachments WHERE message_row = ? ORDER BY position`,
    );
    return rows.map((row) => ({
      ...toMessage(row),
      attachments: attachments.all(row.id).map((a) => ({ position: a.position, filename: a.filename, contentType: a.content_type, size: a.size, sha256: a.sha256 })),
    }));
  }

  setThreadSender(ticketId: string, sender: { address: string; name: string | null }): void {
    this.db
      .prepare(`INSERT INTO mail_thread_senders (ticket_id, address, name) VALUES (?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING`)
      .run(ticketId, sender.address, sender.name);
  }

  threadSender(ticketId: string): { address: string; name: string | null } | null {
    return this.db.prepare<{ address: string; name: string | null }>(`SELECT address, name FROM mail_thread_senders WHERE ticket_id = ?`).get(ticketId) ?? null;
  }

  /** The contact (or else the company) whose address this is; the most recently updated when several. */
  ownerOfAddress(address: string): { contactId: string | null; companyId: string | null } | null {
    const key = address.trim().toLowerCase();
    const contact = this.db
      .prepare<{ id: string; company_id: string | null }>(
        `SELECT id, company_id FROM contacts WHERE lower(trim(email)) = ? AND email IS NOT NULL ORDER BY updated_at DESC LIMIT 1`,
      )
      .get(key);
    if (contact) return { contactId: contact.id, companyId: contact.company_id };
    const company = this.db
      .prepare<{ id: string }>(`SELECT id FROM companies WHERE lower(trim(email)) = ? AND email IS NOT NULL ORDER BY updated_at DESC LIMIT 1`)
      .get(key);
    return company ? { contactId: null, companyId: company.id } : null;
  }

  checkpoint(mailbox: string): Checkpoint | null {
    const row = this.db.prepare<{ uid_validity: string; last_uid: number }>(`SELECT uid_validity, last_uid FROM mail_checkpoints WHERE mailbox = ?`).get(mailbox);
    return row ? { uidValidity: row.uid_validity, lastUid: row.last_uid } : null;
  }

  /** Moves the checkpoint forward (never back within one UIDVALIDITY). */
  advance(mailbox: string, uidValidity: string, uid: number): void {
    this.db
      .prepare(
        `INSERT INTO mail_checkpoints (mailbox, uid_validity, last_uid, updated_at) VALUES (@mailbox, @uid_validity, @uid, @at)
         ON CONFLICT (mailbox) DO UPDATE SET
           last_uid = CASE WHEN mail_checkpoints.uid_validity = excluded.uid_validity THEN max(mail_checkpoints.last_uid, excluded.last_uid) ELSE excluded.last_uid END,
           uid_validity = excluded.uid_validity, updated_at = excluded.updated_at`,
      )
      .run({ mailbox, uid_validity: uidValidity, uid, at: this.clock().toISOString() });
  }

  /** How many messages were ignored as automatic, by reason (the status line). */
  counts(): { tickets: number; threaded: number; ignored: number } {
    const rows = this.db.prepare<{ state: MessageState; n: number }>(`SELECT state, count(*) AS n FROM mail_messages WHERE direction = 'in' GROUP BY state`).all();
    const n = (state: MessageState) => rows.find((r) => r.state === state)?.n ?? 0;
    return { tickets: n('opened'), threaded: n('threaded'), ignored: n('ignored') };
  }
}

/** What a reply needs of its ticket. */
export interface TicketForMail {
  id: string;
  subject: string;
  contactId: string | null;
  companyId: string | null;
  contactEmail: string | null;
  companyEmail: string | null;
}

export class TicketMailRepository {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly _clock: Clock,
  ) {}

  ticket(ticketId: string): TicketForMail | null {
    const row = this.db
      .prepare<{ id: string; subject: string; contact_id: string | null; company_id: string | null; contact_email: string | null; company_email: string | null }>(
        `SELECT t.id, t.subject, t.contact_id, t.company_id, c.email AS contact_email, co.email AS company_email
         FROM tickets t LEFT JOIN contacts c ON c.id = t.contact_id LEFT JOIN companies co ON co.id = t.company_id WHERE t.id = ?`,
      )
      .get(ticketId);
    return row
      ? { id: row.id, subject: row.subject, contactId: row.contact_id, companyId: row.company_id, contactEmail: row.contact_email, companyEmail: row.company_email }
      : null;
  }
}
