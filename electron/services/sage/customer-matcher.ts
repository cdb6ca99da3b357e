/**
 * Which local customer a Sage account is, by clear rules only, in this order:
 *   1. the Sage code, once known (sage_accounts.company_id / contact_id: the caller checks it first);
 *   2. the SIRET, when its Luhn key is right — one company holding it: linked;
 *      the same SIREN with another establishment: doubtful (review);
 *   3. the e-mail — one company, or one contact (its company when it has one): linked;
 *   4. a normalised phone number AND a normalised name, both — linked;
 *      the phone alone, or the name alone: doubtful (review).
 * Several candidates at any step, or a candidate already holding another Sage code: review.
 * No candidate at all: a new customer. Name alone never links (the known failure of others:
 * two « Dupont Chauffage » in one département).
 */
import { toE164 } from '../shared/phone-number';
import type { SageAccount } from './sage-records';
import type { MatchRule, ReviewCandidate, SageRepository } from './sage-repository';
import { normalizedName } from './sage-values';

export type MatchOutcome =
  | { kind: 'link'; companyId: string | null; contactId: string | null; rule: MatchRule }
  | { kind: 'review'; reason: string; candidates: ReviewCandidate[] }
  | { kind: 'create' };

export class CustomerMatcher {
  private names: Map<string, string[]> | null = null;

  constructor(private readonly repo: SageRepository) {}

  /** Companies created during this import join the name index (a later account of the same file may name them). */
  rememberCompany(id: string, name: string): void {
    const key = normalizedName(name);
    if (!this.names || !key) return;
    this.names.set(key, [...(this.names.get(key) ?? []), id]);
  }

  private companiesNamed(name: string): string[] {
    if (!this.names) {
      this.names = new Map();
      for (const c of this.repo.allCompanyNames()) {
        const key = normalizedName(c.name);
        if (key) this.names.set(key, [...(this.names.get(key) ?? []), c.id]);
      }
    }
    const key = normalizedName(name);
    return key ? (this.names.get(key) ?? []) : [];
  }

  private companyCandidate(id: string, why: string): ReviewCandidate {
    const c = this.repo.company(id);
    return { companyId: id, contactId: null, label: c ? `${c.name}${c.city ? ` (${c.city})` : ''}` : id, why };
  }

  private contactCandidate(id: string, why: string): ReviewCandidate {
    const c = this.repo.contact(id);
    const company = c?.company_id ? this.repo.company(c.company_id) : null;
    return { companyId: null, contactId: id, label: c ? `${c.first_name} ${c.last_name}`.trim() + (company ? ` — ${company.name}` : '') : id, why };
  }

  /** A single target by a clear rule, unless it already holds another Sage code (then: review). */
  private linkOrReview(account: SageAccount, target: { companyId: string | null; contactId: string | null }, rule: MatchRule, why: string): MatchOutcome {
    const other = this.repo.codeLinkedTo(target);
    if (other && other !== account.code) {
      const candidate = target.companyId ? this.companyCandidate(target.companyId, why) : this.contactCandidate(target.contactId!, why);
      return { kind: 'review', reason: `${why}, mais déjà lié au compte Sage ${other}`, candidates: [candidate] };
    }
    return { kind: 'link', ...target, rule };
  }

