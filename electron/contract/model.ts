/**
 * The shapes that cross between the services and the renderer. Every value the renderer sees is
 * described here once, as a zod schema, and its TypeScript type is inferred from it.
 * Dates cross as ISO-8601 strings (UTC); money as integer cents.
 */
import { z } from 'zod';

/**
 * A service's sentence as a reason of error-catalog.ts and its parameters: the renderer words it in
 * the user's language (a reason it does not know falls back to the French beside it).
 */
export const Reasoned = z.object({ reason: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });
export type Reasoned = z.infer<typeof Reasoned>;
/** The same with its French sentence, for a list the service words itself. */
export const ReasonedText = Reasoned.extend({ message: z.string() });
export type ReasonedText = z.infer<typeof ReasonedText>;

export const Id = z.string().min(1).max(64);

/**
 * A file the console sends crosses in parts (a socket frame is 1 MB at most): bytes of one part
 * before base64, so that its base64 and the frame around it stay under a frame.
 */
export const FILE_PART_BYTES = 512 * 1024;
export const Base64Part = z.string().max(Math.ceil(FILE_PART_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const IsoDate = z.string().max(40);

export const PhoneKind = z.enum(['mobile', 'fixe', 'standard', 'fax', 'autre']);
export type PhoneKind = z.infer<typeof PhoneKind>;

export const Phone = z.object({
  /** E.164 (+33612345678), or null when the number could not be normalised (kept as typed). */
  e164: z.string().nullable(),
  /** As entered or received. */
  raw: z.string(),
  /** As shown: 04 78 12 34 56 for a French number, +44 20 7946 0958 for a foreign one, else as typed. */
  display: z.string(),
  kind: PhoneKind,
});
export type Phone = z.infer<typeof Phone>;

export const Company = z.object({
  id: Id,
  name: z.string(),
  siret: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  email: z.string().nullable(),
  phones: z.array(Phone),
  updatedAt: IsoDate,
});
export type Company = z.infer<typeof Company>;

export const Contact = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  role: z.string().nullable(),
  companyId: Id.nullable(),
  companyName: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  phones: z.array(Phone),
  updatedAt: IsoDate,
});
export type Contact = z.infer<typeof Contact>;

export const InteractionKind = z.enum(['call', 'note', 'email', 'ticket', 'quote', 'intervention', 'sms', 'whatsapp']);
export type InteractionKind = z.infer<typeof InteractionKind>;

/** One line of a history timeline, whatever its source table. */
/**
 * What a history line is made of, for an interface that words it in its own language: `title` and
 * `summary` are the French sentences (the CLI's, and an older console's).
 */
/** Where a line of the history came from: the phone, an e-mail, the customer portal, an SMS, WhatsApp. */
export const HistoryOrigin = z.enum(['telephone', 'email', 'portail', 'sms', 'whatsapp']);
export type HistoryOrigin = z.infer<typeof HistoryOrigin>;

export const InteractionFacts = z.object({
  /** call and e-mail: which way. */
  direction: z.enum(['in', 'out']).nullable(),
  /** note: its author; intervention: the technician. */
  person: z.string().nullable(),
  /** e-mail, ticket: subject; quote: title; intervention: its kind, as the CRM names it. */
  subject: z.string().nullable(),
  /** quote: its number. */
  reference: z.string().nullable(),
  /** ticket: its category (a TicketCategory, or the CRM's own word). */
  category: z.string().nullable(),
  /** quote: amount including VAT, in cents. */
  amountCents: z.number().nullable(),
  /** answered call: from answer to hang-up. */
  durationSeconds: z.number().nullable(),
  /** call: why it ended as recorded (no_answer, caller_cancelled, busy…, or a PBX's own text). */
  endReason: z.string().nullable(),
  /** note, e-mail, ticket description, intervention report: on one line, cut at 200 characters. */
  excerpt: z.string().nullable(),
  /**
   * How it reached us: a ticket opened on the phone, from an e-mail or on the portal; a survey
   * answer (a note) by the channel its link went by; calls, e-mails, SMS, WhatsApp by themselves.
   */
  origin: HistoryOrigin.nullable().optional(),
});
export type InteractionFacts = z.infer<typeof InteractionFacts>;

