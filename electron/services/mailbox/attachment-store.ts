/**
 * Attachments of customer e-mails, kept with their ticket: one file per distinct content, named by
 * its SHA-256 under `<data folder>/mail/attachments/ab/cd/<hash>` (the same photo sent twice is one
 * file), readable by the server's user only. The customer's file name is never a path on disk, so
 * « ../../x » or « facture.pdf.exe » only ever names a row; files are never executed, and nothing
 * serves them inline.
 *
 * A file is written (to a temp name, then renamed) before the transaction that indexes it: after a
 * crash between the two, the next pass writes the same file again — same name, same bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class AttachmentStore {
  constructor(private readonly root: string) {}

  static under(dataDir: string): AttachmentStore {
    return new AttachmentStore(path.join(dataDir, 'mail', 'attachments'));
  }

  /** Stores the content (once per distinct content) and returns its SHA-256 in hex. */
  keep(content: Buffer): string {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const file = this.pathOf(sha256);
    if (fs.existsSync(file)) return sha256;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${randomUUID()}.part`;
    fs.writeFileSync(temp, content, { mode: 0o600 });
    fs.renameSync(temp, file);
    return sha256;
  }

  /** The file of a stored content (for a later download route; never executed). */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }
}

/**
 * A file name as a customer's mail client wrote it, made safe to show: no folders, no control
 * characters, at most 200 characters, never empty.
 */
export function displayFileName(name: string | null | undefined, position: number): string {
  const base = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop()!.trim();
  return (base === '' || base === '.' || base === '..' ? `piece-jointe-${position + 1}` : base).slice(0, 200);
}
