/**
 * UploadCheck: what a file IS, read from its bytes — never from its name or the browser's type —
 * and whether Accueil keeps it. Pure: bytes and a name in, a verdict out (tested on hand-built
 * files in upload-check.test.ts).
 *
 *   bytes ──► size (empty, over the limit)
 *         ──► executable or script (MZ, ELF, Mach-O, #!)         refused
 *         ──► markup (HTML, SVG, XML) anywhere it would run       refused
 *         ──► PDF, JPEG, PNG, WebP, HEIC, Ogg (voice note)        + no HTML in the first KB,
 *                                                                   no zip archive appended (GIFAR)
 *         ──► zip container (DOCX, XLSX, ODT, ODS)                read from its central directory
 *                                                                   only: declared sizes, ratio,
 *                                                                   entry count, macros, marker files
 *         ──► plain text (UTF-8, no control bytes, not markup)
 *         ──► anything else                                       refused (unknown type)
 *   name ──► an extension that runs on a double click (.exe, .js, .hta…) is refused whatever the bytes
 *
 * Every refusal carries a reason of the error catalog (contract/documents-errors.ts) and a short
 * detail for the log.
 */

export type DetectedKind = 'pdf' | 'jpeg' | 'png' | 'webp' | 'heic' | 'ogg' | 'text' | 'docx' | 'xlsx' | 'odt' | 'ods';

export interface DetectedType {
  kind: DetectedKind;
  /** The Content-Type it is served with. */
  mime: string;
  /** The extension its download name ends with. */
  extension: string;
}

export const DETECTED: Record<DetectedKind, DetectedType> = {
  pdf: { kind: 'pdf', mime: 'application/pdf', extension: 'pdf' },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', extension: 'jpg' },
  png: { kind: 'png', mime: 'image/png', extension: 'png' },
  webp: { kind: 'webp', mime: 'image/webp', extension: 'webp' },
  heic: { kind: 'heic', mime: 'image/heic', extension: 'heic' },
  // A voice note (WhatsApp sends them as Ogg/Opus).
  ogg: { kind: 'ogg', mime: 'audio/ogg', extension: 'ogg' },
  text: { kind: 'text', mime: 'text/plain; charset=utf-8', extension: 'txt' },
  docx: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  odt: { kind: 'odt', mime: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  ods: { kind: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' },
};

/** Why a file is refused: each is a reason of the error catalog. */
export type UploadRefusal =
  | 'documents.empty'
  | 'documents.too_large'
  | 'documents.executable'
  | 'documents.script'
  | 'documents.markup'
  | 'documents.polyglot'
  | 'documents.dangerous_name'
  | 'documents.unknown_type'
  | 'documents.zip_bomb'
  | 'documents.zip_unreadable'
  | 'documents.macros';

export type UploadVerdict =
  | { ok: true; type: DetectedType }
  | { ok: false; reason: UploadRefusal; params: Record<string, string | number>; detail: string };

export interface UploadLimits {
  /** Largest file kept (default 20 MB). */
  maxBytes: number;
  /** A zip container's declared uncompressed total (default 100 MB). */
  maxUnpackedBytes: number;
  /** Largest ratio uncompressed / compressed of one entry above 1 MB unpacked (default 100). */
  maxRatio: number;
  /** Entries of a zip container (default 5 000). */
  maxEntries: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: 20 * 1024 * 1024, maxUnpackedBytes: 100 * 1024 * 1024, maxRatio: 100, maxEntries: 5_000 };

/** Extensions Windows, macOS or a browser would run or render on a double click. */
const DANGEROUS_EXTENSIONS = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'msi', 'msp', 'msc', 'cpl', 'dll', 'sys', 'jar', 'js', 'jse', 'mjs', 'vbs', 'vbe', 'wsf', 'wsh', 'ps1', 'psm1',
  'hta', 'html', 'htm', 'xhtml', 'shtml', 'svg', 'svgz', 'xml', 'xsl', 'lnk', 'url', 'reg', 'inf', 'sh', 'bash', 'zsh', 'command', 'app', 'apk', 'deb', 'rpm',
  'dmg', 'pkg', 'iso', 'img', 'vhd', 'docm', 'xlsm', 'pptm', 'dotm', 'xltm', 'chm', 'php', 'py', 'pl', 'rb', 'swf',
]);

/** Markup a browser would run, looked for in the first KB of a binary type and in all of a text. */
// No open-ended repetition: a hostile text of « <img <img … » without any « > » costs one linear scan.
const MARKUP = /<\s{0,20}(?:!doctype\s{1,20}html|(?:html|head|body|script|svg|iframe|object|embed|img|meta|link|style|form|base|math)[\s>/]|a\s{1,20}href|\?xml\s)/i;

const HEAD_BYTES = 1024;

function startsWith(bytes: Buffer, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

const ascii = (bytes: Buffer, from: number, to: number): string => bytes.subarray(from, Math.min(to, bytes.length)).toString('latin1');

function refuse(reason: UploadRefusal, detail: string, params: Record<string, string | number> = {}): UploadVerdict {
  return { ok: false, reason, params, detail };
}

/** The extension of a file name, lower-case, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const base = name.trim().replace(/[.\s]+$/, '').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function executableKind(bytes: Buffer): string | null {
  if (startsWith(bytes, [0x4d, 0x5a])) return 'MZ (Windows)';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'ELF';
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ]) {
    if (startsWith(bytes, magic)) return 'Mach-O / Java';
  }
  if (startsWith(bytes, [0x00, 0x61, 0x73, 0x6d])) return 'WebAssembly';
  return null;
}

/** A zip archive's end record in the tail of a file (where every zip reader looks for it), or -1. */
function endOfCentralDirectory(bytes: Buffer): number {
  const floor = Math.max(0, bytes.length - (0xffff + 22));
  for (let at = bytes.length - 22; at >= floor; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) return at;
  }
  return -1;
}

