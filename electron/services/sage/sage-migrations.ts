/**
 * The Sage area's tables (its own migrations, see area.ts).
 *
 * - sage_accounts: the last version of each Sage customer account read from a file, by its code
 *   (a string: « 0041 » ≠ « 41 »), its fingerprint (what tells « unchanged » on the next import),
 *   the local company or contact it is linked to and by which rule, and what was last sent to
 *   HubSpot (hubspot_sent: the fingerprint plus the open conflicts, see SageHubSpotPush).
 * - sage_reviews: a doubtful match waiting for a person (accept, pick another, create new, ignore);
 *   at most one open per account.
 * - sage_conflicts: a Sage-owned field (raison sociale, SIRET, billing address) whose local value
 *   was changed outside Sage: reported, never overwritten silently.
 * - sage_open_items: the échéances of the last open-items file (a snapshot: an item absent from the
 *   next file was paid).
 * - sage_imports: one row per import (not dry runs) with its report.
 * - sage_exports: the customers written to a file for Sage, until an import shows them arrived.
 */
import type { Migration } from '../store/migrations/migration';

export const sageMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'sage-accounts',
    up(db) {
      db.exec(`
CREATE TABLE sage_accounts (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  contact TEXT,
  address TEXT,
  complement TEXT,
  postal_code TEXT,
  city TEXT,
  country TEXT,
  vat TEXT,
  siret TEXT,
  siret_valid INTEGER NOT NULL DEFAULT 0,
  ape TEXT,
  created_on TEXT,
  phone TEXT,
  mobile TEXT,
  fax TEXT,
  email TEXT,
  website TEXT,
  dormant INTEGER NOT NULL DEFAULT 0,
  fingerprint TEXT NOT NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  match_rule TEXT CHECK (match_rule IN ('siret', 'email', 'phone_name', 'person', 'created', 'review')),
  ignored INTEGER NOT NULL DEFAULT 0,
  hubspot_sent TEXT,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
-- A company carries one code_client_sage in HubSpot: one account per company.
CREATE UNIQUE INDEX sage_accounts_company ON sage_accounts(company_id) WHERE company_id IS NOT NULL;
CREATE INDEX sage_accounts_contact ON sage_accounts(contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE sage_reviews (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL REFERENCES sage_accounts(code) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  candidates TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'picked', 'created', 'ignored')),
  created_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE UNIQUE INDEX sage_reviews_open ON sage_reviews(code) WHERE state = 'open';

CREATE TABLE sage_conflicts (
  code TEXT NOT NULL REFERENCES sage_accounts(code) ON DELETE CASCADE,
  field TEXT NOT NULL,
  company_id TEXT NOT NULL,
  sage_value TEXT NOT NULL,
  local_value TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  PRIMARY KEY (code, field)
);

CREATE TABLE sage_open_items (
  account TEXT NOT NULL,
  piece TEXT NOT NULL,
  due_date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  label TEXT,
  issued_on TEXT,
  lettrage TEXT,
  PRIMARY KEY (account, piece, due_date)
);

CREATE TABLE sage_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  page TEXT NOT NULL,
  kind TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  report TEXT NOT NULL
);

CREATE TABLE sage_exports (
  company_id TEXT PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
  code TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  exported_at TEXT NOT NULL,
  arrived_at TEXT
);
`);
    },
  },
  {
    version: 2,
    name: 'conflict-decisions',
    up(db) {
      // A person's decision on a conflict: « keep Accueil's value » is remembered (not asked again on
      // the next import of the same values); keeping Sage's applies it and removes the row.
      db.exec(`
ALTER TABLE sage_conflicts ADD COLUMN decision TEXT CHECK (decision IN ('local'));
ALTER TABLE sage_conflicts ADD COLUMN decided_at TEXT;
ALTER TABLE sage_conflicts ADD COLUMN decided_by TEXT;
`);
    },
  },
];
