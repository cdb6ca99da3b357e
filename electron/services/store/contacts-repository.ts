import { randomUUID } from 'node:crypto';
import type { Contact, Phone, PhoneKind } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import type { AccueilDatabase } from './database';
import type { PhonesRepository } from './phones-repository';
import type { Clock } from './record-owner';

export interface NewContact {
  id?: string;
  firstName: string;
  lastName: string;
  email?: string | null;
  role?: string | null;
  companyId?: string | null;
  address?: string | null;
  postalCode?: string | null;
  city?: string | null;
  hubspotId?: string | null;
  createdAt?: string;
}

/** The quick-create of the "new caller" card: a name and the number that just rang. */
export interface CreateContactInput extends NewContact {
  phone?: string | null;
  phoneKind?: PhoneKind;
}

interface ContactRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  role: string | null;
  company_id: string | null;
  company_name: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  updated_at: string;
}

const CONTACT_SELECT = `
  SELECT c.id, c.first_name, c.last_name, c.email, c.role, c.company_id, co.name AS company_name,
    c.address, c.postal_code, c.city, c.updated_at
  FROM contacts c LEFT JOIN companies co ON co.id = c.company_id`;

export class ContactsRepository {
  private readonly insertStatement;
  private readonly byId;
  private readonly byCompany;
  private readonly companyExists;

  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
    private readonly phones: PhonesRepository,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO contacts (id, first_name, last_name, email, role, company_id, address, postal_code, city, hubspot_id, created_at, updated_at)
       VALUES (@id, @first_name, @last_name, @email, @role, @company_id, @address, @postal_code, @city, @hubspot_id, @at, @at)`,
    );
    this.byId = db.prepare<ContactRow>(`${CONTACT_SELECT} WHERE c.id = ?`);
    // Colleagues most recently in touch first: for a switchboard call, the likeliest callers.
    this.byCompany = db.prepare<ContactRow>(
      `${CONTACT_SELECT} WHERE c.company_id = ? ORDER BY c.last_interaction_at IS NULL, c.last_interaction_at DESC, c.last_name, c.first_name LIMIT ?`,
    );
    this.companyExists = db.prepare<{ one: number }>(`SELECT 1 AS one FROM companies WHERE id = ?`);
  }

  /** Inserts a contact and returns its id (no read back: bulk loads). */
  insert(contact: NewContact): string {
    const id = contact.id ?? randomUUID();
    this.insertStatement.run({
      id,
      first_name: contact.firstName,
      last_name: contact.lastName,
      email: contact.email ?? null,
      role: contact.role ?? null,
      company_id: contact.companyId ?? null,
      address: contact.address ?? null,
      postal_code: contact.postalCode ?? null,
      city: contact.city ?? null,
      hubspot_id: contact.hubspotId ?? null,
      at: contact.createdAt ?? this.clock().toISOString(),
    });
    return id;
  }

  /** Creates a contact and, when given, attaches its number (normalised), in one transaction. */
  create(input: CreateContactInput): Contact {
    if (input.companyId && !this.companyExists.get(input.companyId)) throw new ServiceError('not_found', { reason: 'company.not_found' });
    const id = this.db.transaction(() => {
      const contactId = this.insert(input);
      const phone = input.phone?.trim();
      if (phone) this.phones.attach({ number: phone, contactId, ...(input.phoneKind ? { kind: input.phoneKind } : {}) });
      return contactId;
    });
    return this.get(id)!;
  }

  /** How many records the cache holds (an empty one gets the demo workspace). */
  count(): number {
    return this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM contacts`).get()?.n ?? 0;
  }

  get(id: string): Contact | null {
    const row = this.byId.get(id);
    return row ? toContact(row, this.phones.forContact(id)) : null;
  }

  /** Contacts of a company with their phones: two queries whatever the count. */
  listByCompany(companyId: string, limit = 50): Contact[] {
    const rows = this.byCompany.all(companyId, limit);
    if (rows.length === 0) return [];
    const phones = this.phones.forContactsOfCompany(companyId);
    return rows.map((row) => toContact(row, phones.get(row.id) ?? []));
  }
}

function toContact(row: ContactRow, phones: Phone[]): Contact {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    role: row.role,
    companyId: row.company_id,
    companyName: row.company_name,
    address: row.address,
    postalCode: row.postal_code,
    city: row.city,
    phones,
    updatedAt: row.updated_at,
  };
}
