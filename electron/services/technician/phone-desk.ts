/**
 * What a technician's phone sends when the network lets it: a batch of actions made offline, each
 * with the id the phone made for it, applied in order and once (field-sync.ts):
 *
 *   edit       the sheet's fields (report, checklist, parts, start, stop), merged per field: a
 *              field the office changed since the phone's base keeps the office's value (returned
 *              as a conflict, for the phone to show); a start puts a planned visit « en cours »
 *   photo      a picture, checked from its bytes by the documents area (JPEG or PNG only), kept
 *   signature  the customer's signature (PNG), kept; the latest one counts
 *   done       « Terminé »: the report built from the sheet, the photos and the signature
 *              (report-desk.ts); a second « Terminé » for the same visit answers the first's outcome
 *
 * The whole batch is refused (null: the route answers 404) when one of its visits is not the
 * technician's: nothing of it is applied, nothing about the other visit is told.
 */
import { ServiceError } from '../../contract/envelope';
import type { ChecklistLine, PartLine, PhoneAction, PhoneActionResult } from '../../contract/technician-phone';
import type { UploadVerdict } from '../documents/upload-check';
import type { InterventionStatus } from '../interventions/intervention-status';
import type { AccueilDatabase } from '../store/database';
import { applyOnce, ForeignActionError, mergeFieldEdit, type FieldAction } from './field-sync';
import type { ReportDesk } from './report-desk';
import type { TechnicianRepository } from './technician-repository';
import type { TechnicianRound } from './technician-round';
import type { TechnicianIdentity } from './technician-sessions';

export interface PhoneDeskOptions {
  db: AccueilDatabase;
  repository: TechnicianRepository;
  round: TechnicianRound;
  reports: ReportDesk;
  /** The interventions area's port: « Commencer » puts a planned visit « en cours ». */
  status: Pick<InterventionStatus, 'start'>;
  /** The documents area's check of a file from its bytes (port `documents`). */
  checkFile: (bytes: Buffer, name: string) => UploadVerdict;
}

/** Largest photo or signature accepted from a phone (the app sends them downscaled, ~300 KB). */
export const PICTURE_MAX_BYTES = 8 * 1024 * 1024;

function parseList<T>(text: string | null, valid: (item: unknown) => item is T): T[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(valid).slice(0, 100) : [];
  } catch {
    return [];
  }
}
const isChecklistLine = (v: unknown): v is ChecklistLine => typeof v === 'object' && v !== null && typeof (v as ChecklistLine).label === 'string' && typeof (v as ChecklistLine).done === 'boolean';
const isPartLine = (v: unknown): v is PartLine =>
  typeof v === 'object' && v !== null && typeof (v as PartLine).label === 'string' && Number.isFinite((v as PartLine).quantity) && (v as PartLine).quantity > 0;

export class PhoneDesk {
  constructor(private readonly o: PhoneDeskOptions) {}

  async apply(identity: TechnicianIdentity, actions: readonly PhoneAction[]): Promise<PhoneActionResult[] | null> {
    if (!actions.every((a) => this.o.round.owns(identity.technicianId, a.interventionId))) return null;
    const results: PhoneActionResult[] = [];
    for (const action of actions) {
      try {
        results.push(await this.applyOne(identity, action));
      } catch (error) {
        if (error instanceof ForeignActionError) results.push({ clientId: action.clientId, ok: false, reason: 'technician.action_foreign' });
        else if (error instanceof ServiceError) results.push({ clientId: action.clientId, ok: false, reason: error.reason });
        else throw error;
      }
    }
    return results;
  }

  private async applyOne(identity: TechnicianIdentity, action: PhoneAction): Promise<PhoneActionResult> {
    const { db, repository } = this.o;
    const field: FieldAction = { clientId: action.clientId, interventionId: action.interventionId, kind: action.kind, madeAt: action.madeAt };
    const once = <T>(apply: () => T) => db.transaction(() => applyOnce(repository.processedFor(field), identity.technicianId, field, apply));
    switch (action.kind) {
      case 'edit': {
        const applied = once(() => {
          const merged = mergeFieldEdit(repository.sheet(action.interventionId), action.base, action.changes);
          repository.writeSheet(action.interventionId, merged.write, 'phone');
          if (merged.write.startedAt) this.o.status.start(action.interventionId);
          return { conflicts: merged.conflicts };
        });
        return { clientId: action.clientId, ok: true, fresh: applied.fresh, outcome: applied.outcome };
      }
      case 'photo':
      case 'signature': {
        const bytes = Buffer.from(action.kind === 'photo' ? action.photo.data : action.signature.data, 'base64');
        const verdict = bytes.length > PICTURE_MAX_BYTES ? null : this.o.checkFile(bytes, action.kind === 'photo' ? 'photo.jpg' : 'signature.png');
        if (!verdict?.ok) return { clientId: action.clientId, ok: false, reason: verdict ? verdict.reason : 'documents.too_large' };
        const mime = verdict.type.mime;
        if (mime !== 'image/jpeg' && mime !== 'image/png') return { clientId: action.clientId, ok: false, reason: 'technician.picture_type' };
        const applied = once(() => {
          repository.addUpload(action.interventionId, { clientId: action.clientId, kind: action.kind, mime, bytes });
          return { kept: action.kind };
        });
        return { clientId: action.clientId, ok: true, fresh: applied.fresh, outcome: applied.outcome };
      }
      case 'done': {
        const first = repository.firstDone(action.interventionId);
        if (first && first.clientId !== action.clientId) return { clientId: action.clientId, ok: true, fresh: false, outcome: JSON.parse(first.outcome) as unknown };
        const sheet = repository.sheet(action.interventionId);
        const uploads = repository.uploadsOf(action.interventionId);
        const finished = await this.o.reports.finish({
          action: field,
          technicianId: identity.technicianId,
          technicianName: identity.name,
          startedAt: sheet.startedAt,
          stoppedAt: sheet.stoppedAt,
          checklist: parseList(sheet.checklist, isChecklistLine),
          parts: parseList(sheet.parts, isPartLine),
          report: sheet.report ?? '',
          photos: uploads.photos.map((p) => ({ bytes: p.bytes, type: p.mime })),
          signature: uploads.signature?.bytes ?? null,
        });
        return { clientId: action.clientId, ok: true, fresh: finished.fresh, outcome: finished.outcome };
      }
    }
  }
}
