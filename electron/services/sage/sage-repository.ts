/**
 * The Sage area's SQL: its own tables (sage-migrations.ts) and the reads it makes of the shared
 * companies, contacts and phones to match accounts. Nothing else in the area writes SQL.
 */
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';
import type { SageAccount, SageOpenItem } from './sage-records';

export interface SageAccountRow {
  code: string;
  name: string;
  contact: string | null;
  address: string | null;
  complement: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  vat: string | null;
  siret: string | null;
  siret_valid: number;
  ape: string | null;
  created_on: string | null;
  phone: string | null;
  mobile: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  dormant: number;
  fingerprint: string;
  company_id: string | null;
  contact_id: string | null;
  match_rule: MatchRule | null;
  ignored: number;
  hubspot_sent: string | null;
}

/** How an account was linked: by a clear rule, created new, or by a person's decision in the review. */
/** 'hubspot_code': the company HubSpot already gave this code (stored as NULL: the column's CHECK predates it). */
export type MatchRule = 'hubspot_code' | 'siret' | 'email' | 'phone_name' | 'person' | 'created' | 'review';

export interface LocalCompanyRow {
  id: string;
  name: string;
  siret: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  email: string | null;
  hubspot_id: string | null;
}

export interface LocalContactRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  company_id: string | null;
}

export interface ReviewCandidate {
  companyId: string | null;
  contactId: string | null;
  label: string;
  /** Why it is a candidate, in French (« même SIREN, autre établissement »). */
  why: string;
}

export interface ReviewRow {
  id: number;
  code: string;
  reason: string;
  candidates: ReviewCandidate[];
  state: 'open' | 'accepted' | 'picked' | 'created' | 'ignored';
  createdAt: string;
}

export interface ConflictRow {
  code: string;
  field: string;
  companyId: string;
  sageValue: string;
  localValue: string;
  detectedAt: string;
  /** 'local': a person chose to keep Accueil's (HubSpot's) value for these two values. */
  decision: 'local' | null;
}

type RawConflict = { code: string; field: string; company_id: string; sage_value: string; local_value: string; detected_at: string; decision: 'local' | null };
const conflictRow = (row: RawConflict): ConflictRow => ({
  code: row.code,
  field: row.field,
  companyId: row.company_id,
  sageValue: row.sage_value,
  localValue: row.local_value,
  detectedAt: row.detected_at,
  decision: row.decision,
});

export interface OpenItemRow {
  account: string;
  piece: string;
  due_date: string;
  amount_cents: number;
  label: string | null;
  issued_on: string | null;
  lettrage: string | null;
}

/** The columns of companies Sage owns (its fields win, but never silently over a local change). */
export type SageOwnedColumn = 'name' | 'siret' | 'address' | 'postal_code' | 'city';

export class SageRepository {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  account(code: string): SageAccountRow | null {
    return this.db.prepare<SageAccountRow>(`SELECT * FROM sage_accounts WHERE code = ?`).get(code) ?? null;
  }

  accountOfCompany(companyId: string): SageAccountRow | null {
    return this.db.prepare<SageAccountRow>(`SELECT * FROM sage_accounts WHERE company_id = ?`).get(companyId) ?? null;
  }

  /** Writes Sage's fields of an account (its links and push state are left as they are). */
  saveAccount(a: SageAccount, fingerprint: string): void {
    const at = this.now();
    this.db
      .prepare(
        `INSERT INTO sage_accounts (code, name, contact, address, complement, postal_code, city, country, vat, siret, siret_valid, ape, created_on, phone, mobile, fax, email, website, dormant, fingerprint, first_seen_at, last_seen_at)
         VALUES (@code, @name, @contact, @address, @complement, @postal_code, @city, @country, @vat, @siret, @siret_valid, @ape, @created_on, @phone, @mobile, @fax, @email, @website, @dormant, @fingerprint, @at, @at)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, contact = excluded.contact, address = excluded.address, complement = excluded.complement,
           postal_code = excluded.postal_code, city = excluded.city, country = excluded.country, vat = excluded.vat, siret = excluded.siret,
           siret_valid = excluded.siret_valid, ape = excluded.ape, created_on = excluded.created_on, phone = excluded.phone, mobile = excluded.mobile,
           fax = excluded.fax, email = excluded.email, website = excluded.website, dormant = excluded.dormant, fingerprint = excluded.fingerprint,
           last_seen_at = excluded.last_seen_at`,
      )
      .run({
        code: a.code, name: a.name, contact: a.contact, address: a.address, complement: a.complement, postal_code: a.postalCode, city: a.city,
        country: a.country, vat: a.vat, siret: a.siret, siret_valid: a.siretValid ? 1 : 0, ape: a.ape, created_on: a.createdOn, phone: a.phone,
        mobile: a.mobile, fax: a.fax, email: a.email, website: a.website, dormant: a.dormant ? 1 : 0, fingerprint, at,
      });
  }

