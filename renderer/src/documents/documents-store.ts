/**
 * The documents of the records on screen (by record key), their counts for the pop, and the files
 * Claire is adding: each sent in parts through the contract (a socket frame is 1 MB at most), its
 * refusal kept with the file's name to be shown. Downloads come back in parts too and are saved
 * by the browser as attachments (never opened in the page).
 */
import { create } from 'zustand';
import type { CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import { bytesToBase64 } from '../ui/base64';

export type DocumentItem = CallOutput<'documents.list'>[number];
export type DocumentTypeName = DocumentItem['type'];
export type RecordRef = { kind: 'contact' | 'company'; id: string };
/** The types, in the order the menus list them. */
export const DOCUMENT_TYPES: readonly DocumentTypeName[] = ['devis', 'facture', 'attestation_entretien', 'rapport_intervention', 'photo', 'plan', 'autre'];

export interface UploadNote {
  id: number;
  /** The record it was dropped on (its panel shows it). */
  record: string;
  name: string;
  state: 'sending' | 'added' | 'refused';
  error?: UiError;
}

const keyOf = (ref: RecordRef) => `${ref.kind}:${ref.id}`;

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export interface DocumentsState {
  lists: Record<string, DocumentItem[]>;
  counts: Record<string, number>;
  notes: UploadNote[];
  error: UiError | null;
  load(ref: RecordRef): Promise<void>;
  loadCount(ref: RecordRef): Promise<void>;
  applyChanged(changed: { contactIds: string[]; companyIds: string[] }): void;
  upload(ref: RecordRef, files: readonly File[], type: DocumentTypeName | null): Promise<void>;
  download(item: Pick<DocumentItem, 'id'>): Promise<void>;
  dismiss(id: number): void;
}

let nextNote = 1;

export const useDocumentsStore = create<DocumentsState>()((set, get) => ({
  lists: {},
  counts: {},
  notes: [],
  error: null,

  async load(ref) {
    try {
      const list = await api().invoke('documents.list', ref);
      set((s) => ({ lists: { ...s.lists, [keyOf(ref)]: list }, error: null }));
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },

  async loadCount(ref) {
    try {
      const { count } = await api().invoke('documents.count', ref.kind === 'contact' ? { contactId: ref.id } : { companyId: ref.id });
      set((s) => ({ counts: { ...s.counts, [keyOf(ref)]: count } }));
    } catch {
      // The count is a hint on the pop: without it, the pop says nothing.
    }
  },

  applyChanged({ contactIds, companyIds }) {
    const refs: RecordRef[] = [...contactIds.map((id) => ({ kind: 'contact' as const, id })), ...companyIds.map((id) => ({ kind: 'company' as const, id }))];
    const { lists, counts } = get();
    for (const ref of refs) {
      if (lists[keyOf(ref)]) void get().load(ref);
      if (counts[keyOf(ref)] !== undefined) void get().loadCount(ref);
    }
  },

  async upload(ref, files, type) {
    for (const file of files) {
      const note: UploadNote = { id: nextNote++, record: keyOf(ref), name: file.name, state: 'sending' };
      set((s) => ({ notes: [...s.notes.filter((n) => n.state !== 'added'), note] }));
      const update = (patch: Partial<UploadNote>) => set((s) => ({ notes: s.notes.map((n) => (n.id === note.id ? { ...n, ...patch } : n)) }));
      try {
        const links = ref.kind === 'contact' ? { contactId: ref.id } : { companyId: ref.id };
        const { uploadId, partBytes } = await api().invoke('documents.beginUpload', { name: file.name || 'document', size: file.size, ...(type ? { type } : {}), links });
        const bytes = new Uint8Array(await file.arrayBuffer());
        for (let offset = 0, index = 0; offset < bytes.length; offset += partBytes, index++) {
          await api().invoke('documents.uploadPart', { uploadId, index, data: bytesToBase64(bytes.subarray(offset, offset + partBytes)) });
        }
        await api().invoke('documents.finishUpload', { uploadId });
        update({ state: 'added' });
      } catch (error) {
        update({ state: 'refused', error: toUiError(error) });
      }
    }
    await Promise.all([get().load(ref), get().loadCount(ref)]);
  },

  async download(item) {
    try {
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let offset: number | null = 0;
      let name = 'document';
      while (offset !== null) {
        const part: CallOutput<'documents.content'> = await api().invoke('documents.content', { id: item.id, offset });
        parts.push(fromBase64(part.data));
        name = part.name;
        offset = part.next;
      }
      // Saved by the browser, never shown in the page: a generic type, and a download name.
      const url = URL.createObjectURL(new Blob(parts, { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },

  dismiss(id) {
    set((s) => ({ notes: s.notes.filter((n) => n.id !== id) }));
  },
}));
