/**
 * Search over contacts and companies (FTS5, accents and case ignored, prefix matching), over the
 * devis and tickets they own (quote numbers, ticket references, title words), and over their phone
 * numbers from any part of the number.
 *
 * A query made only of digits and phone punctuation is a number fragment: spaces, dots and dashes
 * are ignored, « 06 12 34 » is 061234. It matches the beginning of a number's national,
 * national-significant or international digits (ranked first), and from three digits on any part of
 * them (« 56 78 » finds 06 12 34 56 78). A leading « + » or « 00 » and a country code pins it to
 * the start of the international form. Bare digits also match postcodes.
 */
import type { SearchHit, SearchPage } from '../../contract/model';
import type { AccueilDatabase, TracedStatement } from './database';

interface HitRow {
  type: 'contact' | 'company';
  id: string;
  label: string;
  company_name: string | null;
  city: string | null;
}

const PHONE_LIKE = /^[\d\s.+()\-/]+$/;
/** The trigram index cannot look for fewer characters than three. */
const MIN_DIGITS_ANYWHERE = 3;

/** What one typed query looks for, each part an FTS5 MATCH expression or null. */
export interface SearchPlan {
  /** Against contacts_fts / companies_fts (names, company, e-mail, place, phone prefixes). */
  records: string;
  /** Against the devis and tickets a record owns. */
  work: string;
  /** Against phone_digits_fts: the digits anywhere in a number. */
  digitsAnywhere: string | null;
}

/**
 * One quoted phrase per word typed (what is between spaces), its last token a prefix. A word is cut
 * at punctuation by the tokenizer, and a phrase keeps its pieces together and in order: « DV-2026-00001 »
 * is dv 2026 00001 in a row, not three tokens from three different devis. Quoting makes FTS5 operators
 * and quotes typed by the user plain text.
 */
function textQuery(text: string): string | null {
  const phrases = text
    .split(/\s+/)
    .map((word) => word.split(/[^\p{L}\p{N}]+/u).filter((piece) => piece.length > 0))
    .filter((pieces) => pieces.length > 0)
    .map((pieces) => `"${pieces.join(' ')}"*`);
  return phrases.length === 0 ? null : phrases.join(' ');
}

/** The FTS5 queries for what the user typed, or null when there is nothing to search. */
export function searchPlan(text: string): SearchPlan | null {
  const trimmed = text.trim();
  if (PHONE_LIKE.test(trimmed)) {
    let digits = trimmed.replace(/\D/g, '');
    // 0033 6… and +33 6… are both indexed as 336…, and say where the number starts. Country codes
    // never start with 0: « 00 00 17 » is the end of a number.
    const dialledAbroad = !trimmed.startsWith('+') && /^00[1-9]/.test(digits);
    const international = trimmed.startsWith('+') || dialledAbroad;
    if (dialledAbroad) digits = digits.slice(2);
    if (digits.length === 0) return null;
    // Bare digits may also be a postcode (35000); typed punctuation or '+' means a phone number.
    const records = /^\d+$/.test(trimmed) ? `{phones place} : "${digits}"*` : `phones : "${digits}"*`;
    const anywhere = !international && digits.length >= MIN_DIGITS_ANYWHERE ? `"${digits}"` : null;
    // A quote number typed from its digits (2026-00001) is still a devis. Never null: there are digits.
    return { records, work: textQuery(trimmed) ?? `"${digits}"*`, digitsAnywhere: anywhere };
  }
  const query = textQuery(trimmed);
  return query === null ? null : { records: query, work: query, digitsAnywhere: null };
}

/** The records part of the plan (kept for callers and tests that look at the word query). */
export function ftsQuery(text: string): string | null {
  return searchPlan(text)?.records ?? null;
}

/** The records of one kind that one index finds, as `seq` values (a record is its FTS rowid). */
const SOURCES = {
  company: {
    records: `SELECT rowid FROM companies_fts WHERE companies_fts MATCH @records`,
    work: `SELECT rowid FROM companies_work_fts WHERE companies_work_fts MATCH @work`,
    digits: `SELECT co.seq FROM phone_digits_fts d JOIN phones p ON p.id = d.rowid JOIN companies co ON co.id = p.company_id WHERE phone_digits_fts MATCH @digits`,
  },
  contact: {
    records: `SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH @records`,
    work: `SELECT rowid FROM contacts_work_fts WHERE contacts_work_fts MATCH @work`,
    digits: `SELECT c.seq FROM phone_digits_fts d JOIN phones p ON p.id = d.rowid JOIN contacts c ON c.id = p.contact_id WHERE phone_digits_fts MATCH @digits`,
  },
} as const;

