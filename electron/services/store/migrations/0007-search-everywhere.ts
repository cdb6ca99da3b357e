/**
 * Search finds what an agent types (issue 11): a number from any part of it, and a record from its
 * devis and tickets.
 *
 * - `phone_digits_fts`: one row per phone (rowid = phones.id, an INTEGER PRIMARY KEY, so stable), the
 *   digit forms of `search_digits`, tokenised in trigrams: « 3456 » finds 04 78 12 34 56, which the
 *   word index of 0001 (prefixes only) cannot.
 * - `contacts_work_fts` / `companies_work_fts`: one row per record that has devis or tickets (rowid =
 *   seq, as in 0001), holding the quote numbers (as written and without dashes: DV-2026-00001,
 *   DV202600001), quote titles, ticket references and ticket subjects. Separate tables rather than a
 *   new column of contacts_fts: an FTS5 table cannot gain a column, and rebuilding 0001's index and
 *   its fifteen triggers would be a bigger change for the same result.
 * - Triggers keep them in step, paused like 0001's during a bulk load (SearchRepository rebuilds).
 */
import type { Migration } from './migration';

/** Mirrors `ticketReference` (shared/merge-fields.ts) for ids made of letters, digits and dashes. */
const ticketReference = (id: string) => `'T-' || upper(substr(replace(${id}, '-', ''), 1, 8))`;

const workOf = (column: 'contact_id' | 'company_id', id: string) => `trim(
    coalesce((SELECT group_concat(q.number || ' ' || replace(q.number, '-', '') || ' ' || q.title, ' ') FROM quotes q WHERE q.${column} = ${id}), '') || ' ' ||
    coalesce((SELECT group_concat(${ticketReference('t.id')} || ' ' || t.subject, ' ') FROM tickets t WHERE t.${column} = ${id}), ''))`;

const NOT_PAUSED = 'WHEN NOT EXISTS (SELECT 1 FROM search_index_paused)';

/** Statements re-indexing the devis and tickets of the contact and the company named by `row` (NEW or OLD). */
const reindexOwners = (row: string) => `
  DELETE FROM contacts_work_fts WHERE ${row}.contact_id IS NOT NULL AND rowid = (SELECT seq FROM contacts WHERE id = ${row}.contact_id);
  INSERT INTO contacts_work_fts(rowid, work) SELECT seq, work FROM contacts_work_source WHERE ${row}.contact_id IS NOT NULL AND id = ${row}.contact_id AND work <> '';
  DELETE FROM companies_work_fts WHERE ${row}.company_id IS NOT NULL AND rowid = (SELECT seq FROM companies WHERE id = ${row}.company_id);
  INSERT INTO companies_work_fts(rowid, work) SELECT seq, work FROM companies_work_source WHERE ${row}.company_id IS NOT NULL AND id = ${row}.company_id AND work <> '';`;

const workTriggers = (table: 'quotes' | 'tickets', indexed: string) => `
CREATE TRIGGER ${table}_work_fts_insert AFTER INSERT ON ${table} ${NOT_PAUSED} BEGIN${reindexOwners('NEW')}
END;
CREATE TRIGGER ${table}_work_fts_update AFTER UPDATE OF ${indexed}, contact_id, company_id ON ${table} ${NOT_PAUSED} BEGIN${reindexOwners('OLD')}${reindexOwners('NEW')}
END;
CREATE TRIGGER ${table}_work_fts_delete AFTER DELETE ON ${table} ${NOT_PAUSED} BEGIN${reindexOwners('OLD')}
END;`;

const SCHEMA = `
CREATE VIRTUAL TABLE phone_digits_fts USING fts5(digits, tokenize = "trigram");
CREATE TRIGGER phone_digits_fts_insert AFTER INSERT ON phones ${NOT_PAUSED} BEGIN
  INSERT INTO phone_digits_fts(rowid, digits) VALUES (NEW.id, NEW.search_digits);
END;
CREATE TRIGGER phone_digits_fts_update AFTER UPDATE OF search_digits ON phones ${NOT_PAUSED} BEGIN
  DELETE FROM phone_digits_fts WHERE rowid = OLD.id;
  INSERT INTO phone_digits_fts(rowid, digits) VALUES (NEW.id, NEW.search_digits);
END;
CREATE TRIGGER phone_digits_fts_delete AFTER DELETE ON phones ${NOT_PAUSED} BEGIN
  DELETE FROM phone_digits_fts WHERE rowid = OLD.id;
END;

CREATE VIRTUAL TABLE contacts_work_fts USING fts5(work, tokenize = "unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE companies_work_fts USING fts5(work, tokenize = "unicode61 remove_diacritics 2");
CREATE VIEW contacts_work_source AS SELECT c.seq AS seq, c.id AS id, ${workOf('contact_id', 'c.id')} AS work FROM contacts c;
CREATE VIEW companies_work_source AS SELECT co.seq AS seq, co.id AS id, ${workOf('company_id', 'co.id')} AS work FROM companies co;
${workTriggers('quotes', 'number, title')}
${workTriggers('tickets', 'subject')}
CREATE TRIGGER contacts_work_fts_delete AFTER DELETE ON contacts ${NOT_PAUSED} BEGIN
  DELETE FROM contacts_work_fts WHERE rowid = OLD.seq;
END;
CREATE TRIGGER companies_work_fts_delete AFTER DELETE ON companies ${NOT_PAUSED} BEGIN
  DELETE FROM companies_work_fts WHERE rowid = OLD.seq;
END;

-- What an upgraded file already holds.
INSERT INTO phone_digits_fts(rowid, digits) SELECT id, search_digits FROM phones;
INSERT INTO contacts_work_fts(rowid, work) SELECT seq, work FROM contacts_work_source WHERE work <> '';
INSERT INTO companies_work_fts(rowid, work) SELECT seq, work FROM companies_work_source WHERE work <> '';
`;

export const searchEverywhere: Migration = {
  version: 7,
  name: 'search-everywhere',
  up(db) {
    db.exec(SCHEMA);
  },
};
