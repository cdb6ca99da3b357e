/**
 * The composer behind "Envoyer un modèle": turns a draft (template text + the caller's records) into
 * a preview, and sends it.
 *
 * Which devis, intervention or ticket a template speaks of is chosen by its purpose when Claire has
 * not picked one: a relance takes the oldest devis sent and unanswered, a confirmation the next planned
 * visit, a compte-rendu or a demande d'avis the last finished one, a suivi the most urgent open ticket.
 *
 * Sending, in order: the draft is saved; the merge is checked (no empty or unknown field, a one-line
 * subject, one valid recipient); the message goes out over SMTP; then, in one transaction, the e-mail
 * is written to the history, queued for HubSpot and the draft removed. A failure at any step leaves
 * the draft in place with the reason, in French.
 */
import type { Company, Contact, Intervention, Quote, ReasonedText, Template, Ticket } from '../../contract/model';
import type { EmailDraft, EmailPreview, MergeSegment, SentEmail } from '../../contract/template-calls';
import { ServiceError } from '../../contract/envelope';
import { errorSentence, reasonAndParams, type Explanation } from '../../contract/error-catalog';
import type { AccueilStore, RecordOwner } from '../store';
import type { EmailDraftRow } from '../store/templates-repository';
import type { OutboxPort } from '../crm/outbox-port';
import { fieldsIn, htmlFromText, mergeText, type Segment } from '../shared/merge-engine';
import { frenchLongDate, frenchTime, mergeValues, ticketReference, type SenderIdentity } from '../shared/merge-fields';
import type { TemplateLibrary } from './template-library';

export interface ComposeInput {
  draftId?: string | undefined;
  templateId: string | null;
  contactId: string | null;
  companyId: string | null;
  quoteId?: string | null | undefined;
  interventionId?: string | null | undefined;
  ticketId?: string | null | undefined;
  to?: string | undefined;
  subject?: string | undefined;
  body?: string | undefined;
  values: Record<string, string>;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers of an automatic message (Auto-Submitted, List-Unsubscribe…). */
  headers?: Record<string, string>;
  /** A calendar invitation (RFC 5545): sent as a text/calendar alternative with its method, and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** Files sent along (an intervention report PDF). */
  attachments?: readonly { filename: string; contentType: string; content: Uint8Array }[];
}

/** What the composer needs from the mail side (services/mail/smtp-sender.ts). */
export interface MailSending {
  /** Null when sending is possible, else why not. */
  unavailable(): Explanation | null;
  fromAddress(): string;
  send(message: OutgoingMessage): Promise<{ messageId: string | null }>;
}

interface ResolvedContext {
  contact: Contact | null;
  company: Company | null;
  quotes: Quote[];
  interventions: Intervention[];
  tickets: Ticket[];
  quote: Quote | null;
  intervention: Intervention | null;
  ticket: Ticket | null;
}