  link(code: string, link: { companyId: string | null; contactId: string | null; rule: MatchRule }): void {
    this.db.prepare(`UPDATE sage_accounts SET company_id = ?, contact_id = ?, match_rule = ?, ignored = 0 WHERE code = ?`).run(link.companyId, link.contactId, link.rule === 'hubspot_code' ? null : link.rule, code);
  }

  setIgnored(code: string): void {
    this.db.prepare(`UPDATE sage_accounts SET ignored = 1 WHERE code = ?`).run(code);
  }

  // ── reviews ──
  openReview(code: string): ReviewRow | null {
    const row = this.db.prepare<{ id: number; code: string; reason: string; candidates: string; state: ReviewRow['state']; created_at: string }>(`SELECT * FROM sage_reviews WHERE code = ? AND state = 'open'`).get(code);
    return row ? { id: row.id, code: row.code, reason: row.reason, candidates: JSON.parse(row.candidates) as ReviewCandidate[], state: row.state, createdAt: row.created_at } : null;
  }

  review(id: number): ReviewRow | null {
    const row = this.db.prepare<{ id: number; code: string; reason: string; candidates: string; state: ReviewRow['state']; created_at: string }>(`SELECT * FROM sage_reviews WHERE id = ?`).get(id);
    return row ? { id: row.id, code: row.code, reason: row.reason, candidates: JSON.parse(row.candidates) as ReviewCandidate[], state: row.state, createdAt: row.created_at } : null;
  }

  openReviews(): ReviewRow[] {
    return this.db
      .prepare<{ id: number; code: string; reason: string; candidates: string; state: ReviewRow['state']; created_at: string }>(`SELECT * FROM sage_reviews WHERE state = 'open' ORDER BY id`)
      .all()
      .map((row) => ({ id: row.id, code: row.code, reason: row.reason, candidates: JSON.parse(row.candidates) as ReviewCandidate[], state: row.state, createdAt: row.created_at }));
  }

  addReview(code: string, reason: string, candidates: ReviewCandidate[]): void {
    this.db.prepare(`INSERT INTO sage_reviews (code, reason, candidates, state, created_at) VALUES (?, ?, ?, 'open', ?)`).run(code, reason, JSON.stringify(candidates), this.now());
  }

  decideReview(id: number, state: Exclude<ReviewRow['state'], 'open'>): void {
    this.db.prepare(`UPDATE sage_reviews SET state = ?, decided_at = ? WHERE id = ? AND state = 'open'`).run(state, this.now(), id);
  }

  // ── conflicts ──
  conflict(code: string, field: string): ConflictRow | null {
    const row = this.db.prepare<RawConflict>(`SELECT * FROM sage_conflicts WHERE code = ? AND field = ?`).get(code, field);
    return row ? conflictRow(row) : null;
  }

  conflictsOf(code: string): ConflictRow[] {
    return this.db.prepare<RawConflict>(`SELECT * FROM sage_conflicts WHERE code = ? ORDER BY field`).all(code).map(conflictRow);
  }

  /** Every conflict, undecided first, with the names a person recognises. */
  allConflicts(): Array<ConflictRow & { accountName: string; companyName: string | null }> {
    return this.db
      .prepare<RawConflict & { account_name: string; company_name: string | null }>(
        `SELECT k.*, a.name AS account_name, c.name AS company_name FROM sage_conflicts k JOIN sage_accounts a ON a.code = k.code LEFT JOIN companies c ON c.id = k.company_id
         ORDER BY k.decision IS NOT NULL, k.detected_at DESC, k.code, k.field`,
      )
      .all()
      .map((row) => ({ ...conflictRow(row), accountName: row.account_name, companyName: row.company_name }));
  }

  /** Saved as found; a decision holds only for the values it was taken on. */
  saveConflict(c: Omit<ConflictRow, 'detectedAt' | 'decision'>): void {
    this.db
      .prepare(`INSERT INTO sage_conflicts (code, field, company_id, sage_value, local_value, detected_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (code, field) DO UPDATE SET
                  decision = CASE WHEN sage_value = excluded.sage_value AND local_value = excluded.local_value THEN decision END,
                  decided_at = CASE WHEN sage_value = excluded.sage_value AND local_value = excluded.local_value THEN decided_at END,
                  decided_by = CASE WHEN sage_value = excluded.sage_value AND local_value = excluded.local_value THEN decided_by END,
                  detected_at = CASE WHEN sage_value = excluded.sage_value AND local_value = excluded.local_value THEN detected_at ELSE excluded.detected_at END,
                  company_id = excluded.company_id, sage_value = excluded.sage_value, local_value = excluded.local_value`)
      .run(c.code, c.field, c.companyId, c.sageValue, c.localValue, this.now());
  }

