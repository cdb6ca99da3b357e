import { randomUUID } from 'node:crypto';
import type { Intervention } from '../../contract/model';
import type { AccueilDatabase, TracedStatement } from './database';
import { ownerColumn, type Clock, type OwnerColumn, type RecordOwner } from './record-owner';

export interface NewIntervention {
  id?: string;
  kind: string;
  status?: Intervention['status'];
  scheduledAt: string;
  technician?: string | null;
  siteAddress?: string | null;
  report?: string | null;
  quoteId?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  hubspotId?: string | null;
  createdAt?: string;
}

export interface InterventionRow {
  id: string;
  kind: string;
  status: Intervention['status'];
  scheduled_at: string;
  technician: string | null;
  site_address: string | null;
  report: string | null;
  contact_id: string | null;
  company_id: string | null;
}

export const INTERVENTION_FIELDS = 'id, kind, status, scheduled_at, technician, site_address, report, contact_id, company_id';
const FIELDS = INTERVENTION_FIELDS;

/** A row as the contract's Intervention. */
export function toIntervention(row: InterventionRow): Intervention {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    scheduledAt: row.scheduled_at,
    technician: row.technician,
    siteAddress: row.site_address,
    report: row.report,
    contactId: row.contact_id,
    companyId: row.company_id,
  };
}

/** Upcoming visits, soonest first, then the most recent past ones: what the card shows. */
const aroundSql = (column: OwnerColumn) => `
  SELECT * FROM (SELECT ${FIELDS} FROM interventions WHERE ${column} = @owner AND scheduled_at >= @now ORDER BY scheduled_at ASC LIMIT @upcoming)
  UNION ALL
  SELECT * FROM (SELECT ${FIELDS} FROM interventions WHERE ${column} = @owner AND scheduled_at < @now ORDER BY scheduled_at DESC LIMIT @recent)`;

export class InterventionsRepository {
  private readonly insertStatement;
  private readonly around: Record<OwnerColumn, TracedStatement<InterventionRow>>;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO interventions (id, kind, status, scheduled_at, technician, site_address, report, quote_id, contact_id, company_id, hubspot_id, created_at, updated_at)
       VALUES (@id, @kind, @status, @scheduled_at, @technician, @site_address, @report, @quote_id, @contact_id, @company_id, @hubspot_id, @created_at, @created_at)`,
    );
    this.around = { contact_id: db.prepare<InterventionRow>(aroundSql('contact_id')), company_id: db.prepare<InterventionRow>(aroundSql('company_id')) };
  }

  insert(intervention: NewIntervention): string {
    const id = intervention.id ?? randomUUID();
    this.insertStatement.run({
      id,
      kind: intervention.kind,
      status: intervention.status ?? 'planifiee',
      scheduled_at: intervention.scheduledAt,
      technician: intervention.technician ?? null,
      site_address: intervention.siteAddress ?? null,
      report: intervention.report ?? null,
      quote_id: intervention.quoteId ?? null,
      contact_id: intervention.contactId ?? null,
      company_id: intervention.companyId ?? null,
      hubspot_id: intervention.hubspotId ?? null,
      created_at: intervention.createdAt ?? this.clock().toISOString(),
    });
    return id;
  }

  /** Upcoming interventions (soonest first) followed by recent past ones (newest first). */
  aroundNow(owner: RecordOwner, now: Date, limits: { upcoming: number; recent: number } = { upcoming: 10, recent: 5 }): Intervention[] {
    const rows = this.around[ownerColumn(owner)].all({ owner: owner.id, now: now.toISOString(), ...limits });
    return rows.map(toIntervention);
  }
}
