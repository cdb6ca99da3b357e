/**
 * SMS and WhatsApp: one conversation per customer, Claire's replies, the « À traiter » inbox.
 * The providers' webhooks arrive on the public surface (host/public/messaging-area.ts), not here.
 */
import { z } from 'zod';
import { audience, call, Empty, STAFF } from './call-spec';
import { Id, IsoDate } from './model';

export const MessageChannel = z.enum(['sms', 'whatsapp']);
export const MessagePurpose = z.enum(['service', 'marketing', 'reply']);

export const MessageItem = z.object({
  id: Id,
  channel: MessageChannel,
  direction: z.enum(['in', 'out']),
  number: z.string(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  /** Who wrote in (the contact's name) for the inbox; null when the number is nobody known. */
  name: z.string().nullable(),
  body: z.string(),
  templateName: z.string().nullable(),
  purpose: MessagePurpose.nullable(),
  status: z.enum(['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'received', 'blocked']),
  /** Why it failed, is blocked or waits — a sentence in the UI's language. */
  statusText: z.string().nullable(),
  segments: z.number().int().nullable(),
  notBefore: IsoDate.nullable(),
  readAt: IsoDate.nullable(),
  author: z.string().nullable(),
  at: IsoDate,
  /** The picture, document or voice note a customer sent: kept as a document of theirs, or why not. */
  media: z
    .object({
      kind: z.string(),
      name: z.string().nullable(),
      state: z.enum(['pending', 'kept', 'refused']),
      documentId: Id.nullable(),
      reason: z.string().nullable(),
    })
    .nullable()
    .default(null),
});
export type MessageItem = z.infer<typeof MessageItem>;

export const ConversationState = z.object({
  channels: z.object({ sms: z.boolean(), whatsapp: z.boolean() }),
  /** The number messages go to (the customer's mobile), national format for display; null when none. */
  number: z.string().nullable(),
  /** WhatsApp free text is possible until then (24 hours after the customer's last message); null: templates only. */
  whatsappOpenUntil: IsoDate.nullable(),
  /** The customer said STOP: only answers to their own messages go. */
  optedOutAt: IsoDate.nullable(),
  messages: z.array(MessageItem),
});

export const MarketingChannel = z.enum(['sms', 'whatsapp', 'email']);
export const ServiceChannel = z.enum(['email', 'sms', 'whatsapp']);
export const ConsentItem = z.object({
  channel: MarketingChannel,
  granted: z.boolean(),
  /** When the customer said it (not when it was typed). */
  givenAt: IsoDate,
  /** How: « au téléphone », « formulaire signé », « portail »… */
  source: z.string(),
  recordedBy: z.string().nullable(),
});
export const ConsentState = z.object({
  consents: z.array(ConsentItem),
  /** The shared opt-out ledger (STOP by SMS or WhatsApp, « ne plus recevoir » by e-mail): no marketing anywhere. */
  optedOutAt: IsoDate.nullable(),
  /** What each channel answers now: may we send marketing there? */
  mayMarket: z.object({ sms: z.boolean(), whatsapp: z.boolean(), email: z.boolean() }),
  /**
   * « Canal préféré » for automatic service messages (the reminder the day before, the survey link):
   * e-mail by default; SMS or WhatsApp when the customer asked — used when they have the number for
   * it and never to a number that said STOP (then e-mail).
   */
  preferredChannel: ServiceChannel,
  /** When and by whom the preference was set; null: never set (e-mail). */
  preferredSetAt: IsoDate.nullable(),
  preferredSetBy: z.string().nullable(),
});

/** A template of the WhatsApp Business account, with the Accueil template that fills its parameters, if any. */
export const WhatsAppTemplateItem = z.object({
  name: z.string(),
  language: z.string(),
  /** APPROVED, PENDING, REJECTED, PAUSED…: only APPROVED ones can be sent. */
  status: z.string(),
  /** MARKETING, UTILITY, AUTHENTICATION: a MARKETING one follows the marketing rules whatever is chosen. */
  category: z.string(),
  body: z.string(),
  parameters: z.number().int(),
  /** The Accueil template (channel WhatsApp) that says which merge field fills each parameter. */
  templateId: Id.nullable(),
  templateName: z.string().nullable(),
});
export const WhatsAppTemplates = z.object({
  /** False when WhatsApp or its business account (ACCUEIL_WHATSAPP_BUSINESS_ACCOUNT_ID) is not configured. */
  available: z.boolean(),
  /** Why the list could not be read (the last good one is kept). */
  error: z.string().nullable(),
  templates: z.array(WhatsAppTemplateItem),
});

const Owner = z.object({ contactId: Id.nullable(), companyId: Id.nullable() }).strict();

export const messagingCalls = {
  'messaging.conversation': call('read', Owner, ConversationState, STAFF),
  'messaging.send': call(
    'write',
    z
      .object({
        channel: MessageChannel,
        contactId: Id.nullable(),
        companyId: Id.nullable(),
        text: z.string().max(1600).optional(),
        template: z.object({ name: z.string().min(1).max(512), language: z.string().min(2).max(10), parameters: z.array(z.string().max(1024)).max(10) }).strict().optional(),
        /**
         * WhatsApp: an Accueil template bound to an approved one — the service merges its fields for
         * this customer into the parameters (refused while one has no value) and sends the approved template.
         */
        templateId: Id.optional(),
        purpose: MessagePurpose,
        /** The composer's id for this message: sending twice (a double click, a retry) sends once. */
        draftId: z.string().min(8).max(80),
      })
      .strict(),
    MessageItem,
    STAFF,
  ),
  'messaging.unread': call('read', Empty, z.array(MessageItem), STAFF),
  /** The WhatsApp Business account's templates (cached five minutes; `refresh` reads them again). */
  'messaging.whatsappTemplates': call('read', z.object({ refresh: z.boolean().optional() }).strict(), WhatsAppTemplates, STAFF),
  'messaging.consents': call('read', z.object({ contactId: Id }).strict(), ConsentState, STAFF),
  'messaging.setConsent': call(
    'write',
    z.object({ contactId: Id, channel: MarketingChannel, granted: z.boolean(), givenAt: IsoDate, source: z.string().trim().min(1).max(200) }).strict(),
    ConsentState,
    STAFF,
  ),
  /** Claire sets the customer's « Canal préféré » (e-mail, SMS, WhatsApp) for automatic service messages. */
  'messaging.setPreferredChannel': call('write', z.object({ contactId: Id, channel: ServiceChannel }).strict(), ConsentState, STAFF),
  'messaging.markRead': call('write', z.object({ ids: z.array(Id).max(500) }).strict(), z.object({ marked: z.number().int() }), STAFF),
} as const;

export const messagingEvents = {
  /** A message came in, went out or changed status: conversations and the inbox read again. */
  'messaging.changed': audience(STAFF, z.object({ contactIds: z.array(Id) })),
  /** A customer wrote: the console shows a notification. */
  'messaging.received': audience(STAFF, z.object({ contactIds: z.array(Id), channel: MessageChannel, from: z.string(), name: z.string().nullable(), preview: z.string() })),
} as const;

type MessagingCalls = typeof messagingCalls;
type MessagingEvents = typeof messagingEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends MessagingCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends MessagingEvents {}
}
