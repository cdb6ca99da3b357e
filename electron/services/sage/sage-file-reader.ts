/**
 * Reads a Sage file from its bytes: decodes it in the source's code page (code-pages.ts), picks the
 * format (given, or « #FLG » → Sage 100, a tab header → Sage 50, « ; » → CSV) and reads accounts or
 * open items with every refused line and why. Pure: nothing is stored here (SageImporter does it).
 */
import { decodeBytes, looksLikeUtf8WithoutBom, UndecodableByteError, type CodePage } from './code-pages';
import { readDelimited } from './delimited-export';
import { readSage100 } from './sage100-format';
import type { ColumnMapping, SageFileReading, SageFormat } from './sage-records';

export interface ReadOptions {
  /** Absent: told by the file's first line. */
  format?: SageFormat;
  /** The source's code page (a UTF-8 byte-order mark overrides it). */
  page: CodePage;
  mapping?: ColumnMapping;
  kind?: 'accounts' | 'open-items';
}

/**
 * A file written in an OEM page and read as Windows-1252 mostly decodes without error: é (0x82)
 * becomes ‚, ç (0x87) ‡, ê (0x88) ˆ… Those punctuation marks never sit between two letters of a
 * French word, so one that does is the wrong page — said, never « repaired ».
 */
function oemInWindows1252(text: string): { line: number; word: string } | null {
  const m = /\p{L}[‚„†‡ˆ‰‹›]\p{L}/u.exec(text);
  if (!m) return null;
  const line = text.slice(0, m.index).split('\n').length;
  const start = text.lastIndexOf('\n', m.index) + 1;
  const word = /\S+$/u.exec(text.slice(start, m.index + 1))?.[0] ?? '';
  return { line, word: word + (/^\S+/u.exec(text.slice(m.index + 1))?.[0] ?? '') };
}

export function detectFormat(text: string): SageFormat {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (first.startsWith('#FLG')) return 'sage100';
  return first.includes('\t') ? 'sage50' : 'csv';
}

/**
 * The file's text in its page, and its format (given, or told by the first bytes: « #FLG » is
 * ASCII in any page); or why it cannot be read — a byte the page lacks, UTF-8 without its BOM read
 * as a legacy page, an OEM file read as Windows-1252. Never guessed, never « repaired ».
 */
export function decodeSageFile(bytes: Uint8Array, options: { format?: SageFormat; page: CodePage }): { format: SageFormat; text: string; page: CodePage; bom: boolean } | { format: SageFormat; page: CodePage; fileError: { line: number | null; reason: string } } {
  const told = options.format ?? detectFormat(Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, ''));
  let decoded;
  try {
    decoded = decodeBytes(bytes, options.page);
  } catch (error) {
    if (error instanceof UndecodableByteError) return { format: told, page: options.page, fileError: { line: error.line, reason: error.message } };
    throw error;
  }
  if (!decoded.bom && options.page !== 'utf-8' && looksLikeUtf8WithoutBom(bytes)) {
    return { format: told, page: options.page, fileError: { line: null, reason: `le fichier est en UTF-8 (sans BOM), pas en ${options.page} : relancez avec --encoding utf-8 (ou changez le code page de cette source)` } };
  }
  if (decoded.page === 'windows-1252') {
    const oem = oemInWindows1252(decoded.text);
    if (oem) return { format: told, page: decoded.page, fileError: { line: oem.line, reason: `« ${oem.word} » : ce fichier semble écrit en OEM 850/437 (é, à, ç y sont les octets que Windows-1252 lit ‚ … ‡) — relancez avec --encoding ibm850 (ou ibm437)` } };
  }
  return { format: told, text: decoded.text, page: decoded.page, bom: decoded.bom };
}

export function readSageFile(bytes: Uint8Array, options: ReadOptions): SageFileReading {
  const decoded = decodeSageFile(bytes, options);
  if ('fileError' in decoded) {
    return { format: decoded.format, page: decoded.page, kind: options.kind ?? 'accounts', accounts: [], openItems: [], rejected: [], warnings: [], ignored: 0, fileError: decoded.fileError };
  }
  const format = decoded.format;
  if (format === 'sage100') {
    const r = readSage100(decoded.text);
    return { format, page: decoded.page, kind: 'accounts', accounts: r.accounts, openItems: [], rejected: r.rejected, warnings: r.warnings, ignored: r.ignored, fileError: r.fileError };
  }
  const r = readDelimited(decoded.text, {
    ...(format === 'sage50' ? { separator: '\t' as const } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
  });
  return { format, page: decoded.page, kind: r.kind, accounts: r.accounts, openItems: r.openItems, rejected: r.rejected, warnings: r.warnings, ignored: r.ignored, fileError: r.fileError };
}
