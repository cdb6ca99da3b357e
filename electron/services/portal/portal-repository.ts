/**
 * The portal's SQL: its own tables (sign-in links, sessions, the evidence of accepted quotes) and
 * what a customer may read of the shared records (interventions, quotes, tickets), always through
 * `ownedBy` (customer-scope.ts). A record outside the scope reads exactly like one that does not
 * exist: null.
 */
import type { Intervention, Quote, Ticket } from '../../contract/model';
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';
import { ownedBy, scopeOf, type CustomerScope } from './customer-scope';

export interface PortalContact {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  companyId: string | null;
}

export interface LinkRow {
  id: string;
  contactId: string | null;
  email: string | null;
  requestedAt: string;
  expiresAt: string;
  sentAt: string | null;
  usedAt: string | null;
}

export interface SessionRow {
  tokenHash: string;
  contactId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export type PortalQuote = Quote & { hubspotId: string | null; updatedAt: string };

export interface AcceptanceRow {
  id: string;
  quoteId: string;
  quoteNumber: string;
  signerContactRef: string;
  signerEmail: string | null;
  typedName: string;
  acceptedAt: string;
  ip: string;
  userAgent: string | null;
  versionHash: string;
  content: string;
  noteId: string | null;
}

export interface NewAcceptance extends Omit<AcceptanceRow, 'noteId'> {
  noteId: string | null;
}

const INTERVENTION_COLUMNS = 'i.id, i.kind, i.status, i.scheduled_at, i.technician, i.site_address, i.report, i.contact_id, i.company_id';
const QUOTE_COLUMNS = 'q.id, q.number, q.title, q.amount_cents, q.status, q.contact_id, q.company_id, q.site_address, q.created_at, q.sent_at, q.valid_until, q.hubspot_id, q.updated_at';
const TICKET_COLUMNS = 't.id, t.subject, t.description, t.status, t.priority, t.category, t.contact_id, t.company_id, t.created_at, t.updated_at';

interface InterventionRow {
  id: string;
  kind: string;
  status: Intervention['status'];
  scheduled_at: string;
  technician: string | null;
  site_address: string | null;
  report: string | null;
  contact_id: string | null;
  company_id: string | null;
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
  hubspot_id: string | null;
  updated_at: string;
}

interface TicketRow {
  id: string;
  subject: string;
  description: string | null;
  status: Ticket['status'];
  priority: Ticket['priority'];
  category: Ticket['category'];
  contact_id: string | null;
  company_id: string | null;
  created_at: string;
  updated_at: string;
}

const toIntervention = (r: InterventionRow): Intervention => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  scheduledAt: r.scheduled_at,
  technician: r.technician,
  siteAddress: r.site_address,
  report: r.report,
  contactId: r.contact_id,
  companyId: r.company_id,
});

const toQuote = (r: QuoteRow): PortalQuote => ({
  id: r.id,
  number: r.number,
  title: r.title,
  amountCents: r.amount_cents,
  status: r.status,
  contactId: r.contact_id,
  companyId: r.company_id,
  siteAddress: r.site_address,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  validUntil: r.valid_until,
  hubspotId: r.hubspot_id,
  updatedAt: r.updated_at,
});

