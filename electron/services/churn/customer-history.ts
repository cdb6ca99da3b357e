/**
 * Every customer's dated events, read once from the store: visits (done or not), calls, quotes,
 * tickets, survey answers. A customer is a company, or a contact without one (what a building-services
 * company bills). Read in bulk: the churn model computes its features at several past dates from the
 * same history, never looking past the date it stands at.
 */
import type { AccueilDatabase } from '../store/database';

export interface CustomerHistory {
  key: string;
  companyId: string | null;
  contactId: string | null;
  label: string;
  /** Completed visits: when, and whether it was a maintenance visit (entretien, ramonage, visite annuelle). */
  visits: Array<{ at: number; maintenance: boolean }>;
  /** Any contact with the company: calls, quotes, tickets, survey answers, visits (ms, sorted). */
  contacts: number[];
  complaints: number[];
  /** Survey answers: when and the score (0–10). */
  answers: Array<{ at: number; score: number }>;
  /** Quotes refused (their last change) and accepted. */
  lostQuotes: number[];
  wonQuotes: number[];
  inboundCalls: number[];
}

const MAINTENANCE = /entretien|ramonage|visite annuelle|maintenance|contrat/i;

/** The customer a record belongs to: its company, or the contact's company, or the contact. */
const OWNER = `coalesce(r.company_id, c.company_id, CASE WHEN r.contact_id IS NOT NULL THEN 'c:' || r.contact_id END)`;

export function readCustomerHistories(db: AccueilDatabase, options: { withSurveys: boolean }): Map<string, CustomerHistory> {
  const histories = new Map<string, CustomerHistory>();
  const labels = new Map<string, string>();
  for (const row of db.prepare<{ id: string; name: string }>(`SELECT id, name FROM companies`).all()) labels.set(row.id, row.name);
  for (const row of db.prepare<{ id: string; name: string }>(`SELECT id, trim(first_name || ' ' || last_name) AS name FROM contacts WHERE company_id IS NULL`).all()) labels.set(`c:${row.id}`, row.name);
  const of = (key: string | null): CustomerHistory | null => {
    if (!key) return null;
    let history = histories.get(key);
    if (!history) {
      const contact = key.startsWith('c:');
      history = {
        key,
        companyId: contact ? null : key,
        contactId: contact ? key.slice(2) : null,
        label: labels.get(key) ?? '',
        visits: [],
        contacts: [],
        complaints: [],
        answers: [],
        lostQuotes: [],
        wonQuotes: [],
        inboundCalls: [],
      };
      histories.set(key, history);
    }
    return history;
  };
  const t = (iso: string) => Date.parse(iso);

  for (const row of db
    .prepare<{ owner: string | null; at: string; kind: string; status: string }>(
      `SELECT ${OWNER} AS owner, r.scheduled_at AS at, r.kind, r.status FROM interventions r LEFT JOIN contacts c ON c.id = r.contact_id`,
    )
    .all()) {
    const h = of(row.owner);
    if (!h || row.status !== 'terminee') continue;
    h.visits.push({ at: t(row.at), maintenance: MAINTENANCE.test(row.kind) });
    h.contacts.push(t(row.at));
  }
  for (const row of db
    .prepare<{ owner: string | null; at: string; direction: string }>(`SELECT ${OWNER} AS owner, r.ring_at AS at, r.direction FROM calls r LEFT JOIN contacts c ON c.id = r.contact_id`)
    .all()) {
    const h = of(row.owner);
    if (!h) continue;
    h.contacts.push(t(row.at));
    if (row.direction === 'inbound') h.inboundCalls.push(t(row.at));
  }
  for (const row of db
    .prepare<{ owner: string | null; created: string; updated: string; status: string }>(
      `SELECT ${OWNER} AS owner, r.created_at AS created, r.updated_at AS updated, r.status FROM quotes r LEFT JOIN contacts c ON c.id = r.contact_id`,
    )
    .all()) {
    const h = of(row.owner);
    if (!h) continue;
    h.contacts.push(t(row.created));
    if (row.status === 'refuse') h.lostQuotes.push(t(row.updated));
    if (row.status === 'accepte') h.wonQuotes.push(t(row.updated));
  }
  for (const row of db
    .prepare<{ owner: string | null; at: string; category: string }>(`SELECT ${OWNER} AS owner, r.created_at AS at, r.category FROM tickets r LEFT JOIN contacts c ON c.id = r.contact_id`)
    .all()) {
    const h = of(row.owner);
    if (!h) continue;
    h.contacts.push(t(row.at));
    if (row.category === 'reclamation') h.complaints.push(t(row.at));
  }
  if (options.withSurveys) {
    for (const row of db
      .prepare<{ owner: string | null; at: string; score: number }>(
        `SELECT ${OWNER} AS owner, r.answered_at AS at, r.score FROM surveys r LEFT JOIN contacts c ON c.id = r.contact_id WHERE r.score IS NOT NULL AND r.answered_at IS NOT NULL`,
      )
      .all()) {
      const h = of(row.owner);
      if (!h) continue;
      h.answers.push({ at: t(row.at), score: row.score });
      h.contacts.push(t(row.at));
    }
  }
  for (const h of histories.values()) {
    h.visits.sort((a, b) => a.at - b.at);
    for (const list of [h.contacts, h.complaints, h.lostQuotes, h.wonQuotes, h.inboundCalls]) list.sort((a, b) => a - b);
    h.answers.sort((a, b) => a.at - b.at);
  }
  return histories;
}
