/**
 * Marking a visit done. The status change is the whole of it: whatever follows a finished visit
 * (the customer's survey today, a report or an invoice later) watches the status in the database,
 * so a visit done from the console, from a HubSpot meeting outcome or from the technicians' app is
 * followed the same way.
 */
import { ServiceError } from '../../contract/envelope';
import type { Intervention } from '../../contract/model';
import { INTERVENTION_FIELDS, toIntervention, type InterventionRow } from '../store/interventions-repository';
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';

export class InterventionStatus {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {}

  get(id: string): Intervention | null {
    const row = this.db
      .prepare<InterventionRow>(`SELECT ${INTERVENTION_FIELDS} FROM interventions WHERE id = ?`)
      .get(id);
    return row ? toIntervention(row) : null;
  }

  /** The technician started on site (his phone's « Commencer »): a planned visit becomes « en cours »; any other is left as it is. */
  start(id: string): boolean {
    return this.db.prepare(`UPDATE interventions SET status = 'en_cours', updated_at = ? WHERE id = ? AND status = 'planifiee'`).run(this.clock().toISOString(), id).changes > 0;
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
