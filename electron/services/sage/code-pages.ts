/**
 * The code pages Sage files are written in, decoded and encoded by explicit tables. A file is read
 * in the page the person configured for its source — never guessed, never "repaired" afterwards
 * (the known failure: a Windows-1252 export read as UTF-8, then every U+FFFD patched into « é »).
 *
 * - 'utf-8': strict; an invalid byte is an error naming its line.
 * - 'windows-1252' (Sage 50 « Windows ANSI », recent Sage 100): Latin-1 plus 0x80–0x9F (€ œ Œ …).
 *   Written out here because Node 20's TextDecoder decodes 'windows-1252' as ISO-8859-1 (0x80 →
 *   U+0080 instead of €); the five bytes Windows-1252 leaves undefined are errors.
 * - 'ibm850', 'ibm437' (the OEM pages of older Sage 100 exports): their full upper half.
 * A UTF-8 byte-order mark is the file declaring its own page: with one, the file is UTF-8 whatever
 * the setting.
 */

import { SAGE_ENCODINGS } from '../../contract/sage-calls';

/** The pages Sage writes in (named once, in the contract: the console's import step offers them). */
export const CODE_PAGES = SAGE_ENCODINGS;
export type CodePage = (typeof CODE_PAGES)[number];

export function isCodePage(value: string): value is CodePage {
  return (CODE_PAGES as readonly string[]).includes(value);
}

/** The names people type (`--encoding cp850`, `ansi`, `latin1`…) for each page. */
const ALIASES: Record<string, CodePage> = {
  'utf-8': 'utf-8', utf8: 'utf-8',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', ansi: 'windows-1252', 'iso-8859-1': 'windows-1252', latin1: 'windows-1252',
  ibm850: 'ibm850', cp850: 'ibm850', '850': 'ibm850', oem: 'ibm850',
  ibm437: 'ibm437', cp437: 'ibm437', '437': 'ibm437',
};

/** The code page a name stands for, or null (the CLI says which names it knows). */
export function codePageNamed(name: string): CodePage | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

/** Windows-1252's 0x80–0x9F; U+FFFD marks the five undefined bytes. */
const WINDOWS_1252_C1 =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

/** The upper halves (0x80–0xFF) of the OEM pages. */
const OEM_UPPER: Record<'ibm850' | 'ibm437', string> = {
  ibm437:
    '\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00a2\u00a3\u00a5\u20a7\u0192' +
    '\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u2310\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510' +
    '\u2514\u2534\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588\u2584\u258c\u2590\u2580' +
    '\u03b1\u00df\u0393\u03c0\u03a3\u03c3\u00b5\u03c4\u03a6\u0398\u03a9\u03b4\u221e\u03c6\u03b5\u2229\u2261\u00b1\u2265\u2264\u2320\u2321\u00f7\u2248\u00b0\u2219\u00b7\u221a\u207f\u00b2\u25a0\u00a0',
  ibm850:
    '\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00f8\u00a3\u00d8\u00d7\u0192' +
    '\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u00ae\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb\u2591\u2592\u2593\u2502\u2524\u00c1\u00c2\u00c0\u00a9\u2563\u2551\u2557\u255d\u00a2\u00a5\u2510' +
    '\u2514\u2534\u252c\u251c\u2500\u253c\u00e3\u00c3\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u00a4\u00f0\u00d0\u00ca\u00cb\u00c8\u0131\u00cd\u00ce\u00cf\u2518\u250c\u2588\u2584\u00a6\u00cc\u2580' +
    '\u00d3\u00df\u00d4\u00d2\u00f5\u00d5\u00b5\u00fe\u00de\u00da\u00db\u00d9\u00fd\u00dd\u00af\u00b4\u00ad\u00b1\u2017\u00be\u00b6\u00a7\u00f7\u00b8\u00b0\u00a8\u00b7\u00b9\u00b3\u00b2\u25a0\u00a0',
};

/** The 256 characters of a single-byte page ('\ufffd' where the page defines none). */
function singleByteTable(page: Exclude<CodePage, 'utf-8'>): string[] {
  const table: string[] = [];
  for (let b = 0; b < 0x80; b++) table.push(String.fromCharCode(b));
  if (page === 'windows-1252') {
    table.push(...WINDOWS_1252_C1);
    for (let b = 0xa0; b < 0x100; b++) table.push(String.fromCharCode(b));
  } else table.push(...OEM_UPPER[page]);
  return table;
}