function imageOrPdf(bytes: Buffer): DetectedKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(ascii(bytes, 8, 12))) return 'heic';
  if (ascii(bytes, 0, 4) === 'OggS' && bytes[4] === 0) return 'ogg';
  return null;
}

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/** The central directory's entries, read without inflating anything; a string says why it cannot be read. */
function centralDirectory(bytes: Buffer, limits: UploadLimits): ZipEntry[] | { unreadable: string } | { bomb: string } {
  const end = endOfCentralDirectory(bytes);
  if (end < 0) return { unreadable: 'no end of central directory' };
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { bomb: 'zip64 archive' };
  if (count > limits.maxEntries) return { bomb: `${count} entries` };
  if (offset + size > end) return { unreadable: 'central directory out of bounds' };
  const entries: ZipEntry[] = [];
  let at = offset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) return { unreadable: `entry ${i} malformed` };
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const uncompressed = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || localOffset === 0xffffffff) return { bomb: `zip64 entry ${name}` };
    if (localOffset >= offset) return { unreadable: `entry ${name} out of bounds` };
    total += uncompressed;
    if (total > limits.maxUnpackedBytes) return { bomb: `declared ${total} bytes unpacked` };
    if (uncompressed > 1024 * 1024 && uncompressed > limits.maxRatio * Math.max(1, compressed)) return { bomb: `${name}: ratio ${Math.round(uncompressed / Math.max(1, compressed))}` };
    entries.push({ name, method, compressed, uncompressed, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The stored (uncompressed) bytes of a small entry (an ODF `mimetype`), or null. */
function storedContent(bytes: Buffer, entry: ZipEntry): string | null {
  const at = entry.localOffset;
  if (entry.method !== 0 || entry.compressed > 200 || at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  return bytes.subarray(start, start + entry.compressed).toString('latin1');
}

function zipContainer(bytes: Buffer, limits: UploadLimits): UploadVerdict {
  const read = centralDirectory(bytes, limits);
  if ('bomb' in read) return refuse('documents.zip_bomb', read.bomb);
  if ('unreadable' in read) return refuse('documents.zip_unreadable', read.unreadable);
  const names = new Set(read.map((e) => e.name));
  if ([...names].some((n) => /(^|\/)vbaProject\.bin$/i.test(n) || /^Basic\//.test(n))) return refuse('documents.macros', 'macros inside');
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml')) return { ok: true, type: DETECTED.docx };
    if (names.has('xl/workbook.xml')) return { ok: true, type: DETECTED.xlsx };
    return refuse('documents.unknown_type', 'office container without a known part');
  }
  const mimetype = read.find((e) => e.name === 'mimetype');
  const declared = mimetype ? storedContent(bytes, mimetype) : null;
  if (declared === DETECTED.odt.mime && names.has('content.xml')) return { ok: true, type: DETECTED.odt };
  if (declared === DETECTED.ods.mime && names.has('content.xml')) return { ok: true, type: DETECTED.ods };
  return refuse('documents.unknown_type', 'zip archive');
}

/** Valid UTF-8 with no control bytes but tab, line feed, carriage return, form feed. */
function plainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** What `bytes` (named `name` by whoever sent it) is, and whether it may be kept. */
export function checkUpload(bytes: Buffer, name: string, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): UploadVerdict {
  if (bytes.length === 0) return refuse('documents.empty', 'empty file');
  if (bytes.length > limits.maxBytes) return refuse('documents.too_large', `${bytes.length} bytes`, { max: Math.round(limits.maxBytes / (1024 * 1024)) });
  const executable = executableKind(bytes);
  if (executable) return refuse('documents.executable', executable);
  // A shebang, after an optional UTF-8 byte order mark.
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  if (startsWith(bytes, [0x23, 0x21], bom)) return refuse('documents.script', 'shebang');
  const extension = extensionOf(name);
  if (DANGEROUS_EXTENSIONS.has(extension)) return refuse('documents.dangerous_name', `.${extension}`, { extension });

  const head = ascii(bytes, 0, HEAD_BYTES);
  const media = imageOrPdf(bytes);
  if (media) {
    if (MARKUP.test(head)) return refuse('documents.polyglot', `${media} with markup in its first KB`);
    // A zip reader finds an archive by its end record: one at the tail of an image is a GIFAR.
    if (endOfCentralDirectory(bytes) >= 0) return refuse('documents.polyglot', `${media} with a zip archive appended`);
    return { ok: true, type: DETECTED[media] };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (MARKUP.test(head)) return refuse('documents.polyglot', 'zip with markup in its first KB');
    return zipContainer(bytes, limits);
  }
  if (plainText(bytes)) {
    const text = bytes.toString('utf8');
    if (/^\s*</.test(text.slice(bom ? 1 : 0)) || MARKUP.test(text)) return refuse('documents.markup', 'markup in text');
    return { ok: true, type: DETECTED.text };
  }
  if (MARKUP.test(head)) return refuse('documents.markup', 'markup');
  return refuse('documents.unknown_type', `starts with ${bytes.subarray(0, 8).toString('hex')}`);
}