export const Interaction = z.object({
  id: Id,
  kind: InteractionKind,
  at: IsoDate,
  title: z.string(),
  summary: z.string().nullable(),
  /** For calls: in/out and outcome; for tickets, quotes, interventions: their status. */
  status: z.string().nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  facts: InteractionFacts.optional(),
});
export type Interaction = z.infer<typeof Interaction>;

export const TicketStatus = z.enum(['nouveau', 'en_cours', 'en_attente', 'resolu', 'ferme']);
export const TicketPriority = z.enum(['basse', 'normale', 'haute', 'urgente']);
export const TicketCategory = z.enum([
  'depannage',
  'demande_devis',
  'rdv_intervention',
  'reclamation',
  'facturation',
  'autre',
]);
export const Ticket = z.object({
  id: Id,
  subject: z.string(),
  description: z.string().nullable(),
  status: TicketStatus,
  priority: TicketPriority,
  category: TicketCategory,
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Ticket = z.infer<typeof Ticket>;

export const QuoteStatus = z.enum(['brouillon', 'envoye', 'accepte', 'refuse', 'expire']);
/** A devis: in HubSpot, a deal used as a quote. */
export const Quote = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  amountCents: z.number().int(),
  status: QuoteStatus,
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  siteAddress: z.string().nullable(),
  createdAt: IsoDate,
  sentAt: IsoDate.nullable(),
  validUntil: IsoDate.nullable(),
});
export type Quote = z.infer<typeof Quote>;

export const InterventionStatus = z.enum(['planifiee', 'en_cours', 'terminee', 'annulee']);
/** A technician's visit on a site (chantier). */
export const Intervention = z.object({
  id: Id,
  kind: z.string(),
  status: InterventionStatus,
  scheduledAt: IsoDate,
  technician: z.string().nullable(),
  siteAddress: z.string().nullable(),
  report: z.string().nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
});
export type Intervention = z.infer<typeof Intervention>;

/** Where a template is sent: an e-mail (with a subject), an SMS, a WhatsApp message. */
export const TemplateChannel = z.enum(['email', 'sms', 'whatsapp']);
export type TemplateChannel = z.infer<typeof TemplateChannel>;

export const Template = z.object({
  id: Id,
  name: z.string(),
  category: z.string(),
  /** Empty for SMS and WhatsApp. */
  subject: z.string(),
  body: z.string(),
  channel: TemplateChannel.default('email'),
  /**
   * WhatsApp: the template approved by Meta it sends; the body is Meta's text with each parameter
   * ({{1}}, {{2}}…) replaced by the merge field that fills it, in order.
   */
  whatsapp: z.object({ name: z.string(), language: z.string() }).nullable().default(null),
});
export type Template = z.infer<typeof Template>;

/**
 * A caller number as the pop shows it. `e164` is null when the number is withheld or could not
 * be parsed; `display` is what Claire reads (national format for French numbers).
 */
export const CallerNumber = z.object({
  raw: z.string(),
  e164: z.string().nullable(),
  display: z.string(),
  kind: z.enum(['mobile', 'fixe', 'international', 'interne', 'special', 'masque', 'invalide']),
});
export type CallerNumber = z.infer<typeof CallerNumber>;

/** Why a record was proposed for a number: its own line, or the company's switchboard. */
export const MatchReason = z.enum(['contact', 'standard', 'company']);
export const CallerMatch = z.object({
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  label: z.string(),
  companyName: z.string().nullable(),
  reason: MatchReason,
  phoneKind: PhoneKind,
  lastInteractionAt: IsoDate.nullable(),
});
export type CallerMatch = z.infer<typeof CallerMatch>;