/**
 * The three ways a record is found, each a tier of the results, in this order: 1. its own columns
 * (name, employer, e-mail, place, the beginning of a number); 2. its devis and tickets; 3. a number
 * found from its middle. Each tier leaves out what an earlier one found, so a record appears once.
 *
 * Tiers are paged one after the other (`SearchRepository.collect`): a page that the first tier fills
 * never runs the others, and a count is cheap where building every row is not (« a » finds 50 000 of
 * 100 000 contacts; the first 12 need one top-N sort of the first tier, not of all three).
 *
 * Within the first tier, records whose own name holds every term come first (typing a company's name
 * must find the company, not the staff of look-alike companies), then bm25 with the name column
 * weighted above employer, e-mail, place and phones. In every tier, among equals (homonyms: 60 François
 * Lefèvre in a large CRM) the customer in touch most recently comes first, and the order is total, so
 * pages never overlap.
 */
type Tier = 'own' | 'work' | 'digitsAnywhere';

const ORDER_TAIL = 'last_at DESC NULLS LAST, label, id';

const TIER_SQL: Record<Tier, { rows: string; order: string; count: string }> = {
  own: {
    rows: `SELECT 'company' AS type, co.id, co.name AS label, NULL AS company_name, co.city, co.last_interaction_at AS last_at,
             f.rowid IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH @nameQuery) AS strong,
             bm25(companies_fts, 10.0, 1.0, 2.0, 1.0) AS rank
           FROM companies_fts f JOIN companies co ON co.seq = f.rowid WHERE companies_fts MATCH @records
           UNION ALL
           SELECT 'contact', c.id, trim(c.first_name || ' ' || c.last_name), co.name, c.city, c.last_interaction_at,
             f.rowid IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH @nameQuery),
             bm25(contacts_fts, 10.0, 2.0, 1.0, 2.0, 1.0)
           FROM contacts_fts f JOIN contacts c ON c.seq = f.rowid LEFT JOIN companies co ON co.id = c.company_id
           WHERE contacts_fts MATCH @records`,
    order: `strong DESC, rank, ${ORDER_TAIL}`,
    count: `SELECT (SELECT count(*) FROM (${SOURCES.company.records})) + (SELECT count(*) FROM (${SOURCES.contact.records})) AS n`,
  },
  work: {
    rows: `SELECT 'company' AS type, co.id, co.name AS label, NULL AS company_name, co.city, co.last_interaction_at AS last_at, bm25(companies_work_fts) AS rank
           FROM companies_work_fts w JOIN companies co ON co.seq = w.rowid
           WHERE companies_work_fts MATCH @work AND w.rowid NOT IN (${SOURCES.company.records})
           UNION ALL
           SELECT 'contact', c.id, trim(c.first_name || ' ' || c.last_name), co.name, c.city, c.last_interaction_at, bm25(contacts_work_fts)
           FROM contacts_work_fts w JOIN contacts c ON c.seq = w.rowid LEFT JOIN companies co ON co.id = c.company_id
           WHERE contacts_work_fts MATCH @work AND w.rowid NOT IN (${SOURCES.contact.records})`,
    order: `rank, ${ORDER_TAIL}`,
    count: `SELECT (SELECT count(*) FROM (${SOURCES.company.work}) WHERE rowid NOT IN (${SOURCES.company.records}))
                 + (SELECT count(*) FROM (${SOURCES.contact.work}) WHERE rowid NOT IN (${SOURCES.contact.records})) AS n`,
  },
  digitsAnywhere: {
    rows: `SELECT 'company' AS type, co.id, co.name AS label, NULL AS company_name, co.city, co.last_interaction_at AS last_at FROM companies co
           WHERE co.seq IN (${SOURCES.company.digits}) AND co.seq NOT IN (${SOURCES.company.records}) AND co.seq NOT IN (${SOURCES.company.work})
           UNION ALL
           SELECT 'contact', c.id, trim(c.first_name || ' ' || c.last_name), co.name, c.city, c.last_interaction_at
           FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
           WHERE c.seq IN (${SOURCES.contact.digits}) AND c.seq NOT IN (${SOURCES.contact.records}) AND c.seq NOT IN (${SOURCES.contact.work})`,
    order: ORDER_TAIL,
    count: `SELECT (SELECT count(DISTINCT seq) FROM (${SOURCES.company.digits}) WHERE seq NOT IN (${SOURCES.company.records}) AND seq NOT IN (${SOURCES.company.work}))
                 + (SELECT count(DISTINCT seq) FROM (${SOURCES.contact.digits}) WHERE seq NOT IN (${SOURCES.contact.records}) AND seq NOT IN (${SOURCES.contact.work})) AS n`,
  },
};

