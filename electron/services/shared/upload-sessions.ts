/**
 * Uploads under way: a file the console sends in parts (a socket frame is 1 MB at most) is kept in
 * memory until its last part, then handed whole to its area (the documents' library, Sage's import).
 * The refusals keep their first area's reasons (`documents.too_large`…): their sentences speak of a
 * file and an upload, whatever the file is for. Bounded: the size announced is
 * checked against the limit before any part is accepted, parts may not exceed it, a caller has at
 * most MAX_PER_CALLER uploads at once, and an upload left unfinished is forgotten after
 * EXPIRY_MINUTES. An upload belongs to its caller (the account on the company server): another
 * one's id is unknown to them.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../contract/envelope';

export const MAX_PER_CALLER = 4;
export const EXPIRY_MINUTES = 10;

interface Upload<Meta> {
  owner: string;
  meta: Meta;
  size: number;
  parts: Buffer[];
  received: number;
  startedAt: number;
}

export class UploadSessions<Meta> {
  private readonly uploads = new Map<string, Upload<Meta>>();

  constructor(
    private readonly now: () => number,
    private readonly maxBytes: () => number,
  ) {}

  begin(owner: string, size: number, meta: Meta): string {
    this.expire();
    if (size > this.maxBytes()) throw new ServiceError('bad_request', { reason: 'documents.too_large', params: { max: Math.round(this.maxBytes() / (1024 * 1024)) } });
    const mine = [...this.uploads.values()].filter((u) => u.owner === owner).length;
    if (mine >= MAX_PER_CALLER) throw new ServiceError('unavailable', { reason: 'documents.too_many_uploads', params: { max: MAX_PER_CALLER } });
    const id = randomUUID();
    this.uploads.set(id, { owner, meta, size, parts: [], received: 0, startedAt: this.now() });
    return id;
  }

  part(owner: string, id: string, index: number, data: Buffer): number {
    const upload = this.find(owner, id);
    if (index !== upload.parts.length || upload.received + data.length > upload.size) {
      this.uploads.delete(id);
      throw new ServiceError('bad_request', { reason: 'documents.upload_incomplete' });
    }
    upload.parts.push(data);
    upload.received += data.length;
    return upload.received;
  }

  /** The whole file and what was announced with it; the upload is over either way. */
  finish(owner: string, id: string): { bytes: Buffer; meta: Meta } {
    const upload = this.find(owner, id);
    this.uploads.delete(id);
    if (upload.received !== upload.size) throw new ServiceError('bad_request', { reason: 'documents.upload_incomplete' });
    return { bytes: Buffer.concat(upload.parts), meta: upload.meta };
  }

  private find(owner: string, id: string): Upload<Meta> {
    this.expire();
    const upload = this.uploads.get(id);
    if (!upload || upload.owner !== owner) throw new ServiceError('not_found', { reason: 'documents.upload_unknown', params: { minutes: EXPIRY_MINUTES } });
    return upload;
  }

  private expire(): void {
    const limit = this.now() - EXPIRY_MINUTES * 60_000;
    for (const [id, upload] of this.uploads) if (upload.startedAt < limit) this.uploads.delete(id);
  }
}
