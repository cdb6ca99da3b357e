/**
 * Marking a visit done. The status change is the whole of it: whatever follows a finished visit
 * (the customer's survey today, a report or an invoice later) watches the status in the database,
 * so a visit done from the console, from a HubSpot meeting outcome or from the technicians' app is
 * followed the same way.
 */
import { ServiceError } from '../../contract/envelope';
import type { Intervention } from '../../contract/model';
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';

interface Row {
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

const toIntervention = (row: Row): Intervention => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  scheduledAt: row.scheduled_at,
  technician: row.technician,
  siteAddress: row.site_address,
  report: row.report,
  contactId: row.contact_id,
  companyId: row.company_id,
});

export class InterventionStatus {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {}

  get(id: string): Intervention | null {
    const row = this.db
      .prepare<Row>(`SELECT id, kind, status, scheduled_at, technician, site_address, report, contact_id, company_id FROM interventions WHERE id = ?`)
      .get(id);
    return row ? toIntervention(row) : null;
  }

  /** Done, with the technician's words when given (kept beside an earlier report, never over it). */
  complete(id: string, report?: string): Intervention {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (!current) throw new ServiceError('not_found', { reason: 'intervention.not_found' });
      if (current.status === 'annulee') throw new ServiceError('conflict', { reason: 'intervention.cancelled' });
      const words = report?.trim() ? report.trim() : null;
      const merged = words && current.report && !current.report.includes(words) ? `${current.report}\n${words}` : (words ?? current.report);
      this.db
        .prepare(`UPDATE interventions SET status = 'terminee', report = ?, updated_at = ? WHERE id = ?`)
        .run(merged, this.clock().toISOString(), id);
      return this.get(id)!;
    });
  }
}
