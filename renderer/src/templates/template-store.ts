/**
 * Templates in the renderer: the library panel (search, edit), the composer (draft, merged preview,
 * sending) and the SMTP settings. Every rule — merging, missing fields, what may be sent — lives in the
 * services; this store keeps what is on screen and asks `templates.preview` again after each edit.
 */
import { create } from 'zustand';
import type { CallInput, CallOutput, Template } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type EmailPreview = CallOutput<'templates.preview'>;
export type MergeField = CallOutput<'templates.fields'>[number];
export type MailSettings = CallOutput<'mail.settings'>;
export type MailSettingsInput = CallInput<'mail.updateSettings'>;
export type SentEmail = CallOutput<'templates.send'>;
export type EmailDraft = CallOutput<'templates.drafts'>[number];

export interface ComposerDraft {
  draftId: string;
  templateId: string | null;
  templateName: string | null;
  contactId: string | null;
  companyId: string | null;
  quoteId: string | null;
  interventionId: string | null;
  ticketId: string | null;
  to: string;
  subject: string;
  body: string;
  values: Record<string, string>;
}

export const PREVIEW_DEBOUNCE_MS = 250;

function newDraftId(): string {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `draft-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function previewInput(draft: ComposerDraft): CallInput<'templates.send'> {
  const { templateName: _name, ...input } = draft;
  return input;
}

/** What "Copier" puts on the clipboard: the merged subject and text, as they would be sent. */
export function clipboardText(preview: EmailPreview): string {
  return `${preview.subject}\n\n${preview.text}`;
}

export type Panel = 'none' | 'library' | 'composer';

export interface TemplateState {
  panel: Panel;
  templates: Template[];
  query: string;
  category: string;
  listStatus: 'idle' | 'loading' | 'ready' | 'error';
  listError: UiError | null;
  fields: MergeField[];
  drafts: EmailDraft[];
  /** Who the library's "Utiliser" prepares an e-mail for (the caller on screen), if anyone. */
  target: { contactId: string | null; companyId: string | null; label: string | null } | null;

  draft: ComposerDraft | null;
  /** Claire changed something: closing keeps the draft (Brouillons conservés) rather than losing it. */
  edited: boolean;
  preview: EmailPreview | null;
  previewError: UiError | null;
  sendStatus: 'idle' | 'sending' | 'sent' | 'error';
  sendError: UiError | null;
  sent: SentEmail | null;

  mail: MailSettings | null;
  mailStatus: 'idle' | 'saving' | 'saved' | 'testing' | 'tested' | 'error';
  /** The connection test's answer: its reason and its French sentence (`detail`). */
  mailMessage: CallOutput<'mail.test'> | null;
  mailError: UiError | null;

  openLibrary(target?: TemplateState['target']): Promise<void>;
  close(): void;
  search(query: string, category?: string): Promise<void>;
  loadFields(): Promise<void>;
  loadDrafts(): Promise<void>;
  saveTemplate(input: CallInput<'templates.save'>): Promise<Template>;
  deleteTemplate(id: string): Promise<void>;

  openComposer(start: { templateId: string | null; templateName?: string | null; contactId: string | null; companyId: string | null }): Promise<void>;
  resumeDraft(draft: EmailDraft): Promise<void>;
  edit(patch: Partial<Omit<ComposerDraft, 'draftId'>>): void;
  refreshPreview(): Promise<void>;
  send(): Promise<boolean>;
  discardDraft(draftId: string): Promise<void>;

  loadMail(): Promise<void>;
  saveMail(input: MailSettingsInput): Promise<boolean>;
  testMail(): Promise<void>;
}

let previewTimer: ReturnType<typeof setTimeout> | null = null;
let previewSeq = 0;

export const useTemplateStore = create<TemplateState>()((set, get) => ({
  panel: 'none',
  templates: [],
  query: '',
  category: '',
  listStatus: 'idle',
  listError: null,
  fields: [],
  drafts: [],
  target: null,
  draft: null,
  edited: false,
  preview: null,
  previewError: null,
  sendStatus: 'idle',
  sendError: null,
  sent: null,
  mail: null,
  mailStatus: 'idle',
  mailMessage: null,
  mailError: null,

  async openLibrary(target = null) {
    set({ panel: 'library', target });
    await Promise.all([get().search(get().query, get().category), get().loadFields(), get().loadDrafts()]);
  },

  close() {
    if (previewTimer) clearTimeout(previewTimer);
    const { draft, edited, sendStatus, panel } = get();
    if (panel === 'composer' && draft && edited && sendStatus !== 'sent') {
      void api()
        .invoke('templates.saveDraft', previewInput(draft))
        .then(() => get().loadDrafts())
        .catch(() => {});
    }
    set({ panel: 'none', draft: null, edited: false, preview: null, previewError: null, sendStatus: 'idle', sendError: null, sent: null });
  },

  async search(query, category = get().category) {
    set({ query, category, listStatus: 'loading', listError: null });
    try {
      const templates = await api().invoke('templates.list', { query, ...(category ? { category } : {}) });
      // A slower, older answer must not replace a newer one.
      if (get().query === query && get().category === category) set({ templates, listStatus: 'ready' });
    } catch (error) {
      set({ listStatus: 'error', listError: toUiError(error) });
    }
  },

  async loadFields() {
    if (get().fields.length > 0) return;
    try {
      set({ fields: await api().invoke('templates.fields', {}) });
    } catch {
      // The menu stays empty; the editor still works by typing {{…}}.
    }
  },

  async loadDrafts() {
    try {
      set({ drafts: await api().invoke('templates.drafts', {}) });
    } catch {
      // Not critical: the list shows again at the next opening.
    }
  },

  async saveTemplate(input) {
    const template = await api().invoke('templates.save', input);
    await get().search(get().query, get().category);
    return template;
  },

  async deleteTemplate(id) {
    await api().invoke('templates.delete', { id });
    await get().search(get().query, get().category);
  },

  async openComposer({ templateId, templateName = null, contactId, companyId }) {
    const draftId = newDraftId();
    set({
      panel: 'composer',
      edited: false,
      draft: { draftId, templateId, templateName, contactId, companyId, quoteId: null, interventionId: null, ticketId: null, to: '', subject: '', body: '', values: {} },
      preview: null,
      previewError: null,
      sendStatus: 'idle',
      sendError: null,
      sent: null,
    });
    void get().loadFields();
    const seq = ++previewSeq;
    try {
      // The first preview fills the draft: template text, recipient, the devis/intervention that fits.
      const preview = await api().invoke('templates.preview', { draftId, templateId, contactId, companyId, values: {} });
      if (seq !== previewSeq || get().draft?.draftId !== draftId) return;
      const d = preview.draft;
      set({
        preview,
        draft: { draftId, templateId: d.templateId, templateName, contactId: d.contactId, companyId: d.companyId, quoteId: d.quoteId, interventionId: d.interventionId, ticketId: d.ticketId, to: d.to, subject: d.subject, body: d.body, values: d.values },
      });
    } catch (error) {
      set({ previewError: toUiError(error) });
    }
  },

  async resumeDraft(kept) {
    const draftId = kept.draftId ?? newDraftId();
    set({
      panel: 'composer',
      edited: false,
      draft: { draftId, templateId: kept.templateId, templateName: null, contactId: kept.contactId, companyId: kept.companyId, quoteId: kept.quoteId, interventionId: kept.interventionId, ticketId: kept.ticketId, to: kept.to, subject: kept.subject, body: kept.body, values: kept.values },
      preview: null,
      previewError: null,
      sendStatus: 'idle',
      sendError: kept.lastError ? { kind: 'service', code: 'unavailable', message: kept.lastError } : null,
      sent: null,
    });
    await get().refreshPreview();
  },

  edit(patch) {
    const draft = get().draft;
    if (!draft) return;
    set({ draft: { ...draft, ...patch }, edited: true, sendStatus: get().sendStatus === 'sending' ? 'sending' : 'idle' });
    if (previewTimer) clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void get().refreshPreview(), PREVIEW_DEBOUNCE_MS);
  },

  async refreshPreview() {
    const draft = get().draft;
    if (!draft) return;
    const seq = ++previewSeq;
    try {
      const preview = await api().invoke('templates.preview', previewInput(draft));
      if (seq === previewSeq) set({ preview, previewError: null });
    } catch (error) {
      if (seq === previewSeq) set({ previewError: toUiError(error) });
    }
  },

  async send() {
    const draft = get().draft;
    if (!draft || get().sendStatus === 'sending') return false;
    if (previewTimer) clearTimeout(previewTimer);
    set({ sendStatus: 'sending', sendError: null });
    try {
      const sent = await api().invoke('templates.send', previewInput(draft));
      set({ sendStatus: 'sent', sent });
      return true;
    } catch (error) {
      // The service kept the draft; the composer keeps it on screen too.
      set({ sendStatus: 'error', sendError: toUiError(error) });
      void get().loadDrafts();
      return false;
    }
  },

  async discardDraft(draftId) {
    await api().invoke('templates.discardDraft', { draftId });
    set({ drafts: get().drafts.filter((d) => d.draftId !== draftId) });
  },

  async loadMail() {
    try {
      set({ mail: await api().invoke('mail.settings', {}), mailError: null });
    } catch (error) {
      set({ mailError: toUiError(error), mailStatus: 'error' });
    }
  },

  async saveMail(input) {
    set({ mailStatus: 'saving', mailError: null, mailMessage: null });
    try {
      set({ mail: await api().invoke('mail.updateSettings', input), mailStatus: 'saved' });
      return true;
    } catch (error) {
      set({ mailStatus: 'error', mailError: toUiError(error) });
      return false;
    }
  },

  async testMail() {
    set({ mailStatus: 'testing', mailError: null, mailMessage: null });
    try {
      set({ mailStatus: 'tested', mailMessage: await api().invoke('mail.test', {}) });
    } catch (error) {
      set({ mailStatus: 'error', mailError: toUiError(error) });
    }
  },
}));
