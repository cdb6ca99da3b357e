/**
 * The work done on a call, stored on the call journal's own row (outcome, body, ticket, logged_at),
 * the notes written for it, and outbound calls placed by the console (click-to-call).
 */
import { randomUUID } from 'node:crypto';
import type { CallOutcome, Note } from '../../../contract/work-calls';
import { ServiceError } from '../../../contract/envelope';
import type { AccueilDatabase } from '../../store/database';
import type { Clock } from '../../store/record-owner';

export interface CallWrapUpRow {
  outcome: CallOutcome | null;
  body: string | null;
  ticketId: string | null;
  loggedAt: string | null;
}

export interface NewCallNote {
  id?: string;
  body: string;
  author?: string | null;
  contactId: string | null;
  companyId: string | null;
  callId: string | null;
  ticketId: string | null;
  createdAt?: string;
}

export interface OutboundCall {
  id: string;
  sipCallId: string;
  /** The agent's line (as outbound demo rows: the extension, not a customer number). */
  fromRaw: string;
  /** The number dialled, as Claire reads it, and in E.164 when it could be read. */
  toDisplay: string;
  toE164: string | null;
  ringAt: string;
  contactId: string | null;
  companyId: string | null;
  matchLabel: string | null;
}

interface NoteRow {
  id: string;
  body: string;
  author: string | null;
  contact_id: string | null;
  company_id: string | null;
  call_id: string | null;
  ticket_id: string | null;
  created_at: string;
}

const NOTE_COLUMNS = 'id, body, author, contact_id, company_id, call_id, ticket_id, created_at';

export class WrapUpRepository {
  private readonly wrapUpOf;
  private readonly saveStatement;
  private readonly linkTicketStatement;
  private readonly insertNoteStatement;
  private readonly noteById;
  private readonly notesOfCall;
  private readonly notesOfTicket;
  private readonly insertOutboundStatement;
  private readonly dialledOf;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.wrapUpOf = db.prepare<{ outcome: CallOutcome | null; body: string | null; ticket_id: string | null; logged_at: string | null }>(
      'SELECT outcome, body, ticket_id, logged_at FROM calls WHERE id = ?',
    );
    this.saveStatement = db.prepare(
      `UPDATE calls SET outcome = @outcome, body = @body, ticket_id = @ticket_id, logged_at = coalesce(logged_at, @now), updated_at = @now
       WHERE id = @id`,
    );
    this.linkTicketStatement = db.prepare('UPDATE calls SET ticket_id = @ticket_id, updated_at = @now WHERE id = @id');
    this.insertNoteStatement = db.prepare(
      `INSERT INTO notes (id, contact_id, company_id, body, author, call_id, ticket_id, created_at, updated_at)
       VALUES (@id, @contact_id, @company_id, @body, @author, @call_id, @ticket_id, @created_at, @created_at)`,
    );
    this.noteById = db.prepare<NoteRow>(`SELECT ${NOTE_COLUMNS} FROM notes WHERE id = ?`);
    this.notesOfCall = db.prepare<NoteRow>(`SELECT ${NOTE_COLUMNS} FROM notes WHERE call_id = ? ORDER BY created_at, id`);
    this.notesOfTicket = db.prepare<NoteRow>(`SELECT ${NOTE_COLUMNS} FROM notes WHERE ticket_id = ? ORDER BY created_at, id`);
    this.dialledOf = db.prepare<{ to_e164: string | null }>('SELECT to_e164 FROM calls WHERE id = ?');
    this.insertOutboundStatement = db.prepare(
      `INSERT INTO calls (id, sip_call_id, direction, state, from_raw, from_e164, from_display, caller_name, to_raw, to_e164, ring_at,
         contact_id, company_id, match_label, updated_at)
       VALUES (@id, @sip_call_id, 'outbound', 'ringing', @from_raw, NULL, @from_raw, NULL, @to_raw, @to_e164, @ring_at,
         @contact_id, @company_id, @match_label, @ring_at)`,
    );
  }

  /** Null when the call does not exist. */
  get(callId: string): CallWrapUpRow | null {
    const row = this.wrapUpOf.get(callId);
    return row ? { outcome: row.outcome, body: row.body, ticketId: row.ticket_id, loggedAt: row.logged_at } : null;
  }

  /** Completes the row; `logged_at` keeps the first save's time. Returns the row as saved. */
  save(callId: string, wrapUp: { outcome: CallOutcome | null; body: string | null; ticketId: string | null }): CallWrapUpRow {
    const now = this.clock().toISOString();
    const changes = this.saveStatement.run({ id: callId, outcome: wrapUp.outcome, body: wrapUp.body, ticket_id: wrapUp.ticketId, now }).changes;
    if (changes === 0) throw new ServiceError('not_found', { reason: 'call.not_found_deleted' });
    return this.get(callId)!;
  }

  linkTicket(callId: string, ticketId: string | null): void {
    const changes = this.linkTicketStatement.run({ id: callId, ticket_id: ticketId, now: this.clock().toISOString() }).changes;
    if (changes === 0) throw new ServiceError('not_found', { reason: 'call.not_found_deleted' });
  }

  addNote(note: NewCallNote): Note {
    const id = note.id ?? randomUUID();
    this.insertNoteStatement.run({
      id,
      contact_id: note.contactId,
      company_id: note.companyId,
      body: note.body,
      author: note.author ?? null,
      call_id: note.callId,
      ticket_id: note.ticketId,
      created_at: note.createdAt ?? this.clock().toISOString(),
    });
    return toNote(this.noteById.get(id)!);
  }

  notesForCall(callId: string): Note[] {
    return this.notesOfCall.all(callId).map(toNote);
  }

  notesForTicket(ticketId: string): Note[] {
    return this.notesOfTicket.all(ticketId).map(toNote);
  }

  /** The number an outbound call dialled, in E.164 (null for an inbound call or an unreadable number). */
  dialledE164(callId: string): string | null {
    return this.dialledOf.get(callId)?.to_e164 ?? null;
  }

  insertOutbound(call: OutboundCall): void {
    this.insertOutboundStatement.run({
      id: call.id,
      sip_call_id: call.sipCallId,
      from_raw: call.fromRaw,
      to_raw: call.toDisplay,
      to_e164: call.toE164,
      ring_at: call.ringAt,
      contact_id: call.contactId,
      company_id: call.companyId,
      match_label: call.matchLabel,
    });
  }
}

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    body: row.body,
    author: row.author,
    contactId: row.contact_id,
    companyId: row.company_id,
    callId: row.call_id,
    ticketId: row.ticket_id,
    createdAt: row.created_at,
  };
}
