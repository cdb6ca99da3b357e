/**
 * ContentStore: the one place Accueil writes files it keeps (mail attachments, documents): one file
 * per distinct content, named by its SHA-256 under `<root>/ab/cd/<hash>` (the same photo sent twice
 * is one file), readable by the server's user only (0600 in 0700 folders). A name given by a
 * customer or an agent is never a path on disk — it only ever names a row — and nothing here runs
 * or renders a file.
 *
 * A file is written to a temp name, then renamed, before the transaction that indexes it: after a
 * crash between the two, the next attempt writes the same file again (same name, same bytes), and
 * a file nobody indexes is harmless.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class ContentStore {
  constructor(readonly root: string) {}

  /** The store under the data folder, in `relative` (e.g. 'documents', 'mail/attachments'). */
  static under(dataDir: string, relative: string): ContentStore {
    return new ContentStore(path.join(dataDir, ...relative.split('/')));
  }

  /** SHA-256 of a content, in hex. */
  static hash(content: Buffer): string {
    return createHash('sha256').update(content).digest('hex');
  }

  /** Stores the content (once per distinct content) and returns its SHA-256 in hex. */
  keep(content: Buffer): string {
    const sha256 = ContentStore.hash(content);
    const file = this.pathOf(sha256);
    if (fs.existsSync(file)) return sha256;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${randomUUID()}.part`;
    fs.writeFileSync(temp, content, { mode: 0o600 });
    fs.renameSync(temp, file);
    return sha256;
  }

  /** The file of a stored content (never executed, never served inline). */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** The stored bytes, or null when the file is missing (a partial restore). */
  read(sha256: string): Buffer | null {
    try {
      return fs.readFileSync(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
