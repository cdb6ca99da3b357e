/**
 * The backup file's container: a gzip-compressed POSIX tar (ustar) of flat, regular files — what
 * `tar -xzf` on Linux and `tar.exe -xf` on Windows 10+ read, so IT can open a backup by hand.
 * Only what Accueil needs is written and read: file names without folders, sizes up to 8 GB, no
 * links, no extended headers; anything else in a file is refused as "not an Accueil backup".
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1;
/** A data folder's file, or a file of a content store (`documents/ab/cd/<sha-256>`, see backup-command.ts). */
const NAME = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,99}|(?:documents|mail\/attachments)\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

export interface ArchiveEntry {
  name: string;
  /** The content: bytes, or a file read as a stream (the database, hundreds of MB). */
  content: Buffer | { file: string };
  mtime?: Date;
}

/** Writes `entries` to `file` (mode 0600: a backup holds the secrets), fsynced before it returns. */
export async function writeTarGz(file: string, entries: readonly ArchiveEntry[]): Promise<void> {
  async function* blocks(): AsyncGenerator<Buffer> {
    for (const entry of entries) {
      const size = Buffer.isBuffer(entry.content) ? entry.content.length : fs.statSync(entry.content.file).size;
      yield header(entry.name, size, entry.mtime ?? new Date());
      let written = 0;
      if (Buffer.isBuffer(entry.content)) {
        yield entry.content;
        written = size;
      } else {
        for await (const chunk of fs.createReadStream(entry.content.file)) {
          written += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      }
      if (written !== size) throw new Error(`${entry.name} changed size while it was archived`);
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      if (padding > 0) yield Buffer.alloc(padding);
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  await pipeline(Readable.from(blocks()), zlib.createGzip({ level: 6 }), fs.createWriteStream(file, { mode: 0o600 }));
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (!NAME.test(name)) throw new Error(`Archive entry name « ${name} »`);
  if (size > MAX_SIZE) throw new Error(`Archive entry ${name} is over 8 GB`);
  const block = Buffer.alloc(BLOCK);
  const put = (text: string, offset: number, length: number) => block.write(text, offset, length, 'ascii');
  const octal = (value: number, length: number) => `${value.toString(8).padStart(length - 1, '0')}\0`;
  put(name, 0, 100);
  put(octal(0o600, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('accueil', 265, 32);
  put('accueil', 297, 32);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

export class NotAnArchiveError extends Error {}

export interface EntrySink {
  write(chunk: Buffer): void;
  /** Called once the entry is whole; its SHA-256, hex. */
  end(sha256: string): void;
}

/**
 * Reads `file` entry by entry; `open(name, size)` says where each one's bytes go (or throws to
 * refuse it). Damage (not gzip, a bad header checksum, a file cut short) is a NotAnArchiveError.
 */
export async function readTarGz(file: string, open: (name: string, size: number) => EntrySink): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let current: { sink: EntrySink; remaining: number; padding: number; hash: ReturnType<typeof createHash> } | null = null;
  let skip = 0;
  let ended = false;

  const consume = () => {
    for (;;) {
      if (ended) return;
      if (skip > 0) {
        const n = Math.min(skip, pending.length);
        pending = pending.subarray(n);
        skip -= n;
        if (skip > 0) return;
      }
      if (current) {
        const n = Math.min(current.remaining, pending.length);
        if (n > 0) {
          const piece = pending.subarray(0, n);
          current.hash.update(piece);
          current.sink.write(Buffer.from(piece));
          pending = pending.subarray(n);
          current.remaining -= n;
        }
        if (current.remaining > 0) return;
        current.sink.end(current.hash.digest('hex'));
        skip = current.padding;
        current = null;
        continue;
      }
      if (pending.length < BLOCK) return;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((b) => b === 0)) {
        ended = true;
        return;
      }
      const { name, size } = parseHeader(block);
      current = { sink: open(name, size), remaining: size, padding: (BLOCK - (size % BLOCK)) % BLOCK, hash: createHash('sha256') };
    }
  };

  const gunzip = zlib.createGunzip();
  const source = fs.createReadStream(file);
  // The reason a sink or a header gave, kept: the pipeline may report its own abort first.
  let refusal: unknown = null;
  try {
    await pipeline(source, gunzip, async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        try {
          consume();
        } catch (error) {
          refusal = error;
          throw error;
        }
      }
    });
  } catch (error) {
    if (refusal !== null) throw refusal;
    if (error instanceof NotAnArchiveError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw error;
    // zlib's Z_DATA_ERROR, Z_BUF_ERROR (cut short), a sink that refused an entry…
    if (typeof code === 'string' && code.startsWith('Z_')) throw new NotAnArchiveError(`compression endommagée (${code})`);
    throw error;
  }
  if (current || !ended) throw new NotAnArchiveError('archive incomplète');
}

function parseHeader(block: Buffer): { name: string; size: number } {
  const text = (offset: number, length: number) => {
    const raw = block.subarray(offset, offset + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? length : end).toString('ascii');
  };
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  const stored = parseInt(text(148, 8).trim(), 8);
  if (stored !== sum) throw new NotAnArchiveError('en-tête endommagé');
  const type = text(156, 1);
  if (type !== '0' && type !== '') throw new NotAnArchiveError(`élément d'un type inattendu (${type})`);
  if (text(345, 155) !== '') throw new NotAnArchiveError('élément dans un sous-dossier');
  const name = text(0, 100);
  if (!NAME.test(name)) throw new NotAnArchiveError(`nom d'élément inattendu « ${name} »`);
  const size = parseInt(text(124, 12).trim(), 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new NotAnArchiveError(`taille illisible pour ${name}`);
  return { name, size };
}
