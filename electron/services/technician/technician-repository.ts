/**
 * The technicians' app's SQL: actions applied once by client id, and report PDFs kept by content.
 */
import { createHash } from 'node:crypto';
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';
import type { FieldAction, ProcessedActions } from './field-sync';

interface ActionRow {
  technician_id: string;
  outcome: string;
}

export class TechnicianRepository {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {}

  /** The dedupe store for one action (its intervention and kind are recorded beside the outcome). */
  processedFor(action: FieldAction): ProcessedActions {
    return {
      find: (clientId) => {
        const row = this.db.prepare<ActionRow>('SELECT technician_id, outcome FROM technician_actions WHERE client_id = ?').get(clientId);
        return row ? { technicianId: row.technician_id, outcome: row.outcome } : null;
      },
      save: (clientId, technicianId, outcome) => {
        this.db
          .prepare(
            `INSERT INTO technician_actions (client_id, technician_id, intervention_id, kind, made_at, applied_at, outcome)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(clientId, technicianId, action.interventionId, action.kind, action.madeAt, this.clock().toISOString(), outcome);
      },
    };
  }

  actionsOf(interventionId: string): { clientId: string; kind: string }[] {
    return this.db
      .prepare<{ client_id: string; kind: string }>('SELECT client_id, kind FROM technician_actions WHERE intervention_id = ? ORDER BY applied_at, client_id')
      .all(interventionId)
      .map((r) => ({ clientId: r.client_id, kind: r.kind }));
  }

  /** Keeps a report PDF by its content; the same bytes twice are one row. Returns the sha256. */
  keepReport(interventionId: string, bytes: Uint8Array): string {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.db
      .prepare('INSERT OR IGNORE INTO technician_reports (sha256, intervention_id, bytes, created_at) VALUES (?, ?, ?, ?)')
      .run(sha256, interventionId, Buffer.from(bytes), this.clock().toISOString());
    return sha256;
  }

  report(sha256: string): Uint8Array | null {
    const row = this.db.prepare<{ bytes: Buffer }>('SELECT bytes FROM technician_reports WHERE sha256 = ?').get(sha256);
    return row ? new Uint8Array(row.bytes) : null;
  }
}
