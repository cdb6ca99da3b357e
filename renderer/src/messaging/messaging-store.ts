/**
 * SMS and WhatsApp in the renderer: each shown customer's conversation, the « À traiter » inbox
 * (incoming messages not read yet) and Claire's drafts. Every rule (STOP, the 24-hour window,
 * marketing hours) is the services'; the composer only shows what they will say.
 */
import { create } from 'zustand';
import type { CallInput, CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type Conversation = CallOutput<'messaging.conversation'>;
export type MessageItem = Conversation['messages'][number];
export type WhatsAppTemplates = CallOutput<'messaging.whatsappTemplates'>;
export type WhatsAppTemplate = WhatsAppTemplates['templates'][number];
export type StartingTemplate = { id: string; name: string; channel: 'email' | 'sms' | 'whatsapp' };

export const ownerKey = (contactId: string | null | undefined, companyId: string | null | undefined) => (contactId ? `contact:${contactId}` : companyId ? `company:${companyId}` : null);

interface MessagingState {
  conversations: Record<string, Conversation>;
  /** The library's templates (SMS first, then e-mail), offered as starting texts (same merge fields). */
  templates: StartingTemplate[];
  loadTemplates(): Promise<void>;
  /** The WhatsApp Business account's templates, with the Accueil template that fills each one. */
  whatsappTemplates: WhatsAppTemplates | null;
  loadWhatsAppTemplates(refresh?: boolean): Promise<void>;
  /** A template's text merged for this customer, as the e-mail composer would; null when it cannot be. */
  mergedText(templateId: string, contactId: string | null, companyId: string | null): Promise<{ text: string; missing: string[] } | null>;
  unread: MessageItem[];
  sending: boolean;
  sendError: UiError | null;
  loadConversation(contactId: string | null, companyId: string | null): Promise<void>;
  loadUnread(): Promise<void>;
  send(input: CallInput<'messaging.send'>): Promise<boolean>;
  markRead(ids: string[]): Promise<void>;
  applyChanged(contactIds: readonly string[]): void;
}

export const useMessagingStore = create<MessagingState>()((set, get) => ({
  conversations: {},
  templates: [],

  async loadTemplates() {
    try {
      set({ templates: (await api().invoke('templates.list', {})).filter((t) => t.channel !== 'whatsapp').map((t) => ({ id: t.id, name: t.name, channel: t.channel })) });
    } catch {
      // No templates offered: Claire types.
    }
  },
  whatsappTemplates: null,
  async loadWhatsAppTemplates(refresh = false) {
    try {
      set({ whatsappTemplates: await api().invoke('messaging.whatsappTemplates', refresh ? { refresh } : {}) });
    } catch {
      // Not offered: free text within the window only.
    }
  },
  async mergedText(templateId, contactId, companyId) {
    try {
      const preview = await api().invoke('templates.preview', { templateId, contactId: contactId ?? null, companyId: contactId ? null : (companyId ?? null), values: {} });
      return { text: preview.text, missing: preview.missing.map((m) => m.label ?? m.key) };
    } catch {
      return null;
    }
  },
  unread: [],
  sending: false,
  sendError: null,

  async loadConversation(contactId, companyId) {
    const key = ownerKey(contactId, companyId);
    if (!key) return;
    try {
      const conversation = await api().invoke('messaging.conversation', { contactId: contactId ?? null, companyId: contactId ? null : (companyId ?? null) });
      set({ conversations: { ...get().conversations, [key]: conversation } });
    } catch {
      // A console without the right (the wall screen): no panel.
    }
  },
  async loadUnread() {
    try {
      set({ unread: await api().invoke('messaging.unread', {}) });
    } catch {
      // Same: no inbox on a read-only screen.
    }
  },
  async send(input) {
    set({ sending: true, sendError: null });
    try {
      await api().invoke('messaging.send', input);
      set({ sending: false });
      await get().loadConversation(input.contactId, input.companyId);
      return true;
    } catch (error) {
      set({ sending: false, sendError: toUiError(error) });
      return false;
    }
  },
  async markRead(ids) {
    if (ids.length === 0) return;
    try {
      await api().invoke('messaging.markRead', { ids });
    } finally {
      await get().loadUnread();
    }
  },
  applyChanged(contactIds) {
    void get().loadUnread();
    for (const key of Object.keys(get().conversations)) {
      const [kind, id] = key.split(':') as ['contact' | 'company', string];
      if (kind === 'company' || contactIds.length === 0 || contactIds.includes(id)) void get().loadConversation(kind === 'contact' ? id : null, kind === 'company' ? id : null);
    }
  },
}));
