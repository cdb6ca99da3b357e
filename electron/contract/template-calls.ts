/**
 * E-mail templates (issue 4, templates part): the library (list, search, create, edit, delete), the
 * merge fields, the composer's preview for a caller, sending over SMTP, the drafts kept when a sending
 * fails, and the SMTP settings.
 *
 * A draft carries the template text with its fields (`{{devis.numero}}`) and the records it is about;
 * the service merges on every preview and again at sending, so what is sent is what was previewed.
 * Sending is refused while a field is empty or unknown (see `templates.send`).
 */
import { z } from 'zod';
import { Id, IsoDate, Reasoned, ReasonedText, Template, TemplateChannel } from './model';
import { call, Empty, companySetting } from './call-spec';

export const MergeField = z.object({
  key: z.string(),
  group: z.enum(['contact', 'entreprise', 'devis', 'intervention', 'ticket', 'facture', 'agent', 'societe', 'divers', 'date', 'lien']),
  label: z.string(),
  example: z.string(),
});
export type MergeField = z.infer<typeof MergeField>;

const Ref = Id.nullable().default(null);
const FieldValues = z.record(z.string().max(80), z.string().max(4_000));

/** What the composer sends: everything optional but the records, filled in by the service. */
export const EmailDraftInput = z
  .object({
    /** Chosen by the composer when it opens, so a failed sending can be found again. */
    draftId: Id.optional(),
    templateId: Ref,
    contactId: Ref,
    companyId: Ref,
    /** Omitted: the service picks the one that fits the template (e.g. the oldest devis sent for a relance). */
    quoteId: Id.nullable().optional(),
    interventionId: Id.nullable().optional(),
    ticketId: Id.nullable().optional(),
    /** Omitted: the contact's (or company's) e-mail. */
    to: z.string().max(320).optional(),
    /** Template text with its fields; omitted: the template's. */
    subject: z.string().max(500).optional(),
    body: z.string().max(20_000).optional(),
    /** Values Claire typed for fields the CRM has no value for (facture.numero…). */
    values: FieldValues.default({}),
  })
  .strict();