const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  subject: r.subject,
  description: r.description,
  status: r.status,
  priority: r.priority,
  category: r.category,
  contactId: r.contact_id,
  companyId: r.company_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class PortalRepository {
  constructor(
    readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  // ── who ────────────────────────────────────────────────────────────────────────────────────

  /** The contact HubSpot knows under this address (the most recently updated when several share it). */
  contactByEmail(email: string): PortalContact | null {
    const row = this.db
      .prepare<{ id: string; first_name: string; last_name: string; email: string | null; company_id: string | null }>(
        `SELECT id, first_name, last_name, email, company_id FROM contacts WHERE lower(trim(email)) = ? AND email IS NOT NULL ORDER BY updated_at DESC, id LIMIT 1`,
      )
      .get(email.trim().toLowerCase());
    return row ? { id: row.id, firstName: row.first_name, lastName: row.last_name, email: row.email, companyId: row.company_id } : null;
  }

  contact(id: string): PortalContact | null {
    const row = this.db
      .prepare<{ id: string; first_name: string; last_name: string; email: string | null; company_id: string | null }>(`SELECT id, first_name, last_name, email, company_id FROM contacts WHERE id = ?`)
      .get(id);
    return row ? { id: row.id, firstName: row.first_name, lastName: row.last_name, email: row.email, companyId: row.company_id } : null;
  }

  /** Where the customer's visits happen: their address in HubSpot, else the site of their last visit. */
  homeAddress(contactId: string): string | null {
    const contact = this.db
      .prepare<{ address: string | null; postal_code: string | null; city: string | null }>(`SELECT address, postal_code, city FROM contacts WHERE id = ?`)
      .get(contactId);
    const own = [contact?.address?.trim(), [contact?.postal_code?.trim(), contact?.city?.trim()].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    if (contact?.postal_code?.trim() || contact?.city?.trim()) return own;
    const visit = this.db
      .prepare<{ site_address: string }>(`SELECT site_address FROM interventions WHERE contact_id = ? AND site_address IS NOT NULL AND trim(site_address) <> '' ORDER BY scheduled_at DESC LIMIT 1`)
      .get(contactId);
    return visit?.site_address ?? (own || null);
  }

  /** The contact's own number as typed in HubSpot (a mobile first), never the company's switchboard. */
  contactPhone(contactId: string): string | null {
    const row = this.db
      .prepare<{ raw: string }>(`SELECT raw FROM phones WHERE contact_id = ? AND kind <> 'fax' ORDER BY kind = 'mobile' DESC, e164 IS NULL, id LIMIT 1`)
      .get(contactId);
    return row?.raw ?? null;
  }

  scope(contactId: string): CustomerScope {
    return scopeOf(this.db, contactId);
  }

  companyNames(ids: readonly string[]): string[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare<{ name: string }>(`SELECT name FROM companies WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name`)
      .all(JSON.stringify(ids))
      .map((r) => r.name);
  }

  // ── sign-in links ──────────────────────────────────────────────────────────────────────────

  insertLink(link: { id: string; contactId: string | null; email: string | null; requestedAt: string; expiresAt: string; ip: string }): void {
    this.db
      .prepare(`INSERT INTO portal_links (id, contact_id, email, requested_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(link.id, link.contactId, link.email, link.requestedAt, link.expiresAt, link.ip);
  }

  link(id: string): LinkRow | null {
    const row = this.db
      .prepare<{ id: string; contact_id: string | null; email: string | null; requested_at: string; expires_at: string; sent_at: string | null; used_at: string | null }>(
        `SELECT id, contact_id, email, requested_at, expires_at, sent_at, used_at FROM portal_links WHERE id = ?`,
      )
      .get(id);
    return row ? { id: row.id, contactId: row.contact_id, email: row.email, requestedAt: row.requested_at, expiresAt: row.expires_at, sentAt: row.sent_at, usedAt: row.used_at } : null;
  }

  markLinkSent(id: string, at: string): void {
    this.db.prepare(`UPDATE portal_links SET sent_at = ? WHERE id = ?`).run(at, id);
  }

  /** Spends a link: true once, for a link of a known contact that is neither used nor expired at `at`. */
  useLink(id: string, at: string): boolean {
    return this.db.prepare(`UPDATE portal_links SET used_at = ? WHERE id = ? AND used_at IS NULL AND contact_id IS NOT NULL AND expires_at > ?`).run(at, id, at).changes === 1;
  }

  // ── sessions ───────────────────────────────────────────────────────────────────────────────

  openSession(session: { tokenHash: string; contactId: string; linkId: string; at: string; expiresAt: string; ip: string; userAgent: string | null }): void {
    this.db
      .prepare(
        `INSERT INTO portal_sessions (token_hash, contact_id, link_id, created_at, last_seen_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(session.tokenHash, session.contactId, session.linkId, session.at, session.at, session.expiresAt, session.ip, session.userAgent);
  }

  session(tokenHash: string): SessionRow | null {
    const row = this.db
      .prepare<{ token_hash: string; contact_id: string; created_at: string; last_seen_at: string; expires_at: string; ended_at: string | null }>(
        `SELECT token_hash, contact_id, created_at, last_seen_at, expires_at, ended_at FROM portal_sessions WHERE token_hash = ?`,
      )
      .get(tokenHash);
    return row ? { tokenHash: row.token_hash, contactId: row.contact_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, endedAt: row.ended_at } : null;
  }

  touchSession(tokenHash: string, at: string): void {
    this.db.prepare(`UPDATE portal_sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL`).run(at, tokenHash);
  }

  endSession(tokenHash: string, at: string, reason: 'signed_out' | 'idle' | 'expired'): void {
    this.db.prepare(`UPDATE portal_sessions SET ended_at = ?, end_reason = ? WHERE token_hash = ? AND ended_at IS NULL`).run(at, reason, tokenHash);
  }

  // ── records, in the customer's scope ───────────────────────────────────────────────────────

  interventions(scope: CustomerScope): Intervention[] {
    const own = ownedBy('i', scope);
    return this.db
      .prepare<InterventionRow>(`SELECT ${INTERVENTION_COLUMNS} FROM interventions i WHERE ${own.sql} ORDER BY i.scheduled_at DESC LIMIT 200`)
      .all(...own.params)
      .map(toIntervention);
  }

  intervention(scope: CustomerScope, id: string): Intervention | null {
    const own = ownedBy('i', scope);
    const row = this.db.prepare<InterventionRow>(`SELECT ${INTERVENTION_COLUMNS} FROM interventions i WHERE i.id = ? AND ${own.sql}`).get(id, ...own.params);
    return row ? toIntervention(row) : null;
  }

  quotes(scope: CustomerScope): PortalQuote[] {
    const own = ownedBy('q', scope);
    return this.db
      .prepare<QuoteRow>(`SELECT ${QUOTE_COLUMNS} FROM quotes q WHERE ${own.sql} AND q.status <> 'brouillon' ORDER BY coalesce(q.sent_at, q.created_at) DESC LIMIT 200`)
      .all(...own.params)
      .map(toQuote);
  }

  /** A quote the customer may see (a draft is not theirs to see yet). */
  quote(scope: CustomerScope, id: string): PortalQuote | null {
    const own = ownedBy('q', scope);
    const row = this.db.prepare<QuoteRow>(`SELECT ${QUOTE_COLUMNS} FROM quotes q WHERE q.id = ? AND q.status <> 'brouillon' AND ${own.sql}`).get(id, ...own.params);
    return row ? toQuote(row) : null;
  }

  /** Any quote by id, for the HubSpot push (no customer involved). */
  quoteById(id: string): PortalQuote | null {
    const row = this.db.prepare<QuoteRow>(`SELECT ${QUOTE_COLUMNS} FROM quotes q WHERE q.id = ?`).get(id);
    return row ? toQuote(row) : null;
  }

  tickets(scope: CustomerScope): Ticket[] {
    const own = ownedBy('t', scope);
    return this.db
      .prepare<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE ${own.sql} ORDER BY t.created_at DESC LIMIT 200`)
      .all(...own.params)
      .map(toTicket);
  }

  ticket(scope: CustomerScope, id: string): Ticket | null {
    const own = ownedBy('t', scope);
    const row = this.db.prepare<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = ? AND ${own.sql}`).get(id, ...own.params);
    return row ? toTicket(row) : null;
  }

  // ── acceptance ─────────────────────────────────────────────────────────────────────────────

  /** « Accepté » from « envoyé », once: false when the quote was not (or no longer) waiting for an answer. */
  markQuoteAccepted(quoteId: string, at: string): boolean {
    return this.db.prepare(`UPDATE quotes SET status = 'accepte', updated_at = ? WHERE id = ? AND status = 'envoye'`).run(at, quoteId).changes === 1;
  }

  insertAcceptance(a: NewAcceptance): void {
    this.db
      .prepare(
        `INSERT INTO portal_quote_acceptances (id, quote_id, quote_number, signer_contact_ref, signer_email, typed_name, agreed, accepted_at, ip, user_agent, version_hash, content, note_id)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.id, a.quoteId, a.quoteNumber, a.signerContactRef, a.signerEmail, a.typedName, a.acceptedAt, a.ip, a.userAgent, a.versionHash, a.content, a.noteId);
  }

  acceptance(quoteId: string): AcceptanceRow | null {
    const row = this.db
      .prepare<{
        id: string;
        quote_id: string;
        quote_number: string;
        signer_contact_ref: string;
        signer_email: string | null;
        typed_name: string;
        accepted_at: string;
        ip: string;
        user_agent: string | null;
        version_hash: string;
        content: string;
        note_id: string | null;
      }>(`SELECT * FROM portal_quote_acceptances WHERE quote_id = ?`)
      .get(quoteId);
    return row
      ? {
          id: row.id,
          quoteId: row.quote_id,
          quoteNumber: row.quote_number,
          signerContactRef: row.signer_contact_ref,
          signerEmail: row.signer_email,
          typedName: row.typed_name,
          acceptedAt: row.accepted_at,
          ip: row.ip,
          userAgent: row.user_agent,
          versionHash: row.version_hash,
          content: row.content,
          noteId: row.note_id,
        }
      : null;
  }

  now(): string {
    return this.clock().toISOString();
  }
}
