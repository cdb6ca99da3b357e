/**
 * The first schema: the CRM records (companies, contacts and their phones), the call journal, the
 * history tables (notes, e-mails, tickets, devis, interventions), e-mail templates and the search
 * index. Dates are ISO-8601 UTC text; money is integer cents.
 *
 * Choices worth knowing:
 * - contacts and companies have an explicit `seq INTEGER PRIMARY KEY` next to their text id: the FTS
 *   rows are keyed by it, and an implicit rowid may be renumbered by VACUUM.
 * - `hubspot_id` (nullable, unique when set) on every table HubSpot knows (contacts, companies,
 *   tickets, quotes = deals, and the engagements: calls, notes, e-mails, interventions = meetings).
 * - the call journal has no foreign keys: a ringing call is written before anything else and must
 *   never fail because the record it was matched to has just been deleted or not synced yet.
 * - `last_interaction_at` on contacts and companies is kept by triggers so that ranking the matches
 *   of a caller number costs no extra query.
 */
import type { Migration } from './migration';

/** Tables that form the history of a contact or a company, with the instant that counts as contact. */
const HISTORY_TABLES: Array<{ table: string; at: string }> = [
  { table: 'calls', at: 'ring_at' },
  { table: 'notes', at: 'created_at' },
  { table: 'emails', at: 'sent_at' },
  { table: 'tickets', at: 'created_at' },
  { table: 'quotes', at: 'created_at' },
  { table: 'interventions', at: 'created_at' },
];

function touchTriggers(table: string, at: string): string {
  const body = `
    UPDATE contacts SET last_interaction_at = NEW.${at}
      WHERE NEW.contact_id IS NOT NULL AND id = NEW.contact_id AND (last_interaction_at IS NULL OR last_interaction_at < NEW.${at});
    UPDATE companies SET last_interaction_at = NEW.${at}
      WHERE NEW.company_id IS NOT NULL AND id = NEW.company_id AND (last_interaction_at IS NULL OR last_interaction_at < NEW.${at});`;
  return `
    CREATE TRIGGER ${table}_touch_insert AFTER INSERT ON ${table} BEGIN ${body} END;
    CREATE TRIGGER ${table}_touch_update AFTER UPDATE OF contact_id, company_id ON ${table} BEGIN ${body} END;`;
}

/** Names as typed plus without apostrophes and hyphens, so "ndiaye" finds N'Diaye and "jeanpierre" Jean-Pierre. */
const compact = (column: string) => `replace(replace(replace(${column}, '''', ''), '’', ''), '-', '')`;

