/**
 * Which local customer a Sage account is, by clear rules only, in this order:
 *   1. the Sage code, once known (sage_accounts.company_id / contact_id: the caller checks it first),
 *      or the company HubSpot already gave that code (`code_client_sage`, copied by the CRM mirror:
 *      a new installation on a HubSpot that Sage has fed before);
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

/** The local keys a match looks up, read once per import (100 000 accounts must not scan 100 000 companies each). */
interface LocalIndex {
  sageCodes: Map<string, string[]>;
  names: Map<string, string[]>;
  sirets: Map<string, string[]>;
  sirens: Map<string, string[]>;
  companyEmails: Map<string, string[]>;
  contactEmails: Map<string, Array<{ id: string; companyId: string | null }>>;
}

const push = <V>(map: Map<string, V[]>, key: string | null | undefined, value: V) => {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export class CustomerMatcher {
  private index: LocalIndex | null = null;

  constructor(private readonly repo: SageRepository) {}

  private local(): LocalIndex {
    if (this.index) return this.index;
    const index: LocalIndex = { sageCodes: new Map(), names: new Map(), sirets: new Map(), sirens: new Map(), companyEmails: new Map(), contactEmails: new Map() };
    for (const c of this.repo.allCompanyKeys()) this.indexCompany(index, c);
    for (const c of this.repo.allContactEmails()) push(index.contactEmails, c.email.trim().toLowerCase(), { id: c.id, companyId: c.company_id });
    return (this.index = index);
  }

  private indexCompany(index: LocalIndex, c: { id: string; name: string; siret: string | null; email: string | null; sage_code?: string | null }): void {
    push(index.sageCodes, c.sage_code, c.id);
    push(index.names, normalizedName(c.name), c.id);
    const digits = (c.siret ?? '').replace(/[\s.]/g, '');
    if (/^\d{14}$/.test(digits)) push(index.sirets, digits, c.id);
    if (/^\d{9}(\d{5})?$/.test(digits)) push(index.sirens, digits.slice(0, 9), c.id);
    push(index.companyEmails, c.email?.trim().toLowerCase(), c.id);
  }

  /** Companies created during this import join the index (a later account of the same file may be them). */
  rememberCompany(company: { id: string; name: string; siret: string | null; email: string | null }): void {
    if (this.index) this.indexCompany(this.index, company);
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
    const local = this.local();
    // 1. The company HubSpot gave this code (the code is exact: leading zeros count).
    const coded = local.sageCodes.get(account.code) ?? [];
    if (coded.length === 1) return this.linkOrReview(account, { companyId: coded[0]!, contactId: null }, 'hubspot_code', `code Sage ${account.code} dans HubSpot`);
    if (coded.length > 1) return { kind: 'review', reason: `${coded.length} entreprises portent le code ${account.code} dans HubSpot`, candidates: coded.map((id) => this.companyCandidate(id, 'même code Sage dans HubSpot')) };
    // 2. SIRET / SIREN, only with a right key.
    if (account.siret && account.siretValid) {
      const same = account.siret.length === 14 ? (local.sirets.get(account.siret) ?? []) : [];
      if (same.length === 1) return this.linkOrReview(account, { companyId: same[0]!, contactId: null }, 'siret', `même SIRET ${account.siret}`);
      if (same.length > 1) return { kind: 'review', reason: `${same.length} entreprises ont le SIRET ${account.siret}`, candidates: same.map((id) => this.companyCandidate(id, 'même SIRET')) };
      const siren = local.sirens.get(account.siret.slice(0, 9)) ?? [];
      if (siren.length > 0) return { kind: 'review', reason: `même SIREN ${account.siret.slice(0, 9)}, autre établissement`, candidates: siren.map((id) => this.companyCandidate(id, 'même SIREN')) };
    }
    // 3. E-mail.
    if (account.email) {
      const targets = new Map<string, { companyId: string | null; contactId: string | null }>();
      for (const id of local.companyEmails.get(account.email) ?? []) targets.set(`co:${id}`, { companyId: id, contactId: null });
      // A contact's e-mail names its company when it has one: the account is billed to the company.
      for (const c of local.contactEmails.get(account.email) ?? []) targets.set(c.companyId ? `co:${c.companyId}` : `ct:${c.id}`, c.companyId ? { companyId: c.companyId, contactId: null } : { companyId: null, contactId: c.id });
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
    const named = name ? (local.names.get(name) ?? []) : [];
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
