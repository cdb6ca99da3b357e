/**
 * Search over contacts and companies (FTS5, accents ignored, prefix matching). A query made only of
 * digits and phone punctuation is one number fragment: "06 12 34" searches 061234*, "+33 6" 336*;
 * bare digits also match postcodes.
 */
import type { SearchHit } from '../../contract/model';
import type { AccueilDatabase, TracedStatement } from './database';

interface HitRow {
  type: 'contact' | 'company';
  id: string;
  label: string;
  company_name: string | null;
  city: string | null;
}

const PHONE_LIKE = /^[\d\s.+()\-/]+$/;

/**
 * The FTS5 MATCH expression for what the user typed, or null when there is nothing to search.
 * Every term is quoted (so FTS5 operators and quotes typed by the user are plain text) and a prefix.
 */
export function ftsQuery(text: string): string | null {
  const trimmed = text.trim();
  if (PHONE_LIKE.test(trimmed)) {
    let digits = trimmed.replace(/\D/g, '');
    // 0033 6… and +33 6… are both indexed as 336…
    if (!trimmed.startsWith('+') && digits.startsWith('00')) digits = digits.slice(2);
    if (digits.length === 0) return null;
    // Bare digits may also be a postcode (35000); typed punctuation or '+' means a phone number.
    return /^\d+$/.test(trimmed) ? `{phones place} : "${digits}"*` : `phones : "${digits}"*`;
  }
  const terms = trimmed.split(/[^\p{L}\p{N}]+/u).filter((term) => term.length > 0);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term}"*`).join(' ');
}

export class SearchRepository {
  private readonly statement: TracedStatement<HitRow>;
  private readonly pauseStatement;
  private readonly resumeStatement;
  private readonly rebuildStatements;

  constructor(private readonly db: AccueilDatabase) {
    this.pauseStatement = db.prepare(`INSERT OR IGNORE INTO search_index_paused (one) VALUES (1)`);
    this.resumeStatement = db.prepare(`DELETE FROM search_index_paused`);
    this.rebuildStatements = [
      db.prepare(`DELETE FROM contacts_fts`),
      db.prepare(`INSERT INTO contacts_fts (rowid, name, company, email, place, phones) SELECT seq, name, company, email, place, phones FROM contacts_search_source`),
      db.prepare(`DELETE FROM companies_fts`),
      db.prepare(`INSERT INTO companies_fts (rowid, name, email, place, phones) SELECT seq, name, email, place, phones FROM companies_search_source`),
    ];
    // Records whose own name holds every term come first (`strong`): typing a company's name must
    // find the company, not the staff of look-alike companies. bm25 orders within each group, with
    // the name column weighted above employer, e-mail, place and phones.
    this.statement = db.prepare<HitRow>(
      `SELECT type, id, label, company_name, city FROM (
         SELECT 'company' AS type, co.id, co.name AS label, NULL AS company_name, co.city, bm25(companies_fts, 10.0, 1.0, 2.0, 1.0) AS rank,
           f.rowid IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH @nameQuery) AS strong
         FROM companies_fts f JOIN companies co ON co.seq = f.rowid WHERE companies_fts MATCH @query
         UNION ALL
         SELECT 'contact', c.id, trim(c.first_name || ' ' || c.last_name), co.name, c.city, bm25(contacts_fts, 10.0, 2.0, 1.0, 2.0, 1.0),
           f.rowid IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH @nameQuery)
         FROM contacts_fts f JOIN contacts c ON c.seq = f.rowid LEFT JOIN companies co ON co.id = c.company_id
         WHERE contacts_fts MATCH @query
       ) ORDER BY strong DESC, rank, label LIMIT @limit`,
    );
  }

  /**
   * Runs a bulk load inside one transaction with the per-row index triggers paused, then rebuilds
   * the index in one pass (a phone added re-indexes its owner: fine for one, costly for 100 000).
   * If `work` throws, everything, the pause included, is rolled back.
   */
  bulkLoad<T>(work: () => T): T {
    return this.db.transaction(() => {
      this.pauseStatement.run();
      const result = work();
      this.resumeStatement.run();
      this.rebuildIndex();
      return result;
    });
  }

  /** Re-creates every search row from the records (also a repair tool). */
  rebuildIndex(): void {
    this.db.transaction(() => {
      for (const statement of this.rebuildStatements) statement.run();
    });
  }

  search(text: string, limit = 12): SearchHit[] {
    const query = ftsQuery(text);
    if (query === null) return [];
    return this.statement.all({ query, nameQuery: `name : (${query})`, limit }).map((row) => ({
      type: row.type,
      id: row.id,
      label: row.label,
      detail: [row.company_name, row.city].filter(Boolean).join(' · ') || null,
    }));
  }
}
