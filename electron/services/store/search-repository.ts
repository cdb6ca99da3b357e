/**
 * Search over contacts and companies (FTS5, accents ignored, prefix matching). A query made only of
 * digits and phone punctuation is one number fragment: "06 12 34" searches 061234*, "+33 6" 336*.
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
    return digits.length === 0 ? null : `phones : "${digits}"*`;
  }
  const terms = trimmed.split(/[^\p{L}\p{N}]+/u).filter((term) => term.length > 0);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term}"*`).join(' ');
}

export class SearchRepository {
  private readonly statement: TracedStatement<HitRow>;

  constructor(db: AccueilDatabase) {
    this.statement = db.prepare<HitRow>(
      `SELECT type, id, label, company_name, city FROM (
         SELECT 'company' AS type, co.id, co.name AS label, NULL AS company_name, co.city, f.rank AS rank
         FROM companies_fts f JOIN companies co ON co.seq = f.rowid WHERE companies_fts MATCH @query
         UNION ALL
         SELECT 'contact', c.id, trim(c.first_name || ' ' || c.last_name), co.name, c.city, f.rank
         FROM contacts_fts f JOIN contacts c ON c.seq = f.rowid LEFT JOIN companies co ON co.id = c.company_id
         WHERE contacts_fts MATCH @query
       ) ORDER BY rank, label LIMIT @limit`,
    );
  }

  search(text: string, limit = 12): SearchHit[] {
    const query = ftsQuery(text);
    if (query === null) return [];
    return this.statement.all({ query, limit }).map((row) => ({
      type: row.type,
      id: row.id,
      label: row.label,
      detail: [row.company_name, row.city].filter(Boolean).join(' · ') || null,
    }));
  }
}
