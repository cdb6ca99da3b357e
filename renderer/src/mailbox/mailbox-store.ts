/**
 * The e-mail thread of the ticket open in the dialog, and Claire's reply being written.
 * `mailbox.threadChanged` says which ticket got a message (read from the mailbox, or sent).
 */
import { create } from 'zustand';
import type { CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type MailThread = CallOutput<'mailbox.thread'>;
export type ReplyDraft = CallOutput<'mailbox.replyDraft'>;

export interface MailboxState {
  ticketId: string | null;
  thread: MailThread | null;
  error: UiError | null;
  draft: (ReplyDraft & { templateId: string | null }) | null;
  sending: boolean;
  load(ticketId: string): Promise<void>;
  applyChanged(ticketId: string): void;
  startReply(templateId: string | null): Promise<void>;
  editDraft(change: { subject?: string; body?: string }): void;
  cancelReply(): void;
  send(): Promise<boolean>;
}

export const useMailboxStore = create<MailboxState>()((set, get) => ({
  ticketId: null,
  thread: null,
  error: null,
  draft: null,
  sending: false,

  async load(ticketId) {
    if (get().ticketId !== ticketId) set({ ticketId, thread: null, draft: null, error: null });
    try {
      const thread = await api().invoke('mailbox.thread', { ticketId });
      if (get().ticketId === ticketId) set({ thread, error: null });
    } catch (error) {
      if (get().ticketId === ticketId) set({ error: toUiError(error) });
    }
  },

  applyChanged(ticketId) {
    if (get().ticketId === ticketId) void get().load(ticketId);
  },

  async startReply(templateId) {
    const ticketId = get().ticketId;
    if (!ticketId) return;
    try {
      const draft = await api().invoke('mailbox.replyDraft', { ticketId, templateId });
      const previous = get().draft;
      // Changing the template keeps what Claire typed in the subject.
      set({ draft: { ...draft, subject: previous?.subject || draft.subject, templateId }, error: null });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },

  editDraft(change) {
    const draft = get().draft;
    if (draft) set({ draft: { ...draft, ...change } });
  },

  cancelReply() {
    set({ draft: null });
  },

  async send() {
    const { ticketId, draft } = get();
    if (!ticketId || !draft || get().sending) return false;
    set({ sending: true });
    try {
      await api().invoke('mailbox.reply', { ticketId, subject: draft.subject, body: draft.body, templateId: draft.templateId });
      set({ draft: null, error: null });
      await get().load(ticketId);
      return true;
    } catch (error) {
      set({ error: toUiError(error) });
      await get().load(ticketId);
      return false;
    } finally {
      set({ sending: false });
    }
  },
}));
