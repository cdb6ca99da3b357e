/**
 * Tickets as the console works them: one ticket with its site address and origin call, changes
 * field by field, and the history (`ticket_events`) that records each of them. Inserting a ticket
 * itself stays TicketsRepository.insert (shared with the demo generator and the CRM pull).
 */
import type { Ticket } from '../../../contract/model';
import type { TicketEvent } from '../../../contract/work-calls';
import { ServiceError } from '../../../contract/envelope';
import type { AccueilDatabase } from '../../store/database';
import type { Clock } from '../../store/record-owner';
import { toTicket, type TicketRow } from '../../store/tickets-repository';

export interface TicketWithWork {
  ticket: Ticket;
  siteAddress: string | null;
  callId: string | null;
}

export type TicketChange = Partial<{
  subject: string;
  description: string | null;
  status: Ticket['status'];
  priority: Ticket['priority'];
  category: Ticket['category'];
  siteAddress: string | null;
}>;

export interface NewTicketEvent {
  ticketId: string;
  kind: TicketEvent['kind'];
  field?: string | null;
  from?: string | null;
  to?: string | null;
  callId?: string | null;
  noteId?: string | null;
  author?: string | null;
  at?: string;
}

interface TicketWorkRow extends TicketRow {
  site_address: string | null;
  call_id: string | null;
}

interface EventRow {
  at: string;
  kind: TicketEvent['kind'];
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  call_id: string | null;
  note_id: string | null;
  author: string | null;
}

const COLUMNS: Record<keyof TicketChange, string> = {
  subject: 'subject',
  description: 'description',
  status: 'status',
  priority: 'priority',
  category: 'category',
  siteAddress: 'site_address',
};

export class TicketDeskRepository {
  private readonly byId;
  private readonly setWork;
  private readonly updateStatement;
  private readonly insertEvent;
  private readonly eventsOf;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.byId = db.prepare<TicketWorkRow>(
      `SELECT id, subject, description, status, priority, category, contact_id, company_id, site_address, call_id, created_at, updated_at
       FROM tickets WHERE id = ?`,
    );
    this.setWork = db.prepare('UPDATE tickets SET site_address = @site_address, call_id = @call_id WHERE id = @id');
    // As in CallsRepository: one statement, a column changes only when its flag is set.
    this.updateStatement = db.prepare(
      `UPDATE tickets SET ${Object.values(COLUMNS)
        .map((column) => `${column} = CASE WHEN @set_${column} THEN @${column} ELSE ${column} END`)
        .join(', ')}, updated_at = @updated_at WHERE id = @id`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO ticket_events (ticket_id, at, kind, field, from_value, to_value, call_id, note_id, author)
       VALUES (@ticket_id, @at, @kind, @field, @from_value, @to_value, @call_id, @note_id, @author)`,
    );
    this.eventsOf = db.prepare<EventRow>(
      'SELECT at, kind, field, from_value, to_value, call_id, note_id, author FROM ticket_events WHERE ticket_id = ? ORDER BY seq',
    );
  }

  get(ticketId: string): TicketWithWork | null {
    const row = this.byId.get(ticketId);
    if (!row) return null;
    return {
      ticket: toTicket(row),
      siteAddress: row.site_address,
      callId: row.call_id,
    };
  }

  /** The console's own columns of a ticket just inserted by TicketsRepository.insert. */
  setOrigin(ticketId: string, origin: { siteAddress: string | null; callId: string | null }): void {
    this.setWork.run({ id: ticketId, site_address: origin.siteAddress, call_id: origin.callId });
  }

  /**
   * Applies the fields that differ and records one `changed` event per field. Returns the fields
   * that changed (empty: nothing written, nothing to sync).
   */
  /**
   * Applies the fields that differ and logs each change. With `expected` (the values the editor saw),
   * a field someone else changed meanwhile — to anything but this very value — refuses the whole
   * save: two people on one ticket never overwrite each other silently.
   */
  update(ticketId: string, change: TicketChange, context: { callId: string | null; author: string | null; expected?: TicketChange }): string[] {
    const current = this.get(ticketId);
    if (!current) throw new ServiceError('not_found', { reason: 'ticket.not_found' });
    const before: Record<keyof TicketChange, string | null> = {
      subject: current.ticket.subject,
      description: current.ticket.description,
      status: current.ticket.status,
      priority: current.ticket.priority,
      category: current.ticket.category,
      siteAddress: current.siteAddress,
    };
    const expected = context.expected;
    if (expected) {
      const overwritten = (Object.keys(change) as Array<keyof TicketChange>).filter(
        (key) => change[key] !== undefined && key in expected && expected[key] !== before[key] && change[key] !== before[key],
      );
      if (overwritten.length > 0) throw new ServiceError('conflict', { reason: 'ticket.changed_meanwhile' });
    }
    const now = this.clock().toISOString();
    const params: Record<string, unknown> = { id: ticketId, updated_at: now };
    const changed: string[] = [];
    for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof TicketChange, string]>) {
      const next = change[key];
      const differs = next !== undefined && next !== before[key];
      params[`set_${column}`] = differs ? 1 : 0;
      params[column] = differs ? next : null;
      if (differs) {
        changed.push(key);
        this.addEvent({ ticketId, kind: 'changed', field: key, from: before[key], to: next, callId: context.callId, author: context.author, at: now });
      }
    }
    if (changed.length > 0) this.updateStatement.run(params);
    return changed;
  }

  addEvent(event: NewTicketEvent): void {
    this.insertEvent.run({
      ticket_id: event.ticketId,
      at: event.at ?? this.clock().toISOString(),
      kind: event.kind,
      field: event.field ?? null,
      from_value: event.from ?? null,
      to_value: event.to ?? null,
      call_id: event.callId ?? null,
      note_id: event.noteId ?? null,
      author: event.author ?? null,
    });
  }

  events(ticketId: string): TicketEvent[] {
    return this.eventsOf.all(ticketId).map((row) => ({
      at: row.at,
      kind: row.kind,
      field: row.field,
      from: row.from_value,
      to: row.to_value,
      callId: row.call_id,
      noteId: row.note_id,
      author: row.author,
    }));
  }
}
