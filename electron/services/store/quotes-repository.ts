import { randomUUID } from 'node:crypto';
import type { Quote } from '../../contract/model';
import type { AccueilDatabase, TracedStatement } from './database';
import { ownerColumn, type Clock, type OwnerColumn, type RecordOwner } from './record-owner';

export interface NewQuote {
  id?: string;
  number: string;
  title: string;
  amountCents: number;
  status?: Quote['status'];
  contactId?: string | null;
  companyId?: string | null;
  siteAddress?: string | null;
  sentAt?: string | null;
  validUntil?: string | null;
  hubspotId?: string | null;
  createdAt?: string;
}

interface QuoteRow {
  id: string;
  number: string;
  title: string;
  amount_cents: number;
  status: Quote['status'];
  contact_id: string | null;
  company_id: string | null;
  site_address: string | null;
  created_at: string;
  sent_at: string | null;
  valid_until: string | null;
}

/** A devis still open: being written (brouillon) or waiting for the customer's answer (envoye). */
const openSql = (column: OwnerColumn) => `
  SELECT id, number, title, amount_cents, status, contact_id, company_id, site_address, created_at, sent_at, valid_until
  FROM quotes WHERE ${column} = ? AND status IN ('brouillon', 'envoye')
  ORDER BY coalesce(sent_at, created_at) DESC LIMIT 50`;

export class QuotesRepository {
  private readonly insertStatement;
  private readonly open: Record<OwnerColumn, TracedStatement<QuoteRow>>;
  private readonly one: TracedStatement<QuoteRow>;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO quotes (id, number, title, amount_cents, status, contact_id, company_id, site_address, sent_at, valid_until, hubspot_id, created_at, updated_at)
       VALUES (@id, @number, @title, @amount_cents, @status, @contact_id, @company_id, @site_address, @sent_at, @valid_until, @hubspot_id, @created_at, @created_at)`,
    );
    this.open = { contact_id: db.prepare<QuoteRow>(openSql('contact_id')), company_id: db.prepare<QuoteRow>(openSql('company_id')) };
    this.one = db.prepare<QuoteRow>(`SELECT id, number, title, amount_cents, status, contact_id, company_id, site_address, created_at, sent_at, valid_until FROM quotes WHERE id = ?`);
  }

  insert(quote: NewQuote): string {
    const id = quote.id ?? randomUUID();
    this.insertStatement.run({
      id,
      number: quote.number,
      title: quote.title,
      amount_cents: Math.round(quote.amountCents),
      status: quote.status ?? 'brouillon',
      contact_id: quote.contactId ?? null,
      company_id: quote.companyId ?? null,
      site_address: quote.siteAddress ?? null,
      sent_at: quote.sentAt ?? null,
      valid_until: quote.validUntil ?? null,
      hubspot_id: quote.hubspotId ?? null,
      created_at: quote.createdAt ?? this.clock().toISOString(),
    });
    return id;
  }

  openFor(owner: RecordOwner): Quote[] {
    return this.open[ownerColumn(owner)].all(owner.id).map(toQuote);
  }

  /** One devis whatever its status (an accepted one, for its acknowledgement e-mail). */
  get(id: string): Quote | null {
    const row = this.one.get(id);
    return row ? toQuote(row) : null;
  }
}

function toQuote(row: QuoteRow): Quote {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    amountCents: row.amount_cents,
    status: row.status,
    contactId: row.contact_id,
    companyId: row.company_id,
    siteAddress: row.site_address,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    validUntil: row.valid_until,
  };
}
