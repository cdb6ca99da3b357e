/**
 * « Terminé » on the technician's phone: the report PDF is built (with the « attestation
 * d’entretien » for a boiler maintenance visit), kept by its content (the documents area will hold it
 * once merged: `attach` is that seam), the visit is marked « terminée » with the technician's words —
 * which plans the customer's survey — and its HubSpot meeting update is queued, all in one
 * transaction and once per phone-made action id. The customer's copy is e-mailed after the commit.
 */
import type { Intervention } from '../../contract/model';
import type { AccueilDatabase } from '../store/database';
import type { InterventionStatus } from '../interventions/intervention-status';
import type { MailSending } from '../templates/email-composer';
import { applyOnce, type FieldAction } from './field-sync';
import { buildReportPdf, type ReportInput, type ReportPhoto } from './report-pdf';
import type { TechnicianRepository } from './technician-repository';

export interface FinishInput {
  readonly action: FieldAction;
  readonly technicianId: string;
  readonly technicianName: string;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly checklist: ReportInput['checklist'];
  readonly parts: ReportInput['parts'];
  readonly report: string;
  readonly photos: readonly ReportPhoto[];
  readonly signature: Uint8Array | null;
}

export interface AttachedFile {
  readonly name: string;
  readonly type: 'rapport_intervention' | 'attestation_entretien' | 'photo';
  readonly bytes: Uint8Array;
  /** Stable per file of the action: the documents area adds a known key once. */
  readonly sourceKey: string;
}

export interface FinishOutcome {
  readonly interventionId: string;
  readonly sha256: string;
  readonly filename: string;
}

export interface ReportDeskOptions {
  readonly db: AccueilDatabase;
  readonly repository: TechnicianRepository;
  readonly status: InterventionStatus;
  readonly outbox: () => { enqueue(item: { kind: 'meeting'; localId: string; op: 'update' }): void };
  readonly mail: () => MailSending | null;
  /** The customer's address and name for a visit (null: nobody to send the report to). */
  readonly recipient: (intervention: Intervention) => { email: string; name: string } | null;
  readonly company: () => string;
  readonly formatDate: (iso: string) => string;
  /**
   * The documents area (port `documents`): the PDF, the photos and the signature become documents of
   * the visit. Called after the commit with a key per file, so a replay or a retry adds nothing twice.
   */
  readonly attach?: (interventionId: string, file: AttachedFile) => void;
}

/** A boiler maintenance visit gets the « attestation d’entretien » (the customer must keep it). */
export function needsMaintenanceCertificate(kind: string): boolean {
  const k = kind.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  return k.includes('entretien') && (k.includes('chaudiere') || k.includes('boiler'));
}

export class ReportDesk {
  constructor(private readonly o: ReportDeskOptions) {}

  async finish(input: FinishInput): Promise<{ outcome: FinishOutcome; fresh: boolean; mailed: boolean }> {
    const intervention = this.o.status.get(input.action.interventionId);
    if (!intervention) throw new Error('intervention.not_found');
    const recipient = this.o.recipient(intervention);
    // Built before the transaction (async); same visit, same bytes, so a replay builds the same file.
    const pdf = await buildReportPdf({
      company: this.o.company(),
      interventionId: intervention.id,
      title: intervention.kind,
      customerName: recipient?.name ?? '',
      address: intervention.siteAddress ?? '',
      technicianName: input.technicianName,
      startedAt: input.startedAt,
      stoppedAt: input.stoppedAt,
      checklist: input.checklist,
      parts: input.parts,
      report: input.report,
      photos: input.photos,
      signature: input.signature,
      maintenanceCertificate: needsMaintenanceCertificate(intervention.kind),
      formatDate: this.o.formatDate,
    });
    const filename = `rapport-intervention-${intervention.id}.pdf`;
    const applied = this.o.db.transaction(() =>
      applyOnce(this.o.repository.processedFor(input.action), input.technicianId, input.action, (): FinishOutcome => {
        const sha256 = this.o.repository.keepReport(intervention.id, pdf);
        this.o.status.complete(intervention.id, input.report);
        this.o.outbox().enqueue({ kind: 'meeting', localId: intervention.id, op: 'update' });
        return { interventionId: intervention.id, sha256, filename };
      }),
    );
    const key = `technician:${input.action.clientId}`;
    const certificate = needsMaintenanceCertificate(intervention.kind);
    this.o.attach?.(intervention.id, { name: filename, type: certificate ? 'attestation_entretien' : 'rapport_intervention', bytes: pdf, sourceKey: `${key}:report` });
    input.photos.forEach((photo, i) =>
      this.o.attach?.(intervention.id, { name: `photo-${i + 1}.${photo.type === 'image/png' ? 'png' : 'jpg'}`, type: 'photo', bytes: photo.bytes, sourceKey: `${key}:photo-${i + 1}` }),
    );
    if (input.signature) this.o.attach?.(intervention.id, { name: 'signature-client.png', type: 'photo', bytes: input.signature, sourceKey: `${key}:signature` });
    let mailed = false;
    const mail = this.o.mail();
    if (applied.fresh && recipient && mail && !mail.unavailable()) {
      const text =
        `Bonjour ${recipient.name},\n\nVous trouverez ci-joint le rapport de notre intervention « ${intervention.kind} »` +
        (needsMaintenanceCertificate(intervention.kind) ? ', avec votre attestation d’entretien à conserver.' : '.') +
        `\n\nMerci de votre confiance,\n${this.o.company()}`;
      await mail.send({
        to: recipient.email,
        subject: `Rapport d’intervention — ${intervention.kind}`,
        text,
        html: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: [{ filename, contentType: 'application/pdf', content: pdf }],
      });
      mailed = true;
    }
    return { outcome: applied.outcome, fresh: applied.fresh, mailed };
  }
}