const SCHEMA = `
CREATE TABLE companies (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  siret TEXT,
  address TEXT,
  postal_code TEXT,
  city TEXT,
  email TEXT,
  hubspot_id TEXT,
  last_interaction_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX companies_hubspot_id ON companies(hubspot_id) WHERE hubspot_id IS NOT NULL;

CREATE TABLE contacts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL,
  email TEXT,
  role TEXT,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  address TEXT,
  postal_code TEXT,
  city TEXT,
  hubspot_id TEXT,
  last_interaction_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX contacts_company ON contacts(company_id) WHERE company_id IS NOT NULL;
CREATE UNIQUE INDEX contacts_hubspot_id ON contacts(hubspot_id) WHERE hubspot_id IS NOT NULL;

CREATE TABLE phones (
  id INTEGER PRIMARY KEY,
  contact_id TEXT REFERENCES contacts(id) ON DELETE CASCADE,
  company_id TEXT REFERENCES companies(id) ON DELETE CASCADE,
  e164 TEXT,
  raw TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('mobile', 'fixe', 'standard', 'fax', 'autre')),
  -- national, national-significant and international digit forms, for prefix search
  search_digits TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((contact_id IS NULL) <> (company_id IS NULL))
);
-- The caller lookup: one indexed equality on e164.
CREATE INDEX phones_e164 ON phones(e164);
CREATE UNIQUE INDEX phones_contact_number ON phones(contact_id, e164) WHERE contact_id IS NOT NULL;
CREATE UNIQUE INDEX phones_company_number ON phones(company_id, e164) WHERE company_id IS NOT NULL;
-- Fallback for numbers stored before they could be normalised.
CREATE INDEX phones_unnormalised ON phones(search_digits) WHERE e164 IS NULL;

CREATE TABLE calls (
  id TEXT PRIMARY KEY,
  sip_call_id TEXT,
  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  state TEXT NOT NULL CHECK (state IN ('ringing', 'answered', 'ended', 'missed', 'answered_elsewhere', 'failed')),
  from_raw TEXT NOT NULL,
  from_e164 TEXT,
  from_display TEXT NOT NULL,
  caller_name TEXT,
  to_raw TEXT NOT NULL,
  ring_at TEXT NOT NULL,
  answer_at TEXT,
  end_at TEXT,
  contact_id TEXT,
  company_id TEXT,
  match_label TEXT,
  end_reason TEXT,
  hubspot_id TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX calls_ring_at ON calls(ring_at);
CREATE INDEX calls_from_e164 ON calls(from_e164);
CREATE INDEX calls_sip_call_id ON calls(sip_call_id) WHERE sip_call_id IS NOT NULL;
CREATE INDEX calls_active ON calls(ring_at) WHERE state IN ('ringing', 'answered');
CREATE INDEX calls_contact ON calls(contact_id, ring_at) WHERE contact_id IS NOT NULL;
CREATE INDEX calls_company ON calls(company_id, ring_at) WHERE company_id IS NOT NULL;
CREATE UNIQUE INDEX calls_hubspot_id ON calls(hubspot_id) WHERE hubspot_id IS NOT NULL;

CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  body TEXT NOT NULL,
  author TEXT,
  hubspot_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX notes_contact ON notes(contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX notes_company ON notes(company_id, created_at) WHERE company_id IS NOT NULL;
CREATE UNIQUE INDEX notes_hubspot_id ON notes(hubspot_id) WHERE hubspot_id IS NOT NULL;

CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE emails (
  id TEXT PRIMARY KEY,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  from_address TEXT,
  to_address TEXT,
  subject TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  template_id TEXT REFERENCES templates(id) ON DELETE SET NULL,
  sent_at TEXT NOT NULL,
  hubspot_id TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX emails_contact ON emails(contact_id, sent_at) WHERE contact_id IS NOT NULL;
CREATE INDEX emails_company ON emails(company_id, sent_at) WHERE company_id IS NOT NULL;
CREATE UNIQUE INDEX emails_hubspot_id ON emails(hubspot_id) WHERE hubspot_id IS NOT NULL;

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('nouveau', 'en_cours', 'en_attente', 'resolu', 'ferme')),
  priority TEXT NOT NULL CHECK (priority IN ('basse', 'normale', 'haute', 'urgente')),
  category TEXT NOT NULL CHECK (category IN ('depannage', 'demande_devis', 'rdv_intervention', 'reclamation', 'facturation', 'autre')),
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  hubspot_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX tickets_contact ON tickets(contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX tickets_company ON tickets(company_id, created_at) WHERE company_id IS NOT NULL;
CREATE UNIQUE INDEX tickets_hubspot_id ON tickets(hubspot_id) WHERE hubspot_id IS NOT NULL;

CREATE TABLE quotes (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('brouillon', 'envoye', 'accepte', 'refuse', 'expire')),
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  site_address TEXT,
  sent_at TEXT,
  valid_until TEXT,
  hubspot_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX quotes_contact ON quotes(contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX quotes_company ON quotes(company_id, created_at) WHERE company_id IS NOT NULL;
CREATE UNIQUE INDEX quotes_hubspot_id ON quotes(hubspot_id) WHERE hubspot_id IS NOT NULL;

CREATE TABLE interventions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planifiee', 'en_cours', 'terminee', 'annulee')),
  scheduled_at TEXT NOT NULL,
  technician TEXT,
  site_address TEXT,
  report TEXT,
  quote_id TEXT REFERENCES quotes(id) ON DELETE SET NULL,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  hubspot_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX interventions_contact ON interventions(contact_id, scheduled_at) WHERE contact_id IS NOT NULL;
CREATE INDEX interventions_company ON interventions(company_id, scheduled_at) WHERE company_id IS NOT NULL;
CREATE UNIQUE INDEX interventions_hubspot_id ON interventions(hubspot_id) WHERE hubspot_id IS NOT NULL;

-- Search: one FTS5 row per contact and per company, rowid = seq, rebuilt by the triggers below
-- from these views (so the text indexed is defined once). A bulk load (demo, first CRM sync) sets
-- search_index_paused inside its transaction, skips the per-row triggers and rebuilds once at the end.
CREATE TABLE search_index_paused (one INTEGER PRIMARY KEY CHECK (one = 1));
CREATE VIRTUAL TABLE contacts_fts USING fts5(name, company, email, place, phones, tokenize = "unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE companies_fts USING fts5(name, email, place, phones, tokenize = "unicode61 remove_diacritics 2");

CREATE VIEW contacts_search_source AS
SELECT c.seq AS seq, c.id AS id,
  c.first_name || ' ' || c.last_name || ' ' || ${compact('c.first_name')} || ' ' || ${compact('c.last_name')} AS name,
  coalesce((SELECT co.name FROM companies co WHERE co.id = c.company_id), '') AS company,
  coalesce(c.email, '') AS email,
  coalesce(c.postal_code, '') || ' ' || coalesce(c.city, '') AS place,
  coalesce((SELECT group_concat(p.search_digits, ' ') FROM phones p WHERE p.contact_id = c.id), '') AS phones
FROM contacts c;

CREATE VIEW companies_search_source AS
SELECT co.seq AS seq, co.id AS id,
  co.name || ' ' || ${compact('co.name')} AS name,
  coalesce(co.email, '') AS email,
  coalesce(co.postal_code, '') || ' ' || coalesce(co.city, '') AS place,
  coalesce((SELECT group_concat(p.search_digits, ' ') FROM phones p WHERE p.company_id = co.id), '') AS phones
FROM companies co;

CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  INSERT INTO contacts_fts(rowid, name, company, email, place, phones)
    SELECT seq, name, company, email, place, phones FROM contacts_search_source WHERE seq = NEW.seq;
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF first_name, last_name, email, postal_code, city, company_id ON contacts WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  DELETE FROM contacts_fts WHERE rowid = OLD.seq;
  INSERT INTO contacts_fts(rowid, name, company, email, place, phones)
    SELECT seq, name, company, email, place, phones FROM contacts_search_source WHERE seq = NEW.seq;
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  DELETE FROM contacts_fts WHERE rowid = OLD.seq;
END;

CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  INSERT INTO companies_fts(rowid, name, email, place, phones)
    SELECT seq, name, email, place, phones FROM companies_search_source WHERE seq = NEW.seq;
END;
CREATE TRIGGER companies_fts_update AFTER UPDATE OF name, email, postal_code, city ON companies WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  DELETE FROM companies_fts WHERE rowid = OLD.seq;
  INSERT INTO companies_fts(rowid, name, email, place, phones)
    SELECT seq, name, email, place, phones FROM companies_search_source WHERE seq = NEW.seq;
END;
-- A contact's row carries its company's name: a renamed company re-indexes its contacts.
CREATE TRIGGER companies_fts_rename AFTER UPDATE OF name ON companies WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  DELETE FROM contacts_fts WHERE rowid IN (SELECT seq FROM contacts WHERE company_id = NEW.id);
  INSERT INTO contacts_fts(rowid, name, company, email, place, phones)
    SELECT s.seq, s.name, s.company, s.email, s.place, s.phones FROM contacts_search_source s
    WHERE s.seq IN (SELECT seq FROM contacts WHERE company_id = NEW.id);
END;
CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  DELETE FROM companies_fts WHERE rowid = OLD.seq;
END;

-- A phone added, changed or removed re-indexes its owner.
CREATE TRIGGER phones_fts_insert AFTER INSERT ON phones WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  DELETE FROM contacts_fts WHERE NEW.contact_id IS NOT NULL AND rowid = (SELECT seq FROM contacts WHERE id = NEW.contact_id);
  INSERT INTO contacts_fts(rowid, name, company, email, place, phones)
    SELECT seq, name, company, email, place, phones FROM contacts_search_source WHERE NEW.contact_id IS NOT NULL AND id = NEW.contact_id;
  DELETE FROM companies_fts WHERE NEW.company_id IS NOT NULL AND rowid = (SELECT seq FROM companies WHERE id = NEW.company_id);
  INSERT INTO companies_fts(rowid, name, email, place, phones)
    SELECT seq, name, email, place, phones FROM companies_search_source WHERE NEW.company_id IS NOT NULL AND id = NEW.company_id;
END;
CREATE TRIGGER phones_fts_update AFTER UPDATE OF e164, search_digits, contact_id, company_id ON phones WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  DELETE FROM contacts_fts WHERE rowid IN (SELECT seq FROM contacts WHERE id IN (OLD.contact_id, NEW.contact_id));
  INSERT INTO contacts_fts(rowid, name, company, email, place, phones)
    SELECT seq, name, company, email, place, phones FROM contacts_search_source WHERE id IN (OLD.contact_id, NEW.contact_id);
  DELETE FROM companies_fts WHERE rowid IN (SELECT seq FROM companies WHERE id IN (OLD.company_id, NEW.company_id));
  INSERT INTO companies_fts(rowid, name, email, place, phones)
    SELECT seq, name, email, place, phones FROM companies_search_source WHERE id IN (OLD.company_id, NEW.company_id);
END;
CREATE TRIGGER phones_fts_delete AFTER DELETE ON phones WHEN NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
  DELETE FROM contacts_fts WHERE OLD.contact_id IS NOT NULL AND rowid = (SELECT seq FROM contacts WHERE id = OLD.contact_id);
  INSERT INTO contacts_fts(rowid, name, company, email, place, phones)
    SELECT seq, name, company, email, place, phones FROM contacts_search_source WHERE OLD.contact_id IS NOT NULL AND id = OLD.contact_id;
  DELETE FROM companies_fts WHERE OLD.company_id IS NOT NULL AND rowid = (SELECT seq FROM companies WHERE id = OLD.company_id);
  INSERT INTO companies_fts(rowid, name, email, place, phones)
    SELECT seq, name, email, place, phones FROM companies_search_source WHERE OLD.company_id IS NOT NULL AND id = OLD.company_id;
END;

${HISTORY_TABLES.map(({ table, at }) => touchTriggers(table, at)).join('\n')}
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SCHEMA);
  },
};