/** Everything the pop or a record view shows about one contact or one company. */
export const RecordCard = z.object({
  contact: Contact.nullable(),
  company: Company.nullable(),
  /** Colleagues at the same company (for a switchboard call, who might be calling). */
  companyContacts: z.array(Contact),
  recent: z.array(Interaction),
  openTickets: z.array(Ticket),
  openQuotes: z.array(Quote),
  interventions: z.array(Intervention),
  suggestedTemplates: z.array(Template),
});
export type RecordCard = z.infer<typeof RecordCard>;

export const ScreenPop = z.object({
  number: CallerNumber,
  /** Ranked: most recent interaction first. Empty means a new caller. */
  matches: z.array(CallerMatch),
  /** The card of matches[0], so the pop needs one round trip; null for a new caller. */
  card: RecordCard.nullable(),
});
export type ScreenPop = z.infer<typeof ScreenPop>;

export const SearchHit = z.object({
  type: z.enum(['contact', 'company']),
  id: Id,
  label: z.string(),
  detail: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** One page of what a search finds; `total` counts every record found, so the list can say it is cut. */
export const SearchPage = z.object({
  hits: z.array(SearchHit),
  total: z.number().int().min(0),
});
export type SearchPage = z.infer<typeof SearchPage>;

export const CallDirection = z.enum(['inbound', 'outbound']);
/**
 * Where a call is in its life. `ringing` then one of: `answered` (then `ended`), `missed`,
 * `answered_elsewhere`, `failed`.
 */
export const CallState = z.enum(['ringing', 'answered', 'ended', 'missed', 'answered_elsewhere', 'failed']);
export type CallState = z.infer<typeof CallState>;

export const CallRecord = z.object({
  id: Id,
  direction: CallDirection,
  state: CallState,
  fromRaw: z.string(),
  fromE164: z.string().nullable(),
  fromDisplay: z.string(),
  callerName: z.string().nullable(),
  toRaw: z.string(),
  /** The called number as shown (outbound calls), in the format of `fromDisplay`. */
  toDisplay: z.string(),
  ringAt: IsoDate,
  answerAt: IsoDate.nullable(),
  endAt: IsoDate.nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  /** Label of the record the call was attached to, for the list (no second query). */
  matchLabel: z.string().nullable(),
  endReason: z.string().nullable(),
  /** « Simuler un appel »: rang the console without a PBX; never sent to the CRM. */
  simulated: z.boolean().optional(),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const RegistrationState = z.enum([
  'unconfigured',
  'connecting',
  'registered',
  'unregistered',
  'failed',
]);
export type RegistrationState = z.infer<typeof RegistrationState>;

export const TelephonyStatus = z.object({
  state: RegistrationState,
  /** sip: URI of the agent's line, when configured. */
  aor: z.string().nullable(),
  server: z.string().nullable(),
  /** Plain-language reason for the last failure, for the status bar. */
  detail: z.string().nullable(),
  nextRetryAt: IsoDate.nullable(),
  since: IsoDate,
});
export type TelephonyStatus = z.infer<typeof TelephonyStatus>;

export const Locale = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof Locale>;

export const SipSettings = z.object({
  wsUrl: z.string().max(500),
  uri: z.string().max(500),
  user: z.string().max(200),
  displayName: z.string().max(200),
  /** Never sent to the renderer: it only learns whether one is stored. */
  hasPassword: z.boolean(),
});
export type SipSettings = z.infer<typeof SipSettings>;

export const Settings = z.object({
  locale: Locale,
  sip: SipSettings,
  /** True when values come from ACCUEIL_* environment variables and override the screen. */
  sipFromEnvironment: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'web']),
  workspace: z.enum(['demo', 'crm']),
  dataDir: z.string(),
  locale: Locale,
  /** What this connection may do: wallboard tokens are read-only. */
  access: z.enum(['agent', 'read-only', 'supervisor', 'admin', 'technician']),
});
export type AppInfo = z.infer<typeof AppInfo>;
