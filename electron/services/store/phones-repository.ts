/**
 * Phone numbers of contacts and companies. Every number is stored twice: as typed (`raw`, shown when
 * it could not be read) and as E.164 (`e164`, indexed: the caller lookup is one equality on it).
 */
import type { Phone, PhoneKind } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import { displayNumber, normalizeNumber, phoneKindFor, phoneSearchDigits, type NormalizeOptions } from '../shared/phone-number';
import type { AccueilDatabase } from './database';
import type { Clock } from './record-owner';

export interface NewPhone {
  contactId?: string | null;
  companyId?: string | null;
  e164: string | null;
  raw: string;
  kind: PhoneKind;
  at?: string;
}

/** One owner of a number, with what ranking and labelling a match needs (see CallerIdentifier). */
export interface PhoneOwnerRow {
  phoneKind: PhoneKind;
  contactId: string | null;
  firstName: string | null;
  lastName: string | null;
  contactLastInteractionAt: string | null;
  /** The phone's company, or the contact's company. */
  companyId: string | null;
  companyName: string | null;
  companyLastInteractionAt: string | null;
  /** True when the number belongs to the company itself rather than to one of its contacts. */
  companyOwned: boolean;
}

interface PhoneRow {
  owner_id: string;
  e164: string | null;
  raw: string;
  kind: PhoneKind;
}

interface OwnerRow {
  kind: PhoneKind;
  contact_id: string | null;
  first_name: string | null;
  last_name: string | null;
  contact_last: string | null;
  company_id: string | null;
  company_name: string | null;
  company_last: string | null;
  company_owned: number;
}

const OWNER_SELECT = `
  SELECT p.kind, p.contact_id, c.first_name, c.last_name, c.last_interaction_at AS contact_last,
    co.id AS company_id, co.name AS company_name, co.last_interaction_at AS company_last,
    p.company_id IS NOT NULL AS company_owned
  FROM phones p
  LEFT JOIN contacts c ON c.id = p.contact_id
  LEFT JOIN companies co ON co.id = coalesce(p.company_id, c.company_id)`;

export interface AttachNumberInput {
  number: string;
  contactId?: string | null;
  companyId?: string | null;
  /** Omitted: mobile or fixe from the number itself. */
  kind?: PhoneKind;
}

