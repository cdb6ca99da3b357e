/**
 * The technician's sheet from the office (contract: technician-calls.ts): read for the record, and
 * the report text and parts corrected before « Terminé ». A correction names the version it was
 * made on; a phone's edit that arrived since is refused to the office (it reads again), and a
 * phone that edits later from an older base keeps the office's value (field-sync.ts). Once the
 * visit is done on the phone, the report is made and sent: the sheet no longer changes.
 */
import { ServiceError } from '../../contract/envelope';
import type { FieldSheet } from '../../contract/technician-calls';
import type { ChecklistLine, PartLine } from '../../contract/technician-phone';
import type { AccueilDatabase } from '../store/database';
import type { TechnicianRepository } from './technician-repository';

function parsedList<T>(json: string | null, keep: (item: unknown) => item is T): T[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(keep) : [];
  } catch {
    return [];
  }
}

const isChecklistLine = (item: unknown): item is ChecklistLine => typeof (item as ChecklistLine)?.label === 'string' && typeof (item as ChecklistLine).done === 'boolean';
const isPartLine = (item: unknown): item is PartLine => typeof (item as PartLine)?.label === 'string' && Number.isFinite((item as PartLine).quantity);

export class OfficeSheet {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly repository: TechnicianRepository,
  ) {}

  read(interventionId: string): FieldSheet {
    if (!this.db.prepare<{ one: number }>('SELECT 1 AS one FROM interventions WHERE id = ?').get(interventionId)) {
      throw new ServiceError('not_found', { reason: 'technician.visit_not_found' });
    }
    const sheet = this.repository.sheet(interventionId);
    const meta = this.db.prepare<{ updated_at: string; updated_by: 'phone' | 'office' }>('SELECT updated_at, updated_by FROM technician_sheets WHERE intervention_id = ?').get(interventionId);
    const uploads = this.db
      .prepare<{ photos: number; signed: number }>(
        `SELECT count(*) FILTER (WHERE kind = 'photo') AS photos, count(*) FILTER (WHERE kind = 'signature') AS signed FROM technician_uploads WHERE intervention_id = ?`,
      )
      .get(interventionId)!;
    return {
      interventionId,
      report: sheet.report,
      checklist: parsedList(sheet.checklist, isChecklistLine).map(({ label, done }) => ({ label, done })),
      parts: parsedList(sheet.parts, isPartLine).map(({ label, quantity }) => ({ label, quantity: Math.max(1, Math.round(quantity)) })),
      startedAt: sheet.startedAt,
      stoppedAt: sheet.stoppedAt,
      updatedBy: meta?.updated_by ?? null,
      updatedAt: meta?.updated_at ?? null,
      photos: uploads.photos,
      signed: uploads.signed > 0,
      done: this.repository.firstDone(interventionId) !== null,
    };
  }

  save(input: { interventionId: string; expectedUpdatedAt: string | null; report: string | null; parts: PartLine[] }): FieldSheet {
    return this.db.transaction(() => {
      const current = this.read(input.interventionId);
      if (current.done) throw new ServiceError('conflict', { reason: 'technician.sheet_done' });
      if (current.updatedAt !== input.expectedUpdatedAt) throw new ServiceError('conflict', { reason: 'technician.sheet_changed' });
      const report = input.report?.trim() ? input.report.replace(/\r\n/g, '\n') : null;
      const parts = input.parts.length > 0 ? JSON.stringify(input.parts.map((p) => ({ label: p.label.trim(), quantity: p.quantity }))) : null;
      this.repository.writeSheet(input.interventionId, { report, parts }, 'office');
      return this.read(input.interventionId);
    });
  }
}