  keepLocal(code: string, field: string, by: string | null): void {
    this.db.prepare(`UPDATE sage_conflicts SET decision = 'local', decided_at = ?, decided_by = ? WHERE code = ? AND field = ?`).run(this.now(), by, code, field);
  }

  clearConflict(code: string, field: string): void {
    this.db.prepare(`DELETE FROM sage_conflicts WHERE code = ? AND field = ?`).run(code, field);
  }

  // ── the shared records, read to match ──
  company(id: string): LocalCompanyRow | null {
    return this.db.prepare<LocalCompanyRow>(`SELECT id, name, siret, address, postal_code, city, email, hubspot_id FROM companies WHERE id = ?`).get(id) ?? null;
  }

  contact(id: string): LocalContactRow | null {
    return this.db.prepare<LocalContactRow>(`SELECT id, first_name, last_name, email, company_id FROM contacts WHERE id = ?`).get(id) ?? null;
  }

  phoneOwners(e164: string): Array<{ company_id: string | null; contact_id: string | null }> {
    return this.db.prepare<{ company_id: string | null; contact_id: string | null }>(`SELECT company_id, contact_id FROM phones WHERE e164 = ?`).all(e164);
  }

  /** What the matcher indexes once per import (a scan each, not one per account). */
  allCompanyKeys(): Array<{ id: string; name: string; siret: string | null; email: string | null; sage_code: string | null }> {
    return this.db.prepare<{ id: string; name: string; siret: string | null; email: string | null; sage_code: string | null }>(`SELECT id, name, siret, email, sage_code FROM companies`).all();
  }

  allContactEmails(): Array<{ id: string; email: string; company_id: string | null }> {
    return this.db.prepare<{ id: string; email: string; company_id: string | null }>(`SELECT id, email, company_id FROM contacts WHERE email IS NOT NULL AND email <> ''`).all();
  }

  /** The Sage code already linked to this company or contact, if any. */
  codeLinkedTo(target: { companyId: string | null; contactId: string | null }): string | null {
    const row = target.companyId
      ? this.db.prepare<{ code: string }>(`SELECT code FROM sage_accounts WHERE company_id = ?`).get(target.companyId)
      : this.db.prepare<{ code: string }>(`SELECT code FROM sage_accounts WHERE contact_id = ?`).get(target.contactId);
    return row?.code ?? null;
  }

  setCompanyColumn(companyId: string, column: SageOwnedColumn, value: string): void {
    // The column is one of five names, never text from a file.
    this.db.prepare(`UPDATE companies SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, this.now(), companyId);
  }

  // ── open items ──
  openItems(): OpenItemRow[] {
    return this.db.prepare<OpenItemRow>(`SELECT * FROM sage_open_items`).all();
  }

  replaceOpenItem(item: SageOpenItem): void {
    this.db
      .prepare(`INSERT INTO sage_open_items (account, piece, due_date, amount_cents, label, issued_on, lettrage) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, piece, due_date) DO UPDATE SET amount_cents = excluded.amount_cents, label = excluded.label, issued_on = excluded.issued_on, lettrage = excluded.lettrage`)
      .run(item.account, item.piece, item.dueDate, item.amountCents, item.label, item.issuedOn, item.lettrage);
  }

  deleteOpenItem(account: string, piece: string, dueDate: string): void {
    this.db.prepare(`DELETE FROM sage_open_items WHERE account = ? AND piece = ? AND due_date = ?`).run(account, piece, dueDate);
  }

  knownCodes(codes: readonly string[]): Set<string> {
    const known = new Set<string>();
    const statement = this.db.prepare<{ code: string }>(`SELECT code FROM sage_accounts WHERE code = ?`);
    for (const code of codes) if (statement.get(code)) known.add(code);
    return known;
  }

  /** The open items of the accounts linked to a company, or to a contact (and its company). */
  openItemsFor(target: { companyId?: string | null; contactId?: string | null }): Array<OpenItemRow & { account_name: string }> {
    return this.db
      .prepare<OpenItemRow & { account_name: string }>(
        `SELECT i.*, a.name AS account_name FROM sage_open_items i JOIN sage_accounts a ON a.code = i.account
         WHERE (a.company_id IS NOT NULL AND a.company_id IN (@company, (SELECT company_id FROM contacts WHERE id = @contact)))
            OR (a.contact_id IS NOT NULL AND a.contact_id = @contact)
         ORDER BY i.due_date, i.piece`,
      )
      .all({ company: target.companyId ?? null, contact: target.contactId ?? null });
  }

  // ── imports and exports ──
  recordImport(row: { fileName: string; sha256: string; format: string; page: string; kind: string; report: unknown }): void {
    this.db.prepare(`INSERT INTO sage_imports (file_name, sha256, format, page, kind, imported_at, report) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(row.fileName, row.sha256, row.format, row.page, row.kind, this.now(), JSON.stringify(row.report));
  }

