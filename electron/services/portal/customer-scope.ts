/**
 * Whose records a signed-in customer may see: their own (contact_id) and those of the companies
 * HubSpot associates them with (the mirrored associations, crm_associations, both directions) —
 * never a company merely typed on their record, never a colleague's company by name. Computed at
 * every request, so an association removed in HubSpot closes the door at the next sync.
 *
 * Every read and write of the portal goes through `ownedBy`: one SQL predicate, with the scope bound
 * as parameters, so no route can forget the check or write it differently.
 */
import type { AccueilDatabase } from '../store/database';

export interface CustomerScope {
  contactId: string;
  /** Local ids of the companies HubSpot associates the contact with. */
  companyIds: readonly string[];
}

/** `(t.contact_id = ? OR t.company_id IN (…))` for a table alias, with its parameters. */
export function ownedBy(alias: string, scope: CustomerScope): { sql: string; params: string[] } {
  return {
    sql: `(${alias}.contact_id = ? OR ${alias}.company_id IN (SELECT value FROM json_each(?)))`,
    params: [scope.contactId, JSON.stringify(scope.companyIds)],
  };
}

export function scopeOf(db: AccueilDatabase, contactId: string): CustomerScope {
  const companies = db
    .prepare<{ id: string }>(
      `SELECT co.id AS id FROM contacts c
         JOIN crm_associations a ON a.from_type = 'contacts' AND a.from_id = c.hubspot_id AND a.to_type = 'companies'
         JOIN companies co ON co.hubspot_id = a.to_id
       WHERE c.id = ? AND c.hubspot_id IS NOT NULL
       UNION
       SELECT co.id AS id FROM contacts c
         JOIN crm_associations a ON a.from_type = 'companies' AND a.to_type = 'contacts' AND a.to_id = c.hubspot_id
         JOIN companies co ON co.hubspot_id = a.from_id
       WHERE c.id = ? AND c.hubspot_id IS NOT NULL`,
    )
    .all(contactId, contactId)
    .map((r) => r.id);
  return { contactId, companyIds: [...new Set(companies)].sort() };
}