export class PhonesRepository {
  private readonly insertStatement;
  private readonly byOwnerContact;
  private readonly byOwnerCompany;
  private readonly byCompanyContacts;
  private readonly ownersByE164;
  private readonly ownersByDigits;
  private readonly existingForContact;
  private readonly existingForCompany;
  private readonly updateKind;
  private readonly contactExists;
  private readonly companyExists;

  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
    private readonly numbering: NormalizeOptions = {},
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO phones (contact_id, company_id, e164, raw, kind, search_digits, created_at, updated_at)
       VALUES (@contact_id, @company_id, @e164, @raw, @kind, @search_digits, @at, @at)`,
    );
    this.byOwnerContact = db.prepare<PhoneRow>(`SELECT contact_id AS owner_id, e164, raw, kind FROM phones WHERE contact_id = ? ORDER BY id`);
    this.byOwnerCompany = db.prepare<PhoneRow>(`SELECT company_id AS owner_id, e164, raw, kind FROM phones WHERE company_id = ? ORDER BY id`);
    this.byCompanyContacts = db.prepare<PhoneRow>(
      `SELECT p.contact_id AS owner_id, p.e164, p.raw, p.kind FROM phones p JOIN contacts c ON c.id = p.contact_id
       WHERE c.company_id = ? ORDER BY p.id`,
    );
    this.ownersByE164 = db.prepare<OwnerRow>(`${OWNER_SELECT} WHERE p.e164 = ?`);
    this.ownersByDigits = db.prepare<OwnerRow>(`${OWNER_SELECT} WHERE p.e164 IS NULL AND p.search_digits IN (?, ?, ?)`);
    this.existingForContact = db.prepare<{ id: number; kind: PhoneKind }>(
      `SELECT id, kind FROM phones WHERE contact_id = @owner AND (e164 = @e164 OR (e164 IS NULL AND @e164 IS NULL AND raw = @raw))`,
    );
    this.existingForCompany = db.prepare<{ id: number; kind: PhoneKind }>(
      `SELECT id, kind FROM phones WHERE company_id = @owner AND (e164 = @e164 OR (e164 IS NULL AND @e164 IS NULL AND raw = @raw))`,
    );
    this.updateKind = db.prepare(`UPDATE phones SET kind = ?, updated_at = ? WHERE id = ?`);
    this.contactExists = db.prepare<{ one: number }>(`SELECT 1 AS one FROM contacts WHERE id = ?`);
    this.companyExists = db.prepare<{ one: number }>(`SELECT 1 AS one FROM companies WHERE id = ?`);
  }

  /** Stores an already-normalised number (bulk loads, sync). */
  insert(phone: NewPhone): void {
    this.insertStatement.run({
      contact_id: phone.contactId ?? null,
      company_id: phone.companyId ?? null,
      e164: phone.e164,
      raw: phone.raw,
      kind: phone.kind,
      search_digits: phoneSearchDigits(phone.e164, phone.raw),
      at: phone.at ?? this.clock().toISOString(),
    });
  }

  /**
   * Normalises `number` and gives it to one contact or one company. The same number attached twice
   * to the same owner is not duplicated; if a kind is given and differs, the kind is corrected.
   * Returns whether a row was added.
   */
  attach(input: AttachNumberInput): { phone: Phone; added: boolean } {
    const contactId = input.contactId ?? null;
    const companyId = input.companyId ?? null;
    if ((contactId === null) === (companyId === null)) throw new ServiceError('bad_request', { reason: 'phone.owner_one' });
    if (contactId !== null && !this.contactExists.get(contactId)) throw new ServiceError('not_found', { reason: 'contact.not_found' });
    if (companyId !== null && !this.companyExists.get(companyId)) throw new ServiceError('not_found', { reason: 'company.not_found' });

    const number = normalizeNumber(input.number, this.numbering);
    if (number.kind === 'masque') throw new ServiceError('bad_request', { reason: 'phone.withheld_not_saved' });
    const raw = input.number.trim();
    const kind = input.kind ?? phoneKindFor(number);
    return this.db.transaction(() => {
      const lookup = { owner: contactId ?? companyId, e164: number.e164, raw };
      const existing = contactId !== null ? this.existingForContact.get(lookup) : this.existingForCompany.get(lookup);
      if (existing) {
        if (input.kind !== undefined && existing.kind !== input.kind) this.updateKind.run(input.kind, this.clock().toISOString(), existing.id);
        return { phone: { e164: number.e164, raw, display: displayNumber(number.e164, raw), kind: input.kind ?? existing.kind }, added: false };
      }
      this.insert({ contactId, companyId, e164: number.e164, raw, kind });
      return { phone: { e164: number.e164, raw, display: displayNumber(number.e164, raw), kind }, added: true };
    });
  }

  /**
   * Gives an E.164 form to stored numbers that were unreadable when written and are readable now —
   * a range the numbering metadata did not know, or a rule that was stricter (the caller lookup is an
   * equality on e164, so such a number would never pop its owner). A number the owner already holds in
   * E.164 is the same number twice: the unreadable copy goes. Returns how many rows changed.
   */
  renormalizeUnreadable(): number {
    const rows = this.db.prepare<{ id: number; contact_id: string | null; company_id: string | null; raw: string }>(
      `SELECT id, contact_id, company_id, raw FROM phones WHERE e164 IS NULL`,
    ).all();
    if (rows.length === 0) return 0;
    const holds = this.db.prepare<{ one: number }>(
      `SELECT 1 AS one FROM phones WHERE e164 = @e164 AND id <> @id
         AND (contact_id = @contact_id OR company_id = @company_id)`,
    );
    const setNumber = this.db.prepare(`UPDATE phones SET e164 = ?, search_digits = ?, updated_at = ? WHERE id = ?`);
    const remove = this.db.prepare(`DELETE FROM phones WHERE id = ?`);
    const at = this.clock().toISOString();
    return this.db.transaction(() => {
      let changed = 0;
      for (const row of rows) {
        const e164 = normalizeNumber(row.raw, this.numbering).e164;
        if (e164 === null) continue;
        if (holds.get({ e164, id: row.id, contact_id: row.contact_id, company_id: row.company_id })) remove.run(row.id);
        else setNumber.run(e164, phoneSearchDigits(e164, row.raw), at, row.id);
        changed += 1;
      }
      return changed;
    });
  }

  forContact(contactId: string): Phone[] {
    return this.byOwnerContact.all(contactId).map(toPhone);
  }

  forCompany(companyId: string): Phone[] {
    return this.byOwnerCompany.all(companyId).map(toPhone);
  }

  /** Phones of every contact of a company, by contact id: one query for a list of colleagues. */
  forContactsOfCompany(companyId: string): Map<string, Phone[]> {
    const out = new Map<string, Phone[]>();
    for (const row of this.byCompanyContacts.all(companyId)) {
      const list = out.get(row.owner_id);
      if (list) list.push(toPhone(row));
      else out.set(row.owner_id, [toPhone(row)]);
    }
    return out;
  }

  /** Who owns this E.164 number: one indexed query. */
  ownersOf(e164: string): PhoneOwnerRow[] {
    return this.ownersByE164.all(e164).map(toOwner);
  }

  /**
   * Owners of numbers stored without an E.164 form whose digits equal one of `digitForms` (national,
   * national significant, international): numbers typed before they could be read.
   */
  ownersOfUnnormalised(digitForms: [string, string, string]): PhoneOwnerRow[] {
    return this.ownersByDigits.all(...digitForms).map(toOwner);
  }
}

function toPhone(row: PhoneRow): Phone {
  return { e164: row.e164, raw: row.raw, display: displayNumber(row.e164, row.raw), kind: row.kind };
}

function toOwner(row: OwnerRow): PhoneOwnerRow {
  return {
    phoneKind: row.kind,
    contactId: row.contact_id,
    firstName: row.first_name,
    lastName: row.last_name,
    contactLastInteractionAt: row.contact_last,
    companyId: row.company_id,
    companyName: row.company_name,
    companyLastInteractionAt: row.company_last,
    companyOwned: row.company_owned === 1,
  };
}