interface TierStatements {
  page: TracedStatement<HitRow>;
  count: TracedStatement<{ n: number }>;
}

export class SearchRepository {
  private readonly tiers: Record<Tier, TierStatements>;
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
      db.prepare(`DELETE FROM phone_digits_fts`),
      db.prepare(`INSERT INTO phone_digits_fts (rowid, digits) SELECT id, search_digits FROM phones`),
      db.prepare(`DELETE FROM contacts_work_fts`),
      db.prepare(`INSERT INTO contacts_work_fts (rowid, work) SELECT seq, work FROM contacts_work_source WHERE work <> ''`),
      db.prepare(`DELETE FROM companies_work_fts`),
      db.prepare(`INSERT INTO companies_work_fts (rowid, work) SELECT seq, work FROM companies_work_source WHERE work <> ''`),
    ];
    const prepare = (tier: Tier): TierStatements => ({
      page: db.prepare<HitRow>(`SELECT type, id, label, company_name, city FROM (${TIER_SQL[tier].rows}) ORDER BY ${TIER_SQL[tier].order} LIMIT @limit OFFSET @offset`),
      count: db.prepare<{ n: number }>(TIER_SQL[tier].count),
    });
    this.tiers = { own: prepare('own'), work: prepare('work'), digitsAnywhere: prepare('digitsAnywhere') };
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

  /** The first `limit` records found. */
  search(text: string, limit = 12): SearchHit[] {
    const plan = searchPlan(text);
    if (plan === null) return [];
    return this.collect(plan, 0, limit, false).hits;
  }

  /** One page of what the query finds, and how many records it finds in all. */
  searchPage(text: string, page: { offset: number; limit: number }): SearchPage {
    const plan = searchPlan(text);
    if (plan === null) return { hits: [], total: 0 };
    return this.collect(plan, page.offset, page.limit, true);
  }

  /**
   * Walks the tiers in order, skipping `offset` records and taking up to `limit`. A tier is counted to
   * know how many of it to skip; once the page is full, the remaining tiers are only counted when a
   * total is wanted.
   */
  private collect(plan: SearchPlan, offset: number, limit: number, withTotal: boolean): SearchPage {
    const parameters = this.parameters(plan);
    const tiers: Tier[] = plan.digitsAnywhere === null ? ['own', 'work'] : ['own', 'work', 'digitsAnywhere'];
    const hits: SearchHit[] = [];
    let skip = offset;
    let total = 0;
    for (const tier of tiers) {
      const room = limit - hits.length;
      if (room === 0 && !withTotal) break;
      const statements = this.tiers[tier];
      if (room > 0 && skip === 0) {
        const rows = statements.page.all({ ...parameters, limit: room, offset: 0 }).map(toHit);
        hits.push(...rows);
        // A page the tier did not fill holds all of it: no count needed.
        if (rows.length < room) total += rows.length;
        else if (withTotal) total += statements.count.get(parameters)?.n ?? 0;
        continue;
      }
      const found = statements.count.get(parameters)?.n ?? 0;
      total += found;
      if (room > 0 && skip < found) hits.push(...statements.page.all({ ...parameters, limit: room, offset: skip }).map(toHit));
      skip = Math.max(0, skip - found);
    }
    return { hits, total: Math.max(total, offset + hits.length) };
  }

  private parameters(plan: SearchPlan): Record<string, string> {
    const parameters: Record<string, string> = { records: plan.records, nameQuery: `name : (${plan.records})`, work: plan.work };
    if (plan.digitsAnywhere !== null) parameters.digits = plan.digitsAnywhere;
    return parameters;
  }
}

function toHit(row: HitRow): SearchHit {
  return { type: row.type, id: row.id, label: row.label, detail: [row.company_name, row.city].filter(Boolean).join(' · ') || null };
}