export const EmailDraft = z.object({
  draftId: Id.nullable(),
  templateId: Id.nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  quoteId: Id.nullable(),
  interventionId: Id.nullable(),
  ticketId: Id.nullable(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  values: z.record(z.string(), z.string()),
  /** Why the last sending failed (French), for a kept draft. */
  lastError: z.string().nullable(),
  updatedAt: IsoDate.nullable(),
  /** Who the draft is for, for the drafts list. */
  recipientLabel: z.string().nullable(),
});
export type EmailDraft = z.infer<typeof EmailDraft>;

export const MergeSegment = z.object({
  text: z.string(),
  field: z.string().nullable(),
  state: z.enum(['text', 'filled', 'empty', 'unknown']),
});
export type MergeSegment = z.infer<typeof MergeSegment>;

export const MissingField = z.object({
  key: z.string(),
  reason: z.enum(['empty', 'unknown']),
  label: z.string().nullable(),
});
export type MissingField = z.infer<typeof MissingField>;

export const RecordChoice = z.object({
  id: Id,
  /** In French, dates included (the CLI's, and an older console's). */
  label: z.string(),
  /** An intervention's parts, for a console that writes its date in its own language. */
  kind: z.string().optional(),
  at: z.string().optional(),
  technician: z.string().nullable().optional(),
});

export const EmailPreview = z.object({
  /** The draft with every default resolved (template text, recipient, chosen devis/intervention/ticket). */
  draft: EmailDraft,
  subject: z.string(),
  text: z.string(),
  subjectSegments: z.array(MergeSegment),
  bodySegments: z.array(MergeSegment),
  /** Fields left empty or unknown, each once: sending is refused until there are none. */
  missing: z.array(MissingField),
  choices: z.object({
    quotes: z.array(RecordChoice),
    interventions: z.array(RecordChoice),
    tickets: z.array(RecordChoice),
  }),
  /** What else stops a sending (no recipient, SMTP not configured). */
  blockers: z.array(ReasonedText),
});
export type EmailPreview = z.infer<typeof EmailPreview>;

export const SentEmail = z.object({
  emailId: Id,
  sentAt: IsoDate,
  to: z.string(),
  subject: z.string(),
  messageId: z.string().nullable(),
});
export type SentEmail = z.infer<typeof SentEmail>;

export const MailSecurity = z.enum(['starttls', 'tls', 'none']);
export type MailSecurity = z.infer<typeof MailSecurity>;

export const MailSettings = z.object({
  host: z.string(),
  port: z.number().int(),
  /** starttls: plain connection upgraded (required) — port 587; tls: TLS from the start — port 465; none: loopback relays only. */
  security: MailSecurity,
  user: z.string(),
  fromAddress: z.string(),
  /** The agent's name: sender name and {{agent.prenom}} / {{agent.nom}}. */
  fromName: z.string(),
  companyName: z.string(),
  companyPhone: z.string(),
  reviewUrl: z.string(),
  hasPassword: z.boolean(),
  /** True when ACCUEIL_SMTP_* variables override the screen. */
  fromEnvironment: z.boolean(),
  configured: z.boolean(),
});
export type MailSettings = z.infer<typeof MailSettings>;

export const MailSettingsInput = z
  .object({
    host: z.string().trim().max(255),
    port: z.number().int().min(1).max(65_535),
    security: MailSecurity,
    user: z.string().trim().max(320),
    fromAddress: z.string().trim().max(320),
    fromName: z.string().trim().max(120),
    companyName: z.string().trim().max(200),
    companyPhone: z.string().trim().max(40),
    reviewUrl: z.string().trim().max(500),
    /** Omitted: keep the stored one. Empty string: remove it. */
    password: z.string().max(500).optional(),
  })
  .strict();

const TemplateInput = z
  .object({
    /** Omitted: a new template. */
    id: Id.optional(),
    name: z.string().max(120),
    category: z.string().max(60),
    /** Ignored (stored empty) for SMS and WhatsApp. */
    subject: z.string().max(500),
    body: z.string().max(20_000),
    /** Default: e-mail. */
    channel: TemplateChannel.optional(),
    /** WhatsApp: the approved template it sends. */
    whatsapp: z.object({ name: z.string().max(512), language: z.string().max(10) }).strict().nullable().optional(),
  })
  .strict();

export const templateCalls = {
  /** The library, searched without accents or case when `query` is given. */
  'templates.list': call(
    'read',
    z.object({ query: z.string().max(200).optional(), category: z.string().max(60).optional(), channel: TemplateChannel.optional() }).strict(),
    z.array(Template),
  ),
  /** Every merge field, for the "Insérer un champ" menu. */
  'templates.fields': call('read', Empty, z.array(MergeField)),
  'templates.save': call('write', TemplateInput, Template),
  'templates.delete': call('write', z.object({ id: Id }).strict(), z.object({ id: Id })),
  /** The draft merged for its caller: segments, missing fields, the records it can be about. */
  'templates.preview': call('read', EmailDraftInput, EmailPreview),
  /**
   * Sends the draft. Refused (bad_request) while a field is empty or unknown — a hole in a customer
   * e-mail is worse than the few seconds it takes to fill it in the preview — or when the recipient
   * or subject holds a line break. The draft is saved before the attempt and kept on any failure.
   */
  'templates.send': call('write', EmailDraftInput.extend({ draftId: Id }), SentEmail),
  'templates.drafts': call('read', Empty, z.array(EmailDraft)),
  'templates.saveDraft': call('write', EmailDraftInput.extend({ draftId: Id }), EmailDraft),
  'templates.discardDraft': call('write', z.object({ draftId: Id }).strict(), z.object({ draftId: Id })),

  'mail.settings': call('read', Empty, MailSettings),
  'mail.updateSettings': companySetting(call('write', MailSettingsInput, MailSettings)),
  /** Connects and logs in to the SMTP server without sending anything. */
  'mail.test': companySetting(call('write', Empty, Reasoned.extend({ detail: z.string() }))),
} as const;

export const templateEvents = {
  /** The library changed (created, edited, deleted): lists refresh. */
  'templates.changed': z.object({ ids: z.array(z.string()) }),
  /** A draft was kept, updated, sent or discarded. */
  'templates.draftsChanged': z.object({ draftIds: z.array(z.string()) }),
  'mail.settingsChanged': MailSettings,
} as const;

type TemplateCalls = typeof templateCalls;
type TemplateEvents = typeof templateEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends TemplateCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends TemplateEvents {}
}
