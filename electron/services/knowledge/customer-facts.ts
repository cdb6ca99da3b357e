/**
 * What the assistant may read of one signed-in customer: their visits, quotes and open invoices —
 * theirs only (the contact's own records, and their company's when the portal says they belong to
 * it). SQL on the shared tables, read-only.
 */
import type { AccueilDatabase } from '../store/database';
import type { CustomerFacts, InvoiceFact, QuoteFact, VisitFact } from './assistant';

export interface CustomerScope {
  contactId: string;
  /** The companies the portal lets this contact see (HubSpot associations); may be empty. */
  companyIds: readonly string[];
}

export interface OpenItem {
  piece: string;
  amountCents: number;
  dueDate: string | null;
}

export function customerFacts(
  db: AccueilDatabase,
  scope: CustomerScope,
  clock: () => Date,
  /** The customer's open invoices in Sage; null when Accueil does not know the company's invoices. */
  openItems: (scope: CustomerScope) => OpenItem[] | null,
  /** The end of a booked visit's arrival window (« entre 8 h et 12 h »); null when it has none. */
  arrivalWindowEnd: (interventionId: string) => string | null = () => null,
): CustomerFacts {
  const companies = scope.companyIds.length > 0 ? scope.companyIds : [''];
  const owners = `(contact_id = ? OR company_id IN (${companies.map(() => '?').join(', ')}))`;
  const ownerParams = [scope.contactId, ...companies];
  const visitSql = (upcoming: boolean) =>
    `SELECT id, kind, scheduled_at AS scheduledAt, NULL AS windowEndAt, technician, status FROM interventions
     WHERE ${owners} AND ${upcoming ? `status IN ('planifiee', 'en_cours') AND scheduled_at >= ?` : `status = 'terminee' AND scheduled_at < ?`}
     ORDER BY scheduled_at ${upcoming ? 'ASC' : 'DESC'} LIMIT 1`;
  const contact = db.prepare<{ firstName: string }>(`SELECT first_name AS firstName FROM contacts WHERE id = ?`).get(scope.contactId);
  return {
    firstName: contact?.firstName || null,
    nextVisit: () => {
      // A visit of this morning still counts until the end of its day (the technician may be late).
      const since = new Date(clock().getTime() - 12 * 3_600_000).toISOString();
      const visit = db.prepare<VisitFact>(visitSql(true)).get(...ownerParams, since);
      return visit ? { ...visit, windowEndAt: arrivalWindowEnd(visit.id) } : null;
    },
    lastVisit: () => db.prepare<VisitFact>(visitSql(false)).get(...ownerParams, clock().toISOString()) ?? null,
    quotes: () =>
      db
        .prepare<QuoteFact>(
          `SELECT id, number, title, amount_cents AS amountCents, status, valid_until AS validUntil FROM quotes WHERE ${owners} ORDER BY coalesce(sent_at, created_at) DESC LIMIT 5`,
        )
        .all(...ownerParams),
    unpaidInvoices: (): InvoiceFact[] | null => {
      const items = openItems(scope);
      if (items === null) return null;
      return items.filter((item) => item.amountCents > 0).map((item) => ({ id: item.piece, number: item.piece, amountDueCents: item.amountCents, dueDate: item.dueDate }));
    },
  };
}
