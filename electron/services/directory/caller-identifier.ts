/**
 * Who is calling: the number is normalised, then looked up with one indexed query on phones.e164.
 *
 * A switchboard is one company, not its staff: when the number is the company's own line (or a
 * contact's line marked `standard`, as HubSpot imports often copy the switchboard onto every
 * contact), the caller gets ONE match for the company (reason `standard`), never one per employee,
 * and the call is journaled on the company rather than on whoever happens to be first.
 *
 *   phones.e164 = ?  ──►  rows (contact-owned | company-owned)
 *                          │ contact row whose company owns the number, or kind = standard
 *                          ├──────────────► company match (collapsed, once)
 *                          │ company-owned row
 *                          ├──────────────► company match (reason standard | company)
 *                          └ other contact rows ──► contact match (reason contact)
 *   ranked: most recent interaction first, then label
 */
import type { CallerMatch, CallerNumber } from '../../contract/model';
import type { PhoneOwnerRow, PhonesRepository } from '../store';
import { normalizeNumber, phoneSearchDigits, type NormalizeOptions } from '../shared/phone-number';

export interface CallerIdentification {
  number: CallerNumber;
  /** Ranked, best first. Empty: a new caller (or a withheld / unreadable number). */
  matches: CallerMatch[];
}

export class CallerIdentifier {
  constructor(
    private readonly phones: PhonesRepository,
    private readonly numbering: NormalizeOptions = {},
  ) {}

  identify(raw: string): CallerIdentification {
    const number = normalizeNumber(raw, this.numbering);
    if (number.e164 === null) return { number, matches: [] };
    let owners = this.phones.ownersOf(number.e164);
    if (owners.length === 0) owners = this.phones.ownersOfUnnormalised(digitForms(number.e164));
    return { number, matches: rankMatches(owners) };
  }
}

/** Collapses switchboard rows into one company match and ranks (see module comment). */
export function rankMatches(owners: readonly PhoneOwnerRow[]): CallerMatch[] {
  const companiesOwning = new Set(owners.filter((o) => o.companyOwned && o.companyId).map((o) => o.companyId!));
  const byKey = new Map<string, CallerMatch>();

  for (const owner of owners) {
    const company = owner.companyId;
    const switchboard = company !== null && (owner.companyOwned || companiesOwning.has(company) || owner.phoneKind === 'standard');
    if (switchboard) {
      const key = `company:${company}`;
      const existing = byKey.get(key);
      // The company's own row decides the reason and kind; a contact's copy only creates the match.
      if (existing && !owner.companyOwned) continue;
      byKey.set(key, {
        contactId: null,
        companyId: company,
        label: owner.companyName ?? '',
        companyName: owner.companyName,
        reason: owner.companyOwned && owner.phoneKind !== 'standard' ? 'company' : 'standard',
        phoneKind: owner.companyOwned ? owner.phoneKind : 'standard',
        lastInteractionAt: owner.companyLastInteractionAt,
      });
      continue;
    }
    if (owner.contactId === null) continue;
    const key = `contact:${owner.contactId}`;
    if (byKey.has(key)) continue;
    byKey.set(key, {
      contactId: owner.contactId,
      companyId: company,
      label: `${owner.firstName ?? ''} ${owner.lastName ?? ''}`.trim(),
      companyName: owner.companyName,
      reason: 'contact',
      phoneKind: owner.phoneKind,
      lastInteractionAt: owner.contactLastInteractionAt,
    });
  }

  return [...byKey.values()].sort(byRecentInteractionThenLabel);
}

function byRecentInteractionThenLabel(a: CallerMatch, b: CallerMatch): number {
  if (a.lastInteractionAt !== b.lastInteractionAt) {
    if (a.lastInteractionAt === null) return 1;
    if (b.lastInteractionAt === null) return -1;
    return a.lastInteractionAt < b.lastInteractionAt ? 1 : -1;
  }
  return a.label.localeCompare(b.label, 'fr');
}

function digitForms(e164: string): [string, string, string] {
  const forms = phoneSearchDigits(e164, '').split(' ');
  const first = forms[0] ?? e164.slice(1);
  return [first, forms[1] ?? first, forms[2] ?? first];
}
