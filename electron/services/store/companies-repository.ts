import { randomUUID } from 'node:crypto';
import type { Company } from '../../contract/model';
import type { AccueilDatabase } from './database';
import type { PhonesRepository } from './phones-repository';
import type { Clock } from './record-owner';

export interface NewCompany {
  id?: string;
  name: string;
  siret?: string | null;
  address?: string | null;
  postalCode?: string | null;
  city?: string | null;
  email?: string | null;
  hubspotId?: string | null;
  createdAt?: string;
}

interface CompanyRow {
  id: string;
  name: string;
  siret: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  email: string | null;
  updated_at: string;
}

export class CompaniesRepository {
  private readonly insertStatement;
  private readonly byId;

  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
    private readonly phones: PhonesRepository,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO companies (id, name, siret, address, postal_code, city, email, hubspot_id, created_at, updated_at)
       VALUES (@id, @name, @siret, @address, @postal_code, @city, @email, @hubspot_id, @at, @at)`,
    );
    this.byId = db.prepare<CompanyRow>(`SELECT id, name, siret, address, postal_code, city, email, updated_at FROM companies WHERE id = ?`);
  }

  /** Inserts a company and returns its id (no read back: bulk loads). */
  insert(company: NewCompany): string {
    const id = company.id ?? randomUUID();
    this.insertStatement.run({
      id,
      name: company.name,
      siret: company.siret ?? null,
      address: company.address ?? null,
      postal_code: company.postalCode ?? null,
      city: company.city ?? null,
      email: company.email ?? null,
      hubspot_id: company.hubspotId ?? null,
      at: company.createdAt ?? this.clock().toISOString(),
    });
    return id;
  }

  create(company: NewCompany): Company {
    const id = this.insert(company);
    return this.get(id)!;
  }

  /** How many records the cache holds (an empty one gets the demo workspace). */
  count(): number {
    return this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM companies`).get()?.n ?? 0;
  }

  get(id: string): Company | null {
    const row = this.byId.get(id);
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      siret: row.siret,
      address: row.address,
      postalCode: row.postal_code,
      city: row.city,
      email: row.email,
      phones: this.phones.forCompany(id),
      updatedAt: row.updated_at,
    };
  }
}
