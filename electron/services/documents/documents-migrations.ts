/**
 * The documents area's tables (its own migrations, see area.ts).
 *
 * - documents: the index of every document kept (the bytes are in the content store, by SHA-256):
 *   its name as given, business type, the type read from its bytes, size, version, the record it
 *   was added on (record_kind, record_id: versions are counted per record and name) and every record
 *   it is linked to, who added it, and what HubSpot knows of it (the file and the note it hangs on).
 *   `source_key` makes a machine's add idempotent (the same e-mail attachment read twice is one
 *   document).
 * - documents_fts: names, searchable without accents, keyed by `seq` (an implicit rowid may be
 *   renumbered by VACUUM).
 */
import type { Migration } from '../store/migrations/migration';

export const DOCUMENT_TYPES = ['devis', 'facture', 'attestation_entretien', 'rapport_intervention', 'photo', 'plan', 'autre'] as const;
export const RECORD_KINDS = ['contact', 'company', 'intervention', 'quote', 'ticket'] as const;
export const ADDED_BY_KINDS = ['account', 'console', 'customer', 'technician', 'mail'] as const;

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export const documentsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'documents',
    up(db) {
      db.exec(`
CREATE TABLE documents (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN (${list(DOCUMENT_TYPES)})),
  mime TEXT NOT NULL,
  extension TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  version INTEGER NOT NULL CHECK (version >= 1),
  record_kind TEXT NOT NULL CHECK (record_kind IN (${list(RECORD_KINDS)})),
  record_id TEXT NOT NULL,
  contact_id TEXT,
  company_id TEXT,
  intervention_id TEXT,
  quote_id TEXT,
  ticket_id TEXT,
  added_by_kind TEXT NOT NULL CHECK (added_by_kind IN (${list(ADDED_BY_KINDS)})),
  added_by_id TEXT,
  added_by_name TEXT,
  source_key TEXT UNIQUE,
  hubspot_file_id TEXT,
  hubspot_note_id TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (record_kind, record_id, name_key, version)
);
CREATE INDEX documents_contact ON documents(contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX documents_company ON documents(company_id, created_at) WHERE company_id IS NOT NULL;
CREATE INDEX documents_intervention ON documents(intervention_id) WHERE intervention_id IS NOT NULL;
CREATE INDEX documents_quote ON documents(quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX documents_ticket ON documents(ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX documents_type ON documents(type, created_at);
CREATE INDEX documents_content ON documents(sha256);

CREATE VIRTUAL TABLE documents_fts USING fts5(name, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2");
`);
    },
  },
];