  /** Companies no Sage account is linked to (nor exported still waiting), oldest first: what `sage export` writes. */
  companiesUnknownToSage(): LocalCompanyRow[] {
    return this.db
      .prepare<LocalCompanyRow>(
        `SELECT c.id, c.name, c.siret, c.address, c.postal_code, c.city, c.email, c.hubspot_id FROM companies c
         WHERE NOT EXISTS (SELECT 1 FROM sage_accounts a WHERE a.company_id = c.id)
           -- A company proposed for a doubtful match may be that very account: decided first.
           AND NOT EXISTS (SELECT 1 FROM sage_reviews r WHERE r.state = 'open' AND instr(r.candidates, '"' || c.id || '"') > 0)
         ORDER BY c.seq`,
      )
      .all();
  }

  exportOf(companyId: string): { code: string; arrived_at: string | null } | null {
    return this.db.prepare<{ code: string; arrived_at: string | null }>(`SELECT code, arrived_at FROM sage_exports WHERE company_id = ?`).get(companyId) ?? null;
  }

  codeTaken(code: string): boolean {
    return Boolean(this.db.prepare(`SELECT 1 FROM sage_accounts WHERE code = ? UNION SELECT 1 FROM sage_exports WHERE code = ?`).get(code, code));
  }

  recordExport(companyId: string, code: string, fileName: string): void {
    this.db
      .prepare(`INSERT INTO sage_exports (company_id, code, file_name, exported_at) VALUES (?, ?, ?, ?) ON CONFLICT (company_id) DO UPDATE SET file_name = excluded.file_name, exported_at = excluded.exported_at`)
      .run(companyId, code, fileName, this.now());
  }

  /** Exports waiting for their account to come back from Sage. */
  pendingExports(): Array<{ company_id: string; code: string; file_name: string; exported_at: string }> {
    return this.db.prepare<{ company_id: string; code: string; file_name: string; exported_at: string }>(`SELECT company_id, code, file_name, exported_at FROM sage_exports WHERE arrived_at IS NULL ORDER BY code`).all();
  }

  /** True when this code was waiting (it arrived with this import). */
  markExportArrived(code: string): boolean {
    return this.db.prepare(`UPDATE sage_exports SET arrived_at = ? WHERE code = ? AND arrived_at IS NULL`).run(this.now(), code).changes > 0;
  }

  // ── the HubSpot push ──
  accountsToSend(limit: number): Array<SageAccountRow & { company_hubspot_id: string | null }> {
    return this.db
      .prepare<SageAccountRow & { company_hubspot_id: string | null }>(
        `SELECT a.*, c.hubspot_id AS company_hubspot_id FROM sage_accounts a JOIN companies c ON c.id = a.company_id
         WHERE a.hubspot_sent IS NULL OR a.hubspot_sent <> a.fingerprint || coalesce((SELECT group_concat(x, '|') FROM (SELECT '|' || field || '=' || local_value AS x FROM sage_conflicts k WHERE k.code = a.code ORDER BY field)), '')
         ORDER BY a.code LIMIT ?`,
      )
      .all(limit);
  }

  /**
   * The person accounts (a customer without a company: linked to a contact) whose Sage fields HubSpot
   * has not had yet — only those whose contact HubSpot already knows (the CRM outbox creates it).
   */
  personAccountsToSend(limit: number): Array<SageAccountRow & { contact_hubspot_id: string }> {
    return this.db
      .prepare<SageAccountRow & { contact_hubspot_id: string }>(
        `SELECT a.*, ct.hubspot_id AS contact_hubspot_id FROM sage_accounts a JOIN contacts ct ON ct.id = a.contact_id
         WHERE a.company_id IS NULL AND ct.hubspot_id IS NOT NULL
           AND (a.hubspot_sent IS NULL OR a.hubspot_sent <> a.fingerprint || coalesce((SELECT group_concat(x, '|') FROM (SELECT '|' || field || '=' || local_value AS x FROM sage_conflicts k WHERE k.code = a.code ORDER BY field)), ''))
         ORDER BY a.code LIMIT ?`,
      )
      .all(limit);
  }

  markSent(code: string, sent: string): void {
    this.db.prepare(`UPDATE sage_accounts SET hubspot_sent = ? WHERE code = ?`).run(sent, code);
  }

  setCompanyHubspotId(companyId: string, hubspotId: string): void {
    this.db.prepare(`UPDATE companies SET hubspot_id = ? WHERE id = ? AND hubspot_id IS NULL`).run(hubspotId, companyId);
  }
}