  match(account: SageAccount): MatchOutcome {
    // 2. SIRET / SIREN, only with a right key.
    if (account.siret && account.siretValid) {
      const same = account.siret.length === 14 ? this.repo.companiesBySiretPrefix(account.siret) : [];
      if (same.length === 1) return this.linkOrReview(account, { companyId: same[0]!.id, contactId: null }, 'siret', `même SIRET ${account.siret}`);
      if (same.length > 1) return { kind: 'review', reason: `${same.length} entreprises ont le SIRET ${account.siret}`, candidates: same.map((c) => this.companyCandidate(c.id, 'même SIRET')) };
      const siren = this.repo.companiesBySiretPrefix(account.siret.slice(0, 9));
      if (siren.length > 0) return { kind: 'review', reason: `même SIREN ${account.siret.slice(0, 9)}, autre établissement`, candidates: siren.map((c) => this.companyCandidate(c.id, 'même SIREN')) };
    }
    // 3. E-mail.
    if (account.email) {
      const companies = this.repo.companiesByEmail(account.email);
      const contacts = this.repo.contactsByEmail(account.email);
      const targets = new Map<string, { companyId: string | null; contactId: string | null }>();
      for (const c of companies) targets.set(`co:${c.id}`, { companyId: c.id, contactId: null });
      // A contact's e-mail names its company when it has one: the account is billed to the company.
      for (const c of contacts) targets.set(c.company_id ? `co:${c.company_id}` : `ct:${c.id}`, c.company_id ? { companyId: c.company_id, contactId: null } : { companyId: null, contactId: c.id });
      if (targets.size === 1) {
        const target = [...targets.values()][0]!;
        return this.linkOrReview(account, target, target.companyId ? 'email' : 'person', `même e-mail ${account.email}`);
      }
      if (targets.size > 1) {
        return { kind: 'review', reason: `${targets.size} fiches ont l’e-mail ${account.email}`, candidates: [...targets.values()].map((t) => (t.companyId ? this.companyCandidate(t.companyId, 'même e-mail') : this.contactCandidate(t.contactId!, 'même e-mail'))) };
      }
    }
    // 4. Phone and name.
    const name = normalizedName(account.name);
    const phoneOwners = new Map<string, { companyId: string | null; contactId: string | null; name: string }>();
    for (const raw of [account.phone, account.mobile]) {
      const e164 = raw ? toE164(raw) : null;
      if (!e164) continue;
      for (const o of this.repo.phoneOwners(e164)) {
        if (o.company_id) phoneOwners.set(`co:${o.company_id}`, { companyId: o.company_id, contactId: null, name: this.repo.company(o.company_id)?.name ?? '' });
        else if (o.contact_id) {
          const c = this.repo.contact(o.contact_id);
          const company = c?.company_id ? this.repo.company(c.company_id) : null;
          // A person's number with the company's name (or the person's own) is the same customer.
          phoneOwners.set(`ct:${o.contact_id}`, { companyId: null, contactId: o.contact_id, name: c ? `${c.first_name} ${c.last_name}` : '' });
          if (company) phoneOwners.set(`co:${company.id}`, { companyId: company.id, contactId: null, name: company.name });
        }
      }
    }
    const both = [...phoneOwners.values()].filter((o) => name !== '' && namesAgree(normalizedName(o.name), name));
    const bothCompanies = both.filter((o) => o.companyId);
    const chosen = bothCompanies.length > 0 ? bothCompanies : both;
    if (chosen.length === 1) {
      const o = chosen[0]!;
      return this.linkOrReview(account, { companyId: o.companyId, contactId: o.contactId }, o.companyId ? 'phone_name' : 'person', 'même téléphone et même nom');
    }
    if (chosen.length > 1) return { kind: 'review', reason: 'plusieurs fiches ont ce téléphone et ce nom', candidates: chosen.map((o) => (o.companyId ? this.companyCandidate(o.companyId, 'même téléphone et même nom') : this.contactCandidate(o.contactId!, 'même téléphone et même nom'))) };
    if (phoneOwners.size > 0) {
      return { kind: 'review', reason: 'même téléphone, nom différent', candidates: [...phoneOwners.values()].map((o) => (o.companyId ? this.companyCandidate(o.companyId, 'même téléphone') : this.contactCandidate(o.contactId!, 'même téléphone'))) };
    }
    const named = this.companiesNamed(account.name);
    if (named.length > 0) return { kind: 'review', reason: 'même nom seulement (ni SIRET, ni e-mail, ni téléphone en commun)', candidates: named.map((id) => this.companyCandidate(id, 'même nom')) };
    return { kind: 'create' };
  }
}

/** Two normalised names agree when equal, or when one holds every word of the other (« lea » / « boulangerie lea freres » do not: two words missing). */
function namesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const wa = new Set(a.split(' '));
  const wb = new Set(b.split(' '));
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  return small.size >= 2 && [...small].every((w) => large.has(w));
}