const PAST_VISIT_PURPOSES = new Set(['compte_rendu', 'demande_avis', 'absence', 'attestation', 'facture', 'relance_facture']);
const CRLF = /[\r\n]/;
/**
 * One address, as a person types it; no display name, no list: the composer sends to one customer.
 * The domain needs a dot that is neither its first nor its last character. Written as
 * `[^…]+\.[^…]+$`, where both sides may hold dots, a domain of dots ("a@....") made the engine try
 * every dot as the separator; here the part before the separator holds no dot, so each character is
 * read once.
 */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"][^\s@<>()[\]\\,;:".]*\.[^\s@<>()[\]\\,;:"]+$/;

/** True for one plain e-mail address (nom@exemple.fr); longer than 320 characters is never one. */
export function isOneAddress(text: string): boolean {
  return text.length <= 320 && ADDRESS.test(text);
}

const toSegments = (segments: Segment[]): MergeSegment[] =>
  segments.map((s) => (s.field === null ? { text: s.text, field: null, state: 'text' as const } : { text: s.text, field: s.field, state: s.state }));

/** Refuses a recipient that is not exactly one address, and says why in French. */
export function checkRecipient(to: string): string {
  if (CRLF.test(to)) throw new ServiceError('bad_request', { reason: 'email.recipient_multiline' });
  const address = to.trim();
  if (address === '') throw new ServiceError('bad_request', { reason: 'email.recipient_missing' });
  if (!isOneAddress(address)) {
    throw new ServiceError('bad_request', { reason: 'email.recipient_invalid', params: { address: address.slice(0, 80) } });
  }
  return address;
}

export class EmailComposer {
  constructor(
    private readonly store: AccueilStore,
    private readonly library: TemplateLibrary,
    private readonly sender: () => SenderIdentity,
    private readonly mail: MailSending,
    private readonly outbox: OutboxPort,
    private readonly now: () => Date = () => new Date(),
  ) {}

  preview(input: ComposeInput): EmailPreview {
    const template = input.templateId ? this.library.get(input.templateId) : null;
    const context = this.resolve(input, template);
    const draft = this.fill(input, template, context);
    const values = this.values(context, draft.values);
    const subject = mergeText(draft.subject, values, 'subject');
    const body = mergeText(draft.body, values, 'body');
    const missing = [...subject.missing];
    for (const field of body.missing) if (!missing.some((m) => m.key === field.key)) missing.push(field);
    const blockers: ReasonedText[] = [];
    const block = (explanation: Explanation) => {
      const { reason, params } = reasonAndParams(explanation);
      blockers.push({ reason, params, message: errorSentence('fr', reason, params) });
    };
    if (draft.to.trim() === '') block({ reason: 'email.recipient_no_address' });
    const unavailable = this.mail.unavailable();
    if (unavailable) block(unavailable);
    return {
      draft,
      subject: subject.text,
      text: body.text,
      subjectSegments: toSegments(subject.segments),
      bodySegments: toSegments(body.segments),
      missing,
      choices: {
        quotes: context.quotes.map((q) => ({ id: q.id, label: `${q.number} · ${q.title}` })),
        interventions: context.interventions.map((v) => {
          const when = new Date(v.scheduledAt);
          const date = Number.isNaN(when.getTime()) ? v.scheduledAt : `${frenchLongDate(when)} ${frenchTime(when)}`;
          return { id: v.id, label: `${v.kind} · ${date}${v.technician ? ` · ${v.technician}` : ''}`, kind: v.kind, at: v.scheduledAt, technician: v.technician };
        }),
        tickets: context.tickets.map((t) => ({ id: t.id, label: `${ticketReference(t.id)} · ${t.subject}` })),
      },
      blockers,
    };
  }

  listDrafts(): EmailDraft[] {
    return this.store.templates.listDrafts().map((row) => this.draftFromRow(row));
  }

  saveDraft(input: ComposeInput & { draftId: string }, lastError: string | null = null): EmailDraft {
    let row: Omit<EmailDraftRow, 'createdAt' | 'updatedAt'>;
    try {
      row = this.rowFrom(this.preview(input).draft, input.draftId);
    } catch {
      // The template or a record vanished (deleted, synced away): keep the text as Claire left it.
      row = {
        id: input.draftId,
        templateId: input.templateId,
        contactId: input.contactId,
        companyId: input.companyId,
        quoteId: input.quoteId ?? null,
        interventionId: input.interventionId ?? null,
        ticketId: input.ticketId ?? null,
        to: input.to ?? '',
        subject: input.subject ?? '',
        body: input.body ?? '',
        values: input.values,
        lastError: null,
      };
    }
    return this.draftFromRow(this.store.templates.saveDraft({ ...row, lastError }));
  }

  discardDraft(draftId: string): void {
    this.store.templates.deleteDraft(draftId);
  }

  async send(input: ComposeInput & { draftId: string }): Promise<SentEmail> {
    // Saved first: whatever happens next, the text Claire wrote is on disk.
    this.saveDraft(input);
    try {
      return await this.attempt(input);
    } catch (error) {
      const message = error instanceof ServiceError ? error.message : 'Échec de l’envoi (erreur interne, voir le journal).';
      this.saveDraft(input, message);
      throw error;
    }
  }

  private async attempt(input: ComposeInput & { draftId: string }): Promise<SentEmail> {
    const preview = this.preview(input);
    const { draft } = preview;
    if (CRLF.test(draft.subject)) throw new ServiceError('bad_request', { reason: 'mail.subject_one_line' });
    const to = checkRecipient(draft.to);
    if (preview.missing.length > 0) {
      const list = preview.missing.map((m) => `{{${m.key}}}${m.label ? ` (${m.label.toLowerCase()})` : m.reason === 'unknown' ? ' (champ inconnu)' : ''}`);
      const fields = list.join(', ');
      throw new ServiceError(
        'bad_request',
        preview.missing.length === 1 ? { reason: 'email.field_missing', params: { fields } } : { reason: 'email.fields_missing', params: { count: preview.missing.length, fields } },
      );
    }
    const subject = preview.subject.trim();
    if (subject === '') throw new ServiceError('bad_request', { reason: 'email.subject_empty' });
    if (preview.text.trim() === '') throw new ServiceError('bad_request', { reason: 'email.body_empty' });
    const unavailable = this.mail.unavailable();
    if (unavailable) throw new ServiceError('unavailable', unavailable);

    const { messageId } = await this.mail.send({ to, subject, text: preview.text, html: htmlFromText(preview.text, subject) });

    const sentAt = this.now().toISOString();
    const emailId = this.store.transaction(() => {
      const id = this.store.history.addEmail({
        contactId: draft.contactId,
        companyId: draft.companyId,
        direction: 'out',
        fromAddress: this.mail.fromAddress(),
        toAddress: to,
        subject,
        body: preview.text,
        templateId: draft.templateId && this.store.templates.get(draft.templateId) ? draft.templateId : null,
        sentAt,
      });
      this.outbox.enqueue({ kind: 'email', localId: id, op: 'create' });
      this.store.templates.deleteDraft(input.draftId);
      return id;
    });
    return { emailId, sentAt, to, subject, messageId };
  }

  private values(context: ResolvedContext, typed: Record<string, string>): Record<string, string> {
    const values = mergeValues({ ...context, sender: this.sender(), now: this.now() });
    // What Claire typed fills a gap; it never replaces a value the CRM has.
    for (const [key, value] of Object.entries(typed)) {
      if (key in values && values[key] === '' && value.trim() !== '') values[key] = value;
    }
    return values;
  }

  private resolve(input: ComposeInput, template: Template | null): ResolvedContext {
    const contact = input.contactId ? this.store.contacts.get(input.contactId) : null;
    if (input.contactId && !contact) throw new ServiceError('not_found', { reason: 'contact.not_found_deleted' });
    const companyId = input.companyId ?? contact?.companyId ?? null;
    const company = companyId ? this.store.companies.get(companyId) : null;
    const owner: RecordOwner | null = contact ? { kind: 'contact', id: contact.id } : company ? { kind: 'company', id: company.id } : null;
    const now = this.now();
    const quotes = owner ? this.store.quotes.openFor(owner) : [];
    // A devis named by the caller counts even when no longer open (the « devis accepté » acknowledgement), if it is this customer's.
    const named = input.quoteId && !quotes.some((q) => q.id === input.quoteId) ? this.store.quotes.get(input.quoteId) : null;
    if (named && ((contact && named.contactId === contact.id) || (companyId && named.companyId === companyId))) quotes.unshift(named);
    const interventions = owner ? this.store.interventions.aroundNow(owner, now) : [];
    const tickets = owner ? this.store.tickets.openFor(owner) : [];
    const purpose = template?.category ?? '';
    const pick = <T extends { id: string }>(list: T[], id: string | null | undefined, fallback: () => T | null): T | null => {
      if (id === null) return null;
      if (id !== undefined) return list.find((item) => item.id === id) ?? null;
      return fallback();
    };
    const quote = pick(quotes, input.quoteId, () => {
      const sent = quotes.filter((q) => q.status === 'envoye').sort((a, b) => (a.sentAt ?? '').localeCompare(b.sentAt ?? ''));
      return purpose.startsWith('relance_devis') ? (sent[0] ?? quotes[0] ?? null) : (quotes[0] ?? null);
    });
    const intervention = pick(interventions, input.interventionId, () => {
      const t = now.getTime();
      const upcoming = interventions
        .filter((v) => v.status === 'planifiee' && Date.parse(v.scheduledAt) >= t - 4 * 3_600_000)
        .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
      const finished = interventions.filter((v) => v.status === 'terminee').sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt));
      return PAST_VISIT_PURPOSES.has(purpose) ? (finished[0] ?? upcoming[0] ?? null) : (upcoming[0] ?? finished[0] ?? interventions[0] ?? null);
    });
    const ticket = pick(tickets, input.ticketId, () => tickets[0] ?? null);
    return { contact, company, quotes, interventions, tickets, quote, intervention, ticket };
  }

  private fill(input: ComposeInput, template: Template | null, context: ResolvedContext): EmailDraft {
    const stored = input.draftId ? this.store.templates.getDraft(input.draftId) : null;
    const subject = input.subject ?? template?.subject ?? '';
    const body = input.body ?? template?.body ?? '';
    // Typed values only for fields the text still uses: a value for a field Claire removed is dropped.
    const used = new Set(fieldsIn(`${subject}\n${body}`));
    const values = Object.fromEntries(Object.entries(input.values).filter(([key]) => used.has(key)));
    return {
      draftId: input.draftId ?? null,
      templateId: template?.id ?? null,
      contactId: context.contact?.id ?? null,
      companyId: context.company?.id ?? null,
      quoteId: context.quote?.id ?? null,
      interventionId: context.intervention?.id ?? null,
      ticketId: context.ticket?.id ?? null,
      to: input.to ?? context.contact?.email ?? context.company?.email ?? '',
      subject,
      body,
      values,
      lastError: stored?.lastError ?? null,
      updatedAt: stored?.updatedAt ?? null,
      recipientLabel: this.label(context.contact, context.company),
    };
  }

  private label(contact: Contact | null, company: Company | null): string | null {
    if (contact) return `${contact.firstName} ${contact.lastName}`.trim() || null;
    return company?.name ?? null;
  }

  private rowFrom(draft: EmailDraft, draftId: string): Omit<EmailDraftRow, 'createdAt' | 'updatedAt'> {
    return {
      id: draftId,
      templateId: draft.templateId,
      contactId: draft.contactId,
      companyId: draft.companyId,
      quoteId: draft.quoteId,
      interventionId: draft.interventionId,
      ticketId: draft.ticketId,
      to: draft.to,
      subject: draft.subject,
      body: draft.body,
      values: draft.values,
      lastError: null,
    };
  }

  private draftFromRow(row: EmailDraftRow): EmailDraft {
    const contact = row.contactId ? this.store.contacts.get(row.contactId) : null;
    const company = row.companyId ? this.store.companies.get(row.companyId) : null;
    return {
      draftId: row.id,
      templateId: row.templateId,
      contactId: row.contactId,
      companyId: row.companyId,
      quoteId: row.quoteId,
      interventionId: row.interventionId,
      ticketId: row.ticketId,
      to: row.to,
      subject: row.subject,
      body: row.body,
      values: row.values,
      lastError: row.lastError,
      updatedAt: row.updatedAt,
      recipientLabel: this.label(contact, company),
    };
  }
}
