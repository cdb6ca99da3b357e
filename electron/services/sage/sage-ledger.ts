/**
 * What the rest of the product reads and decides about Sage's customers: the unpaid invoices of a
 * company or a contact (for the pop and the record), and the review of doubtful matches.
 * « Today » is the injected clock's date in Paris, so the days overdue never depend on the machine.
 */
import type { SageConflict, SageReview, UnpaidSummary } from '../../contract/sage-calls';
import { ServiceError } from '../../contract/envelope';
import { daysBetween, localTime } from '../shared/paris-time';
import type { SageAccount } from './sage-records';
import type { SageImporter } from './sage-importer';
import type { SageAccountRow, SageOwnedColumn, SageRepository } from './sage-repository';

const OWNED: readonly string[] = ['name', 'siret', 'address', 'postal_code', 'city'] satisfies readonly SageOwnedColumn[];

export function accountOfRow(row: SageAccountRow): SageAccount {
  return {
    code: row.code, name: row.name, kind: 'client', collective: null, contact: row.contact, address: row.address, complement: row.complement,
    postalCode: row.postal_code, city: row.city, country: row.country, vat: row.vat, siret: row.siret, siretValid: row.siret_valid === 1, ape: row.ape,
    createdOn: row.created_on, phone: row.phone, mobile: row.mobile, fax: row.fax, email: row.email, website: row.website, dormant: row.dormant === 1, line: 0,
  };
}

export interface SageLedgerOptions {
  repo: SageRepository;
  importer: SageImporter;
  clock: () => Date;
  pushToHubSpot: () => boolean;
}

export class SageLedger {
  constructor(private readonly options: SageLedgerOptions) {}

  /** Null when the customer has no Sage account linked (the pop then shows nothing). */
  unpaid(target: { companyId: string | null; contactId: string | null }): UnpaidSummary | null {
    const rows = this.options.repo.openItemsFor(target);
    const codes = new Set(rows.map((r) => r.account));
    if (target.companyId) {
      const own = this.options.repo.accountOfCompany(target.companyId);
      if (own) codes.add(own.code);
    }
    if (rows.length === 0 && codes.size === 0) return null;
    const today = localTime(this.options.clock()).date;
    const items = rows.map((r) => ({
      accountCode: r.account,
      accountName: r.account_name,
      piece: r.piece,
      dueDate: r.due_date,
      issuedOn: r.issued_on,
      amountCents: r.amount_cents,
      label: r.label,
      overdueDays: daysBetween(r.due_date, today),
    }));
    const open = rows.map((r, i) => ({ row: r, item: items[i]! })).filter(({ row }) => row.lettrage === null);
    const unpaid = open.filter(({ item }) => item.amountCents > 0 && item.overdueDays > 0).map(({ item }) => item);
    return {
      count: unpaid.length,
      totalCents: unpaid.reduce((sum, i) => sum + i.amountCents, 0),
      oldestOverdueDays: unpaid.length ? Math.max(...unpaid.map((i) => i.overdueDays)) : null,
      items: open.map(({ item }) => item),
      accountCodes: [...codes].sort(),
    };
  }

  reviews(): SageReview[] {
    return this.options.repo.openReviews().map((r) => ({ id: r.id, code: r.code, name: this.options.repo.account(r.code)?.name ?? r.code, reason: r.reason, candidates: r.candidates, createdAt: r.createdAt }));
  }

  decide(input: { reviewId: number; decision: 'accept' | 'pick' | 'create' | 'ignore'; companyId: string | null; contactId: string | null }): { code: string; companyId: string | null; contactId: string | null } {
    const { repo, importer } = this.options;
    return repo.transaction(() => {
      const review = repo.review(input.reviewId);
      if (!review || review.state !== 'open') throw new ServiceError('not_found', { reason: 'sage.review_gone' });
      const row = repo.account(review.code);
      if (!row) throw new ServiceError('not_found', { reason: 'sage.review_gone' });
      const account = accountOfRow(row);
      let target: { companyId: string | null; contactId: string | null };
      if (input.decision === 'ignore') {
        repo.setIgnored(review.code);
        repo.decideReview(review.id, 'ignored');
        return { code: review.code, companyId: null, contactId: null };
      }
      if (input.decision === 'create') {
        target = { companyId: importer.createCompany(account), contactId: null };
      } else if (input.decision === 'accept') {
        if (review.candidates.length !== 1) throw new ServiceError('bad_request', { reason: 'sage.review_pick_one' });
        target = { companyId: review.candidates[0]!.companyId, contactId: review.candidates[0]!.contactId };
      } else {
        if ((input.companyId === null) === (input.contactId === null)) throw new ServiceError('bad_request', { reason: 'sage.review_pick_one' });
        if (input.companyId && !repo.company(input.companyId)) throw new ServiceError('not_found', { reason: 'sage.review_gone' });
        if (input.contactId && !repo.contact(input.contactId)) throw new ServiceError('not_found', { reason: 'sage.review_gone' });
        target = { companyId: input.companyId, contactId: input.contactId };
      }
      const holder = repo.codeLinkedTo(target);
      if (holder && holder !== review.code) throw new ServiceError('conflict', { reason: 'sage.already_linked', params: { code: holder } });
      repo.link(review.code, { ...target, rule: input.decision === 'create' ? 'created' : 'review' });
      if (target.companyId) {
        importer.applyOwnedFields(account, target.companyId, null, { conflicts: [] });
        if (this.options.pushToHubSpot()) importer.requestPush();
      }
      repo.decideReview(review.id, input.decision === 'accept' ? 'accepted' : input.decision === 'pick' ? 'picked' : 'created');
      return { code: review.code, ...target };
    });
  }

  /** Fields Sage and Accueil disagree on (Sage owns them; someone changed them outside Sage). */
  conflicts(): SageConflict[] {
    return this.options.repo.allConflicts().map((c) => ({
      code: c.code,
      accountName: c.accountName,
      companyId: c.companyId,
      companyName: c.companyName,
      field: c.field as SageConflict['field'],
      sageValue: c.sageValue,
      localValue: c.localValue,
      detectedAt: c.detectedAt,
      keptLocal: c.decision === 'local',
    }));
  }

  /**
   * A person settles a conflict: Sage's value goes onto the company (and to HubSpot with the next
   * push), or Accueil's stays — remembered for these two values, so the next import of the same file
   * does not ask again, and held back from the push (the accountant corrects Sage).
   */
  resolveConflict(input: { code: string; field: string; keep: 'sage' | 'local' }, by: string | null): { companyId: string } {
    const { repo, importer } = this.options;
    return repo.transaction(() => {
      const conflict = repo.conflict(input.code, input.field);
      if (!conflict || !OWNED.includes(input.field)) throw new ServiceError('not_found', { reason: 'sage.conflict_gone' });
      if (input.keep === 'sage') {
        repo.setCompanyColumn(conflict.companyId, input.field as SageOwnedColumn, conflict.sageValue);
        repo.clearConflict(input.code, input.field);
      } else repo.keepLocal(input.code, input.field, by);
      if (this.options.pushToHubSpot()) importer.requestPush();
      return { companyId: conflict.companyId };
    });
  }
}
