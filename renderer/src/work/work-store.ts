/**
 * Working the call in the renderer: the wrap-up of each call (outcome, account, notes, linked
 * ticket), the ticket form and the ticket shown. The rules (what is logged, when, how it reaches the
 * CRM) live in the services; this store only holds what the screen shows and what Claire typed.
 */
import { create } from 'zustand';
import type { CallLog, CallOutcome, TicketDetail, TicketDraft } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export interface WrapUpEntry {
  log: CallLog | null;
  /** What Claire has typed or chosen, not yet saved. */
  outcome: CallOutcome | null;
  body: string;
  noteDraft: string;
  status: 'idle' | 'loading' | 'saving' | 'saved' | 'error';
  error: UiError | null;
  /** The ticket form, when open: prefilled from the call. */
  ticketForm: TicketDraft | null;
}

export interface TicketFormValues {
  subject: string;
  description: string;
  category: TicketDraft['category'];
  priority: TicketDraft['priority'];
  siteAddress: string;
}

export interface WorkState {
  wrapUps: Record<string, WrapUpEntry>;
  /** The ticket shown in the ticket dialog. */
  ticket: TicketDetail | null;
  ticketError: UiError | null;
  /** Bumped to ask the focused pop's note field to take the focus (keyboard shortcut). */
  focusNoteSeq: number;

  load(callId: string): Promise<void>;
  edit(callId: string, patch: Partial<Pick<WrapUpEntry, 'outcome' | 'body' | 'noteDraft'>>): void;
  save(callId: string): Promise<boolean>;
  /** Links the call to an existing ticket (saves the wrap-up as it stands). */
  linkTicket(callId: string, ticketId: string): Promise<boolean>;
  addNote(callId: string): Promise<boolean>;
  openTicketForm(callId: string): Promise<void>;
  closeTicketForm(callId: string): void;
  createTicket(callId: string, values: TicketFormValues): Promise<boolean>;
  showTicket(ticketId: string): Promise<void>;
  updateTicket(change: { ticketId: string; status?: TicketDetail['ticket']['status']; priority?: TicketDetail['ticket']['priority']; callId?: string | null }): Promise<void>;
  closeTicket(): void;
  /** A note on the ticket shown (kept in its history); the call it is written during, if any. */
  addTicketNote(body: string, callId: string | null): Promise<boolean>;
  requestNoteFocus(): void;
}

const EMPTY: WrapUpEntry = { log: null, outcome: null, body: '', noteDraft: '', status: 'idle', error: null, ticketForm: null };

