/**
 * Imports a Sage file into the local store: the accounts and their links to local customers
 * (CustomerMatcher), the fields Sage owns, the review queue, the open items; then asks for the
 * HubSpot push (SageHubSpotPush) in the same transaction.
 *
 * One transaction per file: a file is imported whole (minus the lines its report refuses) or not at
 * all — a crash or a kill -9 in the middle leaves the store as it was, and the next run starts over.
 * Idempotent: each account carries a fingerprint of its Sage fields, so the same file twice finds
 * everything « inchangé » and writes nothing. A dry run does all of it and rolls back.
 *
 * Ownership of fields: Sage owns the raison sociale, SIRET and billing address of a linked company.
 * A local value that is empty, or still the value Sage gave last time, takes Sage's new one; a local
 * value changed outside Sage is a conflict — reported (sage_conflicts), never overwritten silently.
 * HubSpot owns people, phones, e-mails and history: Sage's are used to match, and to fill a company
 * Sage creates, never to overwrite.
 */
import { createHash } from 'node:crypto';
import type { AccueilStore } from '../store';
import { JobsRepository } from '../store/jobs-repository';
import { toE164 } from '../shared/phone-number';
import type { CodePage } from './code-pages';
import { CustomerMatcher } from './customer-matcher';
import type { ColumnMapping, LineProblem, SageAccount, SageFormat, SageOpenItem } from './sage-records';
import { readSageFile } from './sage-file-reader';
import type { ReviewCandidate, SageAccountRow, SageOwnedColumn, SageRepository } from './sage-repository';

export const SAGE_HUBSPOT_QUEUE = 'sage-hubspot';

export interface SageImportRequest {
  fileName: string;
  format?: SageFormat;
  page: CodePage;
  mapping?: ColumnMapping;
  kind?: 'accounts' | 'open-items';
  dryRun?: boolean;
  /** Told every few hundred lines while a large file is stored (the CLI's progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** How often progress is told: often enough for a bar, rarely enough to cost nothing. */
const PROGRESS_EVERY = 500;

export interface FieldConflict {
  code: string;
  field: SageOwnedColumn;
  sageValue: string;
  localValue: string;
}

export interface SageImportReport {
  fileName: string;
  sha256: string;
  format: SageFormat;
  page: CodePage;
  kind: 'accounts' | 'open-items';
  dryRun: boolean;
  /** The whole file was refused: nothing was imported. */
  fileError: { line: number | null; reason: string } | null;
  accounts: { read: number; created: number; linked: number; updated: number; unchanged: number; toReview: number; ignored: number };
  openItems: { read: number; added: number; changed: number; removed: number; unchanged: number };
  rejected: LineProblem[];
  warnings: LineProblem[];
  conflicts: FieldConflict[];
  reviews: Array<{ code: string; name: string; reason: string; candidates: ReviewCandidate[] }>;
  /** Customers written for Sage by `accueil sage export` that this accounts file does not hold yet. */
  exportsMissing: Array<{ code: string; fileName: string; exportedAt: string }>;
  exportsArrived: number;
  /** Local companies and contacts whose records changed (the pop and the record read them again). */
  changedCompanyIds: string[];
}

class DryRunRollback extends Error {}

const SAGE_OWNED: readonly SageOwnedColumn[] = ['name', 'siret', 'address', 'postal_code', 'city'];

/** What Sage says for each field it owns (null: Sage has nothing to say, the local value stays). */
function sageOwnedValues(a: { name: string; siret: string | null; siretValid: boolean; address: string | null; complement: string | null; postalCode: string | null; city: string | null }): Record<SageOwnedColumn, string | null> {
  return {
    name: a.name,
    // A SIRET whose key is wrong is a typo in Sage: it never replaces anything.
    siret: a.siret && a.siretValid ? a.siret : null,
    address: [a.address, a.complement].filter(Boolean).join(', ') || null,
    postal_code: a.postalCode,
    city: a.city,
  };
}

function rowAsOwned(row: SageAccountRow): Record<SageOwnedColumn, string | null> {
  return sageOwnedValues({ name: row.name, siret: row.siret, siretValid: row.siret_valid === 1, address: row.address, complement: row.complement, postalCode: row.postal_code, city: row.city });
}

const same = (field: SageOwnedColumn, a: string | null | undefined, b: string | null | undefined): boolean => {
  const norm = (v: string | null | undefined) => (field === 'siret' ? (v ?? '').replace(/\s/g, '') : (v ?? '').trim().replace(/\s+/g, ' '));
  return norm(a) === norm(b);
};

export function accountFingerprint(a: SageAccount): string {
  const { line: _line, ...fields } = a;
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}

export interface SageImporterOptions {
  store: AccueilStore;
  repo: SageRepository;
  /** Whether accounts go to HubSpot (a CRM workspace, not the demo): asked at each import. */
  pushToHubSpot: () => boolean;
  /** The push job's clock: the push queue's own (SageHubSpotPush). */
  clock: () => Date;
}

export class SageImporter {
  private readonly jobs: JobsRepository;

