/**
 * Attachments of customer e-mails, kept with their ticket, in the product's one content store
 * (shared/content-store.ts) under `<data folder>/mail/attachments/`; each also becomes a document
 * of the ticket (the documents area indexes the same bytes in its own store).
 */
import { ContentStore } from '../shared/content-store';

export class AttachmentStore extends ContentStore {
  static override under(dataDir: string): AttachmentStore {
    return new AttachmentStore(ContentStore.under(dataDir, 'mail/attachments').root);
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
