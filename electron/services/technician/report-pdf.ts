/**
 * The intervention report a technician hands over when he taps « Terminé », and for a boiler
 * maintenance visit the « attestation d’entretien » the customer must keep. Built with pdf-lib from
 * plain values (no I/O), so the same bytes come out of the same visit.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface ReportPhoto {
  /** JPEG or PNG bytes, as compressed on the phone. */
  readonly bytes: Uint8Array;
  readonly type: 'image/jpeg' | 'image/png';
}

export interface ReportInput {
  readonly company: string;
  readonly interventionId: string;
  readonly title: string;
  readonly customerName: string;
  readonly address: string;
  readonly technicianName: string;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly checklist: readonly { label: string; done: boolean }[];
  readonly parts: readonly { label: string; quantity: number }[];
  readonly report: string;
  readonly photos: readonly ReportPhoto[];
  /** PNG of the customer's signature drawn on the phone's canvas. */
  readonly signature: Uint8Array | null;
  /** Adds the « attestation d’entretien » page (boiler maintenance visits). */
  readonly maintenanceCertificate: boolean;
  /** Formats an ISO instant in the company's time zone (injected: no dependency on the host's zone). */
  readonly formatDate: (iso: string) => string;
}

const MARGIN = 50;
const WIDTH = 595.28; // A4
const HEIGHT = 841.89;

/** Keeps only what the standard font's WinAnsi encoding can draw (accents, « », ’ are in it). */
function drawable(text: string): string {
  return text.replace(/[\u2009\u202f\u00a0]/g, ' ').replace(/[^\u0020-\u007e\u00a0-\u00ff\u2019\u2018\u201c\u201d\u2013\u2014\u20ac\u2022]/g, '?');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of drawable(text).split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    }
    lines.push(line);
  }
  return lines;
}

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([WIDTH, HEIGHT]);
    this.y = HEIGHT - MARGIN;
  }
  need(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }
  text(text: string, size = 11, bold = false) {
    const font = bold ? this.bold : this.font;
    for (const line of wrap(text, font, size, WIDTH - 2 * MARGIN)) {
      this.need(size + 4);
      this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font, color: rgb(0, 0, 0) });
      this.y -= size + 4;
    }
  }
  gap(height = 8) {
    this.y -= height;
  }
}

export async function buildReportPdf(input: ReportInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Rapport d’intervention ${input.interventionId}`);
  doc.setProducer('Accueil');
  doc.setCreator('Accueil');
  // A fixed date keeps the bytes a function of the visit only.
  const fixed = new Date(input.stoppedAt ?? input.startedAt ?? '2000-01-01T00:00:00Z');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, font, bold);

  w.text(input.company, 10);
  w.text('Rapport d’intervention', 18, true);
  w.gap();
  w.text(`Intervention : ${input.title}`, 11, true);
  w.text(`Client : ${input.customerName}`);
  w.text(`Adresse : ${input.address}`);
  w.text(`Technicien : ${input.technicianName}`);
  if (input.startedAt) w.text(`Début : ${input.formatDate(input.startedAt)}`);
  if (input.stoppedAt) w.text(`Fin : ${input.formatDate(input.stoppedAt)}`);
  if (input.checklist.length) {
    w.gap();
    w.text('Points de contrôle', 13, true);
    for (const item of input.checklist) w.text(`${item.done ? '[x]' : '[ ]'} ${item.label}`);
  }
  if (input.parts.length) {
    w.gap();
    w.text('Pièces utilisées', 13, true);
    for (const part of input.parts) w.text(`${part.quantity} × ${part.label}`);
  }
  w.gap();
  w.text('Compte rendu', 13, true);
  w.text(input.report.trim() || '—');

  for (const [index, photo] of input.photos.entries()) {
    const image = photo.type === 'image/png' ? await doc.embedPng(photo.bytes) : await doc.embedJpg(photo.bytes);
    const scale = Math.min((WIDTH - 2 * MARGIN) / image.width, 300 / image.height, 1);
    const size = { width: image.width * scale, height: image.height * scale };
    w.gap();
    w.need(size.height + 20);
    w.text(`Photo ${index + 1}`, 10, true);
    w.page.drawImage(image, { x: MARGIN, y: w.y - size.height, ...size });
    w.y -= size.height;
  }

  // Embedded once, drawn on the report and on the attestation.
  const signature = input.signature ? await doc.embedPng(input.signature) : null;
  const sign = async (label: string) => {
    w.gap(16);
    w.text(label, 11, true);
    if (signature) {
      const image = signature;
      const scale = Math.min(200 / image.width, 80 / image.height, 1);
      w.need(image.height * scale);
      w.page.drawImage(image, { x: MARGIN, y: w.y - image.height * scale, width: image.width * scale, height: image.height * scale });
      w.y -= image.height * scale;
    } else {
      w.text('(non signé)', 10);
    }
  };
  await sign('Signature du client');

  if (input.maintenanceCertificate) {
    w.newPage();
    w.text(input.company, 10);
    w.text('Attestation d’entretien de chaudière', 18, true);
    w.gap();
    w.text(
      `Nous attestons que l’entretien annuel de la chaudière située ${input.address}, chez ${input.customerName}, ` +
        `a été effectué par ${input.technicianName}` +
        (input.stoppedAt ? ` le ${input.formatDate(input.stoppedAt)}.` : '.'),
    );
    w.text('Cette attestation est à conserver au moins deux ans.');
    await sign('Signature du client');
  }
  return doc.save({ useObjectStreams: false });
}
