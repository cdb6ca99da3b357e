/**
 * The customer portal's tables (its own migrations, see area.ts).
 *
 * - portal_links: one row per « send me a link » asked on the sign-in page, known address or not
 *   (contact_id NULL then, and no address kept): the answer and the work done are the same either
 *   way. The link itself is never stored: it is signed from the row (shared/signed-links.ts) when
 *   the e-mail leaves; using it sets used_at once (single use), before expires_at (15 minutes).
 * - portal_sessions: a signed-in customer. Only the SHA-256 of the cookie is kept (a copy of the
 *   database opens no session); a session ends when unused `idle` minutes, after `absolute` hours,
 *   or on « Se déconnecter ».
 * - portal_quote_acceptances: the evidence of a quote accepted online — who (the signed-in contact,
 *   the name typed), what (the quote's content and its SHA-256 as shown), when, from where (address,
 *   browser) — append-only: triggers refuse any UPDATE or DELETE. Its person column is not named
 *   contact_id on purpose: a CRM merge re-points every `contact_id` column, and evidence never moves.
 */
import type { Migration } from '../store/migrations/migration';

export const portalMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'portal',
    up(db) {
      db.exec(`
CREATE TABLE portal_links (
  id TEXT PRIMARY KEY,
  contact_id TEXT,
  email TEXT,
  requested_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  sent_at TEXT,
  used_at TEXT,
  ip TEXT
);
CREATE INDEX portal_links_contact ON portal_links(contact_id, requested_at) WHERE contact_id IS NOT NULL;

CREATE TABLE portal_sessions (
  token_hash TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL,
  link_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT CHECK (end_reason IS NULL OR end_reason IN ('signed_out', 'idle', 'expired')),
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX portal_sessions_contact ON portal_sessions(contact_id) WHERE ended_at IS NULL;

CREATE TABLE portal_quote_acceptances (
  id TEXT PRIMARY KEY,
  quote_id TEXT NOT NULL UNIQUE,
  quote_number TEXT NOT NULL,
  signer_contact_ref TEXT NOT NULL,
  signer_email TEXT,
  typed_name TEXT NOT NULL,
  agreed INTEGER NOT NULL CHECK (agreed = 1),
  accepted_at TEXT NOT NULL,
  ip TEXT NOT NULL,
  user_agent TEXT,
  version_hash TEXT NOT NULL,
  content TEXT NOT NULL,
  note_id TEXT
);
CREATE TRIGGER portal_quote_acceptances_no_update BEFORE UPDATE ON portal_quote_acceptances
BEGIN
  SELECT RAISE(ABORT, 'portal_quote_acceptances is append-only');
END;
CREATE TRIGGER portal_quote_acceptances_no_delete BEFORE DELETE ON portal_quote_acceptances
BEGIN
  SELECT RAISE(ABORT, 'portal_quote_acceptances is append-only');
END;
`);
    },
  },
];
