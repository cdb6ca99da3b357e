/**
 * The technicians' app's SQL: actions applied once by client id, and report PDFs kept by content.
 */
import { createHash } from 'node:crypto';
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';
import type { FieldAction, FieldKey, FieldValues, ProcessedActions } from './field-sync';

const COLUMNS: Record<FieldKey, string> = { report: 'report', checklist: 'checklist', parts: 'parts', startedAt: 'started_at', stoppedAt: 'stopped_at' };

interface SheetRow {
  report: string | null;
  checklist: string | null;
  parts: string | null;
  started_at: string | null;
  stopped_at: string | null;
}

export interface StoredUpload {
  readonly clientId: string;
  readonly kind: 'photo' | 'signature';
  readonly mime: 'image/jpeg' | 'image/png';
  readonly bytes: Uint8Array;
}

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

  /** What was written on site for a visit (every field null before the first edit). */
  sheet(interventionId: string): Required<FieldValues> {
    const row = this.db.prepare<SheetRow>('SELECT report, checklist, parts, started_at, stopped_at FROM technician_sheets WHERE intervention_id = ?').get(interventionId);
    return { report: row?.report ?? null, checklist: row?.checklist ?? null, parts: row?.parts ?? null, startedAt: row?.started_at ?? null, stoppedAt: row?.stopped_at ?? null };
  }

  /** Writes the given fields (only those), by 'phone' or 'office'. */
  writeSheet(interventionId: string, values: FieldValues, by: 'phone' | 'office'): void {
    const fields = (Object.keys(values) as FieldKey[]).filter((k) => k in COLUMNS);
    const at = this.clock().toISOString();
    this.db.prepare('INSERT OR IGNORE INTO technician_sheets (intervention_id, updated_at, updated_by) VALUES (?, ?, ?)').run(interventionId, at, by);
    if (fields.length === 0) return;
    this.db
      .prepare(`UPDATE technician_sheets SET ${fields.map((f) => `${COLUMNS[f]} = @${f}`).join(', ')}, updated_at = @at, updated_by = @by WHERE intervention_id = @id`)
      .run({ ...Object.fromEntries(fields.map((f) => [f, values[f] ?? null])), at, by, id: interventionId });
  }

  addUpload(interventionId: string, upload: StoredUpload): void {
    this.db
      .prepare('INSERT OR IGNORE INTO technician_uploads (client_id, intervention_id, kind, mime, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(upload.clientId, interventionId, upload.kind, upload.mime, Buffer.from(upload.bytes), this.clock().toISOString());
  }

  /** The visit's photos in the order they came, and its latest signature. */
  uploadsOf(interventionId: string): { photos: StoredUpload[]; signature: StoredUpload | null } {
    const rows = this.db
      .prepare<{ client_id: string; kind: 'photo' | 'signature'; mime: 'image/jpeg' | 'image/png'; bytes: Buffer }>(
        'SELECT client_id, kind, mime, bytes FROM technician_uploads WHERE intervention_id = ? ORDER BY created_at, rowid',
      )
      .all(interventionId)
      .map((r) => ({ clientId: r.client_id, kind: r.kind, mime: r.mime, bytes: new Uint8Array(r.bytes) }));
    return { photos: rows.filter((r) => r.kind === 'photo'), signature: rows.filter((r) => r.kind === 'signature').at(-1) ?? null };
  }

  /** The answer given to the visit's first « Terminé », if any (a second one, made offline twice, changes nothing). */
  firstDone(interventionId: string): { clientId: string; outcome: string } | null {
    const row = this.db
      .prepare<{ client_id: string; outcome: string }>("SELECT client_id, outcome FROM technician_actions WHERE intervention_id = ? AND kind = 'done' ORDER BY applied_at, client_id LIMIT 1")
      .get(interventionId);
    return row ? { clientId: row.client_id, outcome: row.outcome } : null;
  }
}