  constructor(private readonly options: SageImporterOptions) {
    this.jobs = new JobsRepository(options.store.database, options.clock);
  }

  importBytes(bytes: Uint8Array, request: SageImportRequest): SageImportReport {
    const reading = readSageFile(bytes, {
      page: request.page,
      ...(request.format ? { format: request.format } : {}),
      ...(request.mapping ? { mapping: request.mapping } : {}),
      ...(request.kind ? { kind: request.kind } : {}),
    });
    const report: SageImportReport = {
      fileName: request.fileName,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      format: reading.format,
      page: reading.page,
      kind: reading.kind,
      dryRun: request.dryRun === true,
      fileError: reading.fileError,
      accounts: { read: reading.accounts.length, created: 0, linked: 0, updated: 0, unchanged: 0, toReview: 0, ignored: reading.ignored },
      openItems: { read: reading.openItems.length, added: 0, changed: 0, removed: 0, unchanged: 0 },
      rejected: reading.rejected,
      warnings: [...reading.warnings],
      conflicts: [],
      reviews: [],
      exportsMissing: [],
      exportsArrived: 0,
      changedCompanyIds: [],
    };
    if (reading.fileError) return report;

    const { repo } = this.options;
    try {
      repo.transaction(() => {
        if (reading.kind === 'accounts') this.importAccounts(reading.accounts, report, request.onProgress);
        else this.importOpenItems(reading.openItems, report, request.onProgress);
        request.onProgress?.(reading.kind === 'accounts' ? reading.accounts.length : reading.openItems.length, reading.kind === 'accounts' ? reading.accounts.length : reading.openItems.length);
        if (report.dryRun) throw new DryRunRollback();
        repo.recordImport({ fileName: report.fileName, sha256: report.sha256, format: report.format, page: report.page, kind: report.kind, report: { ...report, changedCompanyIds: undefined } });
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    return report;
  }

  private importAccounts(accounts: SageAccount[], report: SageImportReport, onProgress?: (done: number, total: number) => void): void {
    const { repo } = this.options;
    const matcher = new CustomerMatcher(repo);
    const changed = new Set<string>();
    let toSend = false;
    let done = 0;
    for (const account of accounts) {
      if (onProgress && done++ % PROGRESS_EVERY === 0) onProgress(done - 1, accounts.length);
      const fingerprint = accountFingerprint(account);
      const before = repo.account(account.code);
      if (repo.markExportArrived(account.code)) report.exportsArrived++;
      // Unchanged in Sage and settled here: nothing to do. An unchanged account whose record was
      // deleted meanwhile (a HubSpot merge, the demo leaving) is matched again.
      const settled = before !== null && (before.company_id !== null || before.contact_id !== null || before.ignored === 1 || repo.openReview(account.code) !== null);
      if (before && before.fingerprint === fingerprint && settled) {
        report.accounts.unchanged++;
        continue;
      }
      const changedInSage = before !== null && before.fingerprint !== fingerprint;
      if (before === null || changedInSage) repo.saveAccount(account, fingerprint);
      if (changedInSage) report.accounts.updated++;

      if (before && (before.company_id || before.contact_id)) {
        if (before.company_id && this.applyOwnedFields(account, before.company_id, before, report)) changed.add(before.company_id);
        // A person's account goes too (its code and billing address on the contact).
        toSend = true;
        continue;
      }
      if (before?.ignored) continue;
      const open = repo.openReview(account.code);
      if (open) {
        if (!before) report.accounts.toReview++;
        report.reviews.push({ code: account.code, name: account.name, reason: open.reason, candidates: open.candidates });
        continue;
      }
      const outcome = matcher.match(account);
      if (outcome.kind === 'link') {
        repo.link(account.code, outcome);
        if (outcome.companyId && this.applyOwnedFields(account, outcome.companyId, null, report)) changed.add(outcome.companyId);
        if (!changedInSage) report.accounts.linked++;
        toSend = true;
      } else if (outcome.kind === 'review') {
        repo.addReview(account.code, outcome.reason, outcome.candidates);
        if (!changedInSage) report.accounts.toReview++;
        report.reviews.push({ code: account.code, name: account.name, reason: outcome.reason, candidates: outcome.candidates });
      } else {
        const companyId = this.createCompany(account);
        matcher.rememberCompany({ id: companyId, name: account.name, siret: account.siretValid ? account.siret : null, email: account.email });
        repo.link(account.code, { companyId, contactId: null, rule: 'created' });
        changed.add(companyId);
        if (!changedInSage) report.accounts.created++;
        toSend = true;
      }
    }
    const inFile = new Set(accounts.map((a) => a.code));
    for (const pending of repo.pendingExports()) {
      if (!inFile.has(pending.code)) report.exportsMissing.push({ code: pending.code, fileName: pending.file_name, exportedAt: pending.exported_at });
    }
    report.changedCompanyIds = [...changed];
    if (toSend && this.options.pushToHubSpot()) this.requestPush();
  }

  /** Asks the HubSpot push to run (in the caller's transaction: the accounts and the job commit together). */
  requestPush(): void {
    this.jobs.enqueue(SAGE_HUBSPOT_QUEUE, { kind: 'push', subject: 'accounts', coalesce: true });
  }

  /** Sage's fields onto a linked company, by the ownership rule (module comment). True when the company changed. */
  applyOwnedFields(account: SageAccount, companyId: string, before: SageAccountRow | null, report: Pick<SageImportReport, 'conflicts'>): boolean {
    const { repo } = this.options;
    const company = repo.company(companyId);
    if (!company) return false;
    const sage = sageOwnedValues(account);
    const previous = before ? rowAsOwned(before) : null;
    let changed = false;
    for (const field of SAGE_OWNED) {
      const value = sage[field];
      if (!value) continue;
      const local = company[field];
      if (same(field, local, value)) {
        repo.clearConflict(account.code, field);
        continue;
      }
      if (!local || (previous && previous[field] && same(field, local, previous[field]))) {
        repo.setCompanyColumn(companyId, field, value);
        repo.clearConflict(account.code, field);
        changed = true;
        continue;
      }
      const known = repo.conflict(account.code, field);
      repo.saveConflict({ code: account.code, field, companyId, sageValue: value, localValue: local });
      // Kept local by a person for exactly these values: settled, not reported again.
      if (known?.decision === 'local' && known.sageValue === value && known.localValue === local) continue;
      report.conflicts.push({ code: account.code, field, sageValue: value, localValue: local });
    }
    return changed;
  }

  /** A customer Sage knows and Accueil does not: a company, filled with Sage's fields (its phones and e-mail too, having none of HubSpot's yet). */
  createCompany(account: SageAccount): string {
    const { store } = this.options;
    const owned = sageOwnedValues(account);
    const id = store.companies.insert({ name: account.name, siret: owned.siret, address: owned.address, postalCode: account.postalCode, city: account.city, email: account.email });
    const seen = new Set<string>();
    for (const [raw, kind] of [[account.phone, 'fixe'], [account.mobile, 'mobile']] as const) {
      if (!raw) continue;
      const e164 = toE164(raw);
      const key = e164 ?? raw;
      if (seen.has(key)) continue;
      seen.add(key);
      store.phones.insert({ companyId: id, e164, raw, kind });
    }
    return id;
  }

  private importOpenItems(items: SageOpenItem[], report: SageImportReport, onProgress?: (done: number, total: number) => void): void {
    const { repo } = this.options;
    const key = (account: string, piece: string, due: string) => `${account}\u0000${piece}\u0000${due}`;
    const existing = new Map(repo.openItems().map((r) => [key(r.account, r.piece, r.due_date), r]));
    const known = repo.knownCodes([...new Set(items.map((i) => i.account))]);
    const unknownWarned = new Set<string>();
    const seen = new Set<string>();
    let done = 0;
    for (const item of items) {
      if (onProgress && done++ % PROGRESS_EVERY === 0) onProgress(done - 1, items.length);
      const k = key(item.account, item.piece, item.dueDate);
      seen.add(k);
      if (!known.has(item.account) && !unknownWarned.has(item.account)) {
        unknownWarned.add(item.account);
        report.warnings.push({ line: item.line, code: item.account, reason: `compte ${item.account} inconnu d’Accueil : ses échéances sont gardées, affichées dès que le fichier des comptes l’aura apporté` });
      }
      const old = existing.get(k);
      if (old && old.amount_cents === item.amountCents && old.label === item.label && old.issued_on === item.issuedOn && old.lettrage === item.lettrage) {
        report.openItems.unchanged++;
        continue;
      }
      repo.replaceOpenItem(item);
      if (old) report.openItems.changed++;
      else report.openItems.added++;
    }
    // The file is the whole échéancier: an item it no longer lists was paid (or cancelled).
    for (const [k, old] of existing) {
      if (seen.has(k)) continue;
      repo.deleteOpenItem(old.account, old.piece, old.due_date);
      report.openItems.removed++;
    }
  }
}
