/**
 * The upload check (electron/services/documents/upload-check.ts) on the largest files it accepts
 * and on hostile ones: what a 20 MB upload costs before it is kept, and that a text built to make
 * the markup search slow is read in one pass. Median of five runs each.
 */
import { checkUpload } from '../electron/services/documents/upload-check';
import { jpeg, pdf, zip } from '../test/support/document-fixtures';
import { line, ms } from './stats';

const MB = 1024 * 1024;

function median5(run: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

export async function benchDocuments(): Promise<{ lines: string[]; figures: Record<string, number> }> {
  const cases: Array<{ key: string; label: string; bytes: Buffer; name: string }> = [
    { key: 'pdf20', label: 'PDF de 20 Mo', bytes: Buffer.concat([pdf(), Buffer.alloc(20 * MB - 400, 0x41)]), name: 'plan.pdf' },
    { key: 'jpeg5', label: 'JPEG de 5 Mo', bytes: jpeg(5 * MB), name: 'photo.jpg' },
    { key: 'text15', label: 'texte UTF-8 de 15 Mo', bytes: Buffer.alloc(15 * MB, 'Relevé du compteur : 12 345 kWh\n'), name: 'releve.txt' },
    {
      key: 'docx4000',
      label: 'DOCX de 4 000 entrées (répertoire central)',
      bytes: zip([
        { name: '[Content_Types].xml', data: '<Types/>', method: 0 },
        { name: 'word/document.xml', data: '<w/>', method: 0 },
        ...Array.from({ length: 4_000 }, (_, i) => ({ name: `word/media/image${i}.png`, data: 'x', method: 0 as const })),
      ]),
      name: 'devis.docx',
    },
    { key: 'bomb', label: 'bombe zip (60 Mo de zéros, ~60 Ko)', bytes: zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: Buffer.alloc(60 * MB) }]), name: 'devis.docx' },
    { key: 'hostileText', label: 'texte hostile de 15 Mo (« <img » sans « > »)', bytes: Buffer.from(`x ${'<img '.repeat(3 * MB)}`), name: 'a.txt' },
    { key: 'hostileLt', label: 'texte hostile de 10 Mo (« < » ×5 M)', bytes: Buffer.from(`x ${'< '.repeat(5 * MB)}`), name: 'a.txt' },
  ];
  const lines = ['Documents — contrôle des envois (upload-check.ts), médiane de 5 :'];
  const figures: Record<string, number> = {};
  for (const c of cases) {
    const verdict = checkUpload(c.bytes, c.name);
    const took = median5(() => checkUpload(c.bytes, c.name));
    figures[c.key] = took;
    lines.push(line(`${c.label} → ${verdict.ok ? verdict.type.kind : verdict.reason}`, ms(took)));
  }
  return { lines, figures };
}