const tables = new Map<CodePage, string[]>();
const reverseTables = new Map<CodePage, Map<string, number>>();
const unitTables = new Map<CodePage, Uint16Array>();
function unitTableOf(page: Exclude<CodePage, 'utf-8'>): Uint16Array {
  let units = unitTables.get(page);
  if (!units) unitTables.set(page, (units = Uint16Array.from(tableOf(page), (ch) => ch.charCodeAt(0))));
  return units;
}
function tableOf(page: Exclude<CodePage, 'utf-8'>): string[] {
  let table = tables.get(page);
  if (!table) tables.set(page, (table = singleByteTable(page)));
  return table;
}

/** A byte the configured page cannot read: where it is, so the person can look. */
export class UndecodableByteError extends Error {
  constructor(
    readonly page: CodePage,
    readonly line: number,
    readonly byte: number | null,
  ) {
    super(
      byte === null
        ? `ligne ${line} : octets invalides en UTF-8 — le fichier n’est pas en UTF-8 (choisissez son code page : windows-1252, ibm850, ibm437)`
        : `ligne ${line} : l’octet 0x${byte.toString(16).toUpperCase().padStart(2, '0')} n’existe pas en ${page} — le fichier n’est pas dans ce code page`,
    );
  }
}

/** The line (1-based) holding byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export interface DecodedText {
  text: string;
  /** The page actually used: 'utf-8' when the file carried a byte-order mark. */
  page: CodePage;
  bom: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Decodes a whole file in `page` (a UTF-8 byte-order mark overrides it); throws UndecodableByteError. */
export function decodeBytes(bytes: Uint8Array, page: CodePage): DecodedText {
  const bom = bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
  if (bom || page === 'utf-8') {
    const body = bom ? bytes.subarray(3) : bytes;
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), page: 'utf-8', bom };
    } catch {
      throw new UndecodableByteError('utf-8', lineAt(body, firstInvalidUtf8(body)), null);
    }
  }
  // Every character of these pages is one UTF-16 unit: one table look-up per byte into a buffer
  // decoded once (a string per byte made 100 000 accounts cost seconds and hundreds of MB).
  const units = unitTableOf(page);
  const out = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const unit = units[bytes[i]!]!;
    if (unit === 0xfffd) throw new UndecodableByteError(page, lineAt(bytes, i), bytes[i]!);
    out[i] = unit;
  }
  return { text: Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf16le'), page, bom: false };
}

/** Where strict UTF-8 decoding first fails (for the error's line number). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection on whole prefixes (a cut sequence at the end is invalid too).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

/**
 * True when bytes read in a legacy page are in fact UTF-8 without a byte-order mark: they hold
 * multi-byte sequences and all of them are valid (Windows-1252 or OEM text with accents almost
 * never is). Said to the person — « relancez avec --encoding utf-8 » — not silently switched.
 */
export function looksLikeUtf8WithoutBom(bytes: Uint8Array): boolean {
  let multiByte = false;
  for (const b of bytes) if (b >= 0x80) { multiByte = true; break; }
  if (!multiByte) return false;
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A character the target page cannot hold (the export reports it rather than writing « ? »). */
export class UnencodableCharacterError extends Error {
  constructor(
    readonly page: CodePage,
    readonly character: string,
  ) {
    super(`« ${character} » n’existe pas en ${page}`);
  }
}

/** Encodes text in `page` (no byte-order mark); throws UnencodableCharacterError. */
export function encodeText(text: string, page: CodePage): Uint8Array {
  if (page === 'utf-8') return new TextEncoder().encode(text);
  let reverse = reverseTables.get(page);
  if (!reverse) {
    reverse = new Map();
    tableOf(page).forEach((ch, byte) => {
      if (ch !== '\ufffd' && !reverse!.has(ch)) reverse!.set(ch, byte);
    });
    reverseTables.set(page, reverse);
  }
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const byte = reverse.get(ch);
    if (byte === undefined) throw new UnencodableCharacterError(page, ch);
    out[n++] = byte;
  }
  return out.subarray(0, n);
}

/** Whether `page` can hold every character of `text`. */
export function canEncode(text: string, page: CodePage): boolean {
  try {
    encodeText(text, page);
    return true;
  } catch {
    return false;
  }
}
