import { randomUUID } from 'node:crypto';
import type { Ticket } from '../../contract/model';
import type { AccueilDatabase, TracedStatement } from './database';
import { ownerColumn, type Clock, type OwnerColumn, type RecordOwner } from './record-owner';

type TicketStatus = Ticket['status'];

export interface NewTicket {
  id?: string;
  subject: string;
  description?: string | null;
  status?: TicketStatus;
  priority?: Ticket['priority'];
  category?: Ticket['category'];
  contactId?: string | null;
  companyId?: string | null;
  hubspotId?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** A ticket still needs someone while it is in one of these. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['nouveau', 'en_cours', 'en_attente'];

export interface TicketRow {
  id: string;
  subject: string;
  description: string | null;
  status: TicketStatus;
  priority: Ticket['priority'];
  category: Ticket['category'];
  contact_id: string | null;
  company_id: string | null;
  created_at: string;
  updated_at: string;
}

const openSql = (column: OwnerColumn) => `
  SELECT id, subject, description, status, priority, category, contact_id, company_id, created_at, updated_at
  FROM tickets WHERE ${column} = ? AND status IN ('nouveau', 'en_cours', 'en_attente')
  ORDER BY CASE priority WHEN 'urgente' THEN 0 WHEN 'haute' THEN 1 WHEN 'normale' THEN 2 ELSE 3 END, created_at DESC
  LIMIT 50`;

export class TicketsRepository {
  private readonly insertStatement;
  private readonly open: Record<OwnerColumn, TracedStatement<TicketRow>>;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO tickets (id, subject, description, status, priority, category, contact_id, company_id, hubspot_id, created_at, updated_at)
       VALUES (@id, @subject, @description, @status, @priority, @category, @contact_id, @company_id, @hubspot_id, @created_at, @updated_at)`,
    );
    this.open = { contact_id: db.prepare<TicketRow>(openSql('contact_id')), company_id: db.prepare<TicketRow>(openSql('company_id')) };
  }

  insert(ticket: NewTicket): string {
    const id = ticket.id ?? randomUUID();
    const createdAt = ticket.createdAt ?? this.clock().toISOString();
    this.insertStatement.run({
      id,
      subject: ticket.subject,
      description: ticket.description ?? null,
      status: ticket.status ?? 'nouveau',
      priority: ticket.priority ?? 'normale',
      category: ticket.category ?? 'autre',
      contact_id: ticket.contactId ?? null,
      company_id: ticket.companyId ?? null,
      hubspot_id: ticket.hubspotId ?? null,
      created_at: createdAt,
      updated_at: ticket.updatedAt ?? createdAt,
    });
    return id;
  }

  /** Open tickets, most urgent first. */
  openFor(owner: RecordOwner): Ticket[] {
    return this.open[ownerColumn(owner)].all(owner.id).map(toTicket);
  }
}

/** A `tickets` row as the contract's Ticket. */
export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    subject: row.subject,
    description: row.description,
    status: row.status,
    priority: row.priority,
    category: row.category,
    contactId: row.contact_id,
    companyId: row.company_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