export const useWorkStore = create<WorkState>()((set, get) => {
  const patch = (callId: string, p: Partial<WrapUpEntry>) =>
    set((s) => ({ wrapUps: { ...s.wrapUps, [callId]: { ...(s.wrapUps[callId] ?? EMPTY), ...p } } }));
  const entry = (callId: string) => get().wrapUps[callId] ?? EMPTY;

  return {
    wrapUps: {},
    ticket: null,
    ticketError: null,
    focusNoteSeq: 0,

    async load(callId) {
      patch(callId, { status: 'loading', error: null });
      try {
        const log = await api().invoke('wrapup.get', { callId });
        // Keep what Claire typed (before or while this loaded); otherwise show what is saved.
        const current = entry(callId);
        const typed = current.body !== '' || current.outcome !== null;
        patch(callId, { log, status: 'idle', ...(typed ? {} : { outcome: log.outcome, body: log.body ?? '' }) });
      } catch (error) {
        patch(callId, { status: 'error', error: toUiError(error) });
      }
    },

    edit(callId, p) {
      patch(callId, { ...p, status: entry(callId).status === 'saved' ? 'idle' : entry(callId).status });
    },

    async save(callId) {
      const { outcome, body, log: shown } = entry(callId);
      patch(callId, { status: 'saving', error: null });
      try {
        // What was saved when this screen loaded it: a change made meanwhile is refused, not overwritten.
        const expected = shown ? { outcome: shown.outcome, body: shown.body } : undefined;
        const log = await api().invoke('wrapup.save', { callId, outcome, body, ...(expected ? { expected } : {}) });
        patch(callId, { log, status: 'saved', outcome: log.outcome, body: log.body ?? '' });
        return true;
      } catch (error) {
        const failure = toUiError(error);
        patch(callId, { status: 'error', error: failure });
        // The other person's version becomes the one this screen starts from; what Claire typed stays.
        if (failure.kind === 'service' && failure.code === 'conflict') {
          try {
            patch(callId, { log: await api().invoke('wrapup.get', { callId }) });
          } catch {
            // The sentence already says what happened.
          }
        }
        return false;
      }
    },

    async linkTicket(callId, ticketId) {
      const { outcome, body } = entry(callId);
      try {
        const log = await api().invoke('wrapup.save', { callId, outcome, body, ticketId });
        patch(callId, { log, error: null });
        return true;
      } catch (error) {
        patch(callId, { error: toUiError(error) });
        return false;
      }
    },

    async addNote(callId) {
      const body = entry(callId).noteDraft;
      if (body.trim() === '') return false;
      try {
        const note = await api().invoke('notes.add', { body, callId });
        const log = entry(callId).log;
        patch(callId, { noteDraft: '', error: null, ...(log ? { log: { ...log, notes: [...log.notes, note] } } : {}) });
        return true;
      } catch (error) {
        patch(callId, { error: toUiError(error) });
        return false;
      }
    },

    async openTicketForm(callId) {
      try {
        const draft = await api().invoke('tickets.draft', { callId });
        patch(callId, { ticketForm: draft, error: null });
      } catch (error) {
        patch(callId, { error: toUiError(error) });
      }
    },

    closeTicketForm(callId) {
      patch(callId, { ticketForm: null });
    },

    async createTicket(callId, values) {
      const draft = entry(callId).ticketForm;
      if (!draft) return false;
      try {
        const detail = await api().invoke('tickets.create', {
          subject: values.subject,
          description: values.description.trim() === '' ? null : values.description,
          category: values.category,
          priority: values.priority,
          contactId: draft.contactId,
          companyId: draft.companyId,
          siteAddress: values.siteAddress.trim() === '' ? null : values.siteAddress,
          callId,
        });
        const log = entry(callId).log;
        patch(callId, { ticketForm: null, error: null, ...(log ? { log: { ...log, ticketId: detail.ticket.id } } : {}) });
        set({ ticket: detail, ticketError: null });
        return true;
      } catch (error) {
        patch(callId, { error: toUiError(error) });
        return false;
      }
    },

    async showTicket(ticketId) {
      try {
        set({ ticket: await api().invoke('tickets.get', { ticketId }), ticketError: null });
      } catch (error) {
        set({ ticketError: toUiError(error) });
      }
    },

    async updateTicket(change) {
      // What this screen showed for the fields it changes: a change someone made meanwhile is
      // refused by the services (conflict), never overwritten.
      const shown = get().ticket?.ticket.id === change.ticketId ? get().ticket!.ticket : null;
      const expected = shown
        ? {
            ...(change.status !== undefined ? { status: shown.status } : {}),
            ...(change.priority !== undefined ? { priority: shown.priority } : {}),
          }
        : undefined;
      try {
        set({ ticket: await api().invoke('tickets.update', { ...change, callId: change.callId ?? null, ...(expected ? { expected } : {}) }), ticketError: null });
      } catch (error) {
        const failure = toUiError(error);
        // The other person's change is shown at once, with the sentence that says so.
        if (failure.kind === 'service' && failure.code === 'conflict') {
          try {
            set({ ticket: await api().invoke('tickets.get', { ticketId: change.ticketId }) });
          } catch {
            // The sentence below still says what happened.
          }
        }
        set({ ticketError: failure });
      }
    },

    closeTicket() {
      set({ ticket: null, ticketError: null });
    },

    async addTicketNote(body, callId) {
      const ticketId = get().ticket?.ticket.id;
      if (!ticketId || body.trim() === '') return false;
      try {
        await api().invoke('notes.add', { body, ticketId, callId });
        set({ ticket: await api().invoke('tickets.get', { ticketId }), ticketError: null });
        return true;
      } catch (error) {
        set({ ticketError: toUiError(error) });
        return false;
      }
    },

    requestNoteFocus() {
      set((s) => ({ focusNoteSeq: s.focusNoteSeq + 1 }));
    },
  };
});
