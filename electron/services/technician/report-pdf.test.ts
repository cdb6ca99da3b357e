import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFRawStream, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { tinyPng as png } from '../../../test/support/tiny-png';
import { buildReportPdf, type ReportInput } from './report-pdf';

/** The text drawn on each page, read back from the PDF's content streams (hex strings of WinAnsi codes). */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const refs = contents && 'asArray' in contents ? contents.asArray() : [contents];
    let all = '';
    for (const ref of refs) {
      const stream = doc.context.lookup(ref as never);
      if (!(stream instanceof PDFRawStream)) continue;
      const filter = stream.dict.get(PDFName.of('Filter'));
      const data = filter ? inflateSync(stream.contents) : Buffer.from(stream.contents);
      all += data.toString('latin1');
    }
    const win: Record<number, string> = { 0x92: '’', 0xd7: '×' };
    return [...all.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)]
      .map((m) => Buffer.from(m[1]!, 'hex'))
      .map((b) => [...b].map((c) => win[c] ?? String.fromCharCode(c)).join(''))
      .join('\n');
  });
}

const base: ReportInput = {
  company: 'Thermique Durand',
  interventionId: 'itv-42',
  title: 'Entretien chaudière',
  customerName: 'Mme Lefèvre',
  address: '12 rue des Lilas, 69003 Lyon',
  technicianName: 'Karim B.',
  startedAt: '2026-03-10T08:05:00Z',
  stoppedAt: '2026-03-10T09:20:00Z',
  checklist: [
    { label: 'Nettoyage du brûleur', done: true },
    { label: 'Contrôle du CO', done: false },
  ],
  parts: [{ label: 'Joint de porte foyer', quantity: 2 }],
  report: 'Chaudière nettoyée, combustion réglée.\nPrévoir le remplacement de l’échangeur l’an prochain.',
  photos: [],
  signature: null,
  maintenanceCertificate: false,
  formatDate: (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`,
};

describe('intervention report PDF', () => {
  it('holds the visit, the checklist, the parts and the technician’s words, readable back', async () => {
    const [page] = await pageTexts(await buildReportPdf(base));
    expect(page).toContain('Rapport d’intervention');
    expect(page).toContain('Client : Mme Lefèvre');
    expect(page).toContain('Adresse : 12 rue des Lilas, 69003 Lyon');
    expect(page).toContain('Fin : 10/03/2026 09:20');
    expect(page).toContain('[x] Nettoyage du brûleur');
    expect(page).toContain('[ ] Contrôle du CO');
    expect(page).toContain('2 × Joint de porte foyer');
    expect(page).toContain('Prévoir le remplacement de l’échangeur l’an prochain.');
    expect(page).toContain('(non signé)');
    expect(page).not.toContain('Attestation');
  });

  it('embeds every photo and the signature as images', async () => {
    const bytes = await buildReportPdf({ ...base, photos: [{ bytes: png(40, 30), type: 'image/png' }, { bytes: png(20, 60), type: 'image/png' }], signature: png(200, 80) });
    const doc = await PDFDocument.load(bytes);
    const images = doc.context
      .enumerateIndirectObjects()
      .filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toHaveLength(3);
    const text = (await pageTexts(bytes)).join('\n');
    expect(text).toContain('Photo 1');
    expect(text).toContain('Photo 2');
    expect(text).not.toContain('(non signé)');
  });

  it('embeds the signature once when it is drawn on the report and on the attestation', async () => {
    const bytes = await buildReportPdf({ ...base, maintenanceCertificate: true, signature: png(200, 80) });
    const doc = await PDFDocument.load(bytes);
    const images = doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toHaveLength(1);
    expect((await pageTexts(bytes)).every((page) => !page.includes('(non signé)'))).toBe(true);
  });

  it('adds the « attestation d’entretien » page for a boiler maintenance visit', async () => {
    const pages = await pageTexts(await buildReportPdf({ ...base, maintenanceCertificate: true }));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('Attestation d’entretien de chaudière');
    expect(pages[1]!.replace(/\n/g, ' ')).toContain('chez Mme Lefèvre, a été effectué par Karim B. le 10/03/2026 09:20.');
  });

  it('wraps a long report over several lines and pages instead of running off the page', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `mot${i}`).join(' ');
    const bytes = await buildReportPdf({ ...base, report: `${long}\n${long}\n${long}` });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect((await pageTexts(bytes)).join('\n')).toContain('mot399');
  });

  it('gives the same bytes for the same visit', async () => {
    expect(Buffer.from(await buildReportPdf(base)).equals(Buffer.from(await buildReportPdf(base)))).toBe(true);
  });
});
