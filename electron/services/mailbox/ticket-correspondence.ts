/**
 * TicketCorrespondence: the e-mails of a ticket as Claire reads them (in order, attachments listed)
 * and her answer from the ticket. A reply starts from a template merged for the ticket's customer,
 * goes to the address that wrote (else the contact's), and carries the thread's headers —
 * In-Reply-To the last customer message, References the chain — and the ticket reference in its
 * subject, so the customer's mail client threads it and their answer comes back to this ticket.
 * A reply is a person's mail: it carries no Auto-Submitted header (RFC 3834 keeps that for
 * automatic mail, which auto-responders then decline to answer).
 *
 * Sending: the message is recorded « sending » first, then handed to SMTP, then, in one
 * transaction, marked sent, written to the customer's history and queued for HubSpot. A failure
 * marks it « failed » with the reason, on the thread, and Claire can send again.
 */
import { randomUUID } from 'node:crypto';
import type { MailThread, ReplyDraft, ThreadMessage } from '../../contract/mailbox-calls';
import type { EmailPreview } from '../../contract/template-calls';
import { ServiceError } from '../../contract/envelope';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { AccueilStore } from '../store';
import type { OutboxPort } from '../crm/outbox-port';
import type { ComposeInput, MailSending } from '../templates/email-composer';
import { fieldsIn, htmlFromText } from '../shared/merge-engine';
import { ticketReference } from '../shared/merge-fields';
import { replyReferences, replySubject } from './mail-threading';
import { MailboxRepository, TicketMailRepository, type MailMessageRow, type AttachmentRow } from './mailbox-repository';

export interface TicketCorrespondenceOptions {
  store: AccueilStore;
  mail: () => MailSending;
  preview: () => (input: ComposeInput) => EmailPreview;
  outbox: () => OutboxPort;
  events: EventBus;
  logger: Logger;
  clock: () => Date;
  /** Claire's name, kept on her replies. */
  author: () => string | null;
}

const ONE_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

function toThreadMessage(row: MailMessageRow & { attachments: AttachmentRow[] }): ThreadMessage {
  return {
    id: row.id,
    direction: row.direction,
    state: row.state === 'ignored' ? 'threaded' : row.state,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
    to: row.toAddresses,
    subject: row.subject,
    body: row.body,
    writtenAt: row.writtenAt,
    recordedAt: row.recordedAt,
    author: row.author,
    error: row.error,
    attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
  };
}

export class TicketCorrespondence {
  private readonly messages: MailboxRepository;
  private readonly tickets: TicketMailRepository;

  constructor(private readonly options: TicketCorrespondenceOptions) {
    this.messages = options.store.repository(MailboxRepository);
    this.tickets = options.store.repository(TicketMailRepository);
  }

  thread(ticketId: string): MailThread {
    const ticket = this.ticketOrThrow(ticketId);
    const sender = this.messages.threadSender(ticketId);
    return {
      ticketId,
      messages: this.messages.thread(ticketId).map(toThreadMessage),
      replyTo: this.replyAddress(ticketId),
      newContact: sender && ticket.contactId === null && ticket.companyId === null ? { name: sender.name, address: sender.address } : null,
    };
  }

  /** A reply merged from a template for this ticket's customer (fields without a value stay {{…}}). */
  replyDraft(ticketId: string, templateId: string | null): ReplyDraft {
    const ticket = this.ticketOrThrow(ticketId);
    const to = this.replyAddress(ticketId);
    const subject = replySubject(this.lastCustomerMessage(ticketId)?.subject || ticket.subject, ticketReference(ticketId));
    if (templateId === null) return { to, subject, body: '', missing: [] };
    const preview = this.options.preview()({
      templateId,
      contactId: ticket.contactId,
      companyId: ticket.companyId,
      ticketId,
      ...(to ? { to } : {}),
      values: {},
    });
    return { to, subject, body: preview.text, missing: preview.missing.map((m) => m.key) };
  }

  async reply(input: { ticketId: string; subject: string; body: string; templateId: string | null }): Promise<ThreadMessage> {
    const ticket = this.ticketOrThrow(input.ticketId);
    const to = this.replyAddress(input.ticketId);
    if (!to || !ONE_ADDRESS.test(to)) throw new ServiceError('bad_request', { reason: 'mailbox.no_address' });
    if (/[\r\n]/.test(input.subject)) throw new ServiceError('bad_request', { reason: 'mail.subject_one_line' });
    const unfilled = fieldsIn(`${input.subject}\n${input.body}`);
    if (unfilled.length > 0) throw new ServiceError('bad_request', { reason: 'mailbox.unfilled_fields', params: { fields: unfilled.map((f) => `{{${f}}}`).join(', ') } });
    const mail = this.options.mail();
    const unavailable = mail.unavailable();
    if (unavailable) throw new ServiceError('unavailable', unavailable);

    const parent = this.lastCustomerMessage(input.ticketId) ?? this.messages.thread(input.ticketId).at(-1) ?? null;
    const references = parent ? replyReferences(parent.references, parent.messageId) : [];
    const fromAddress = mail.fromAddress();
    const domain = /@([^@\s>]+)$/.exec(fromAddress)?.[1] ?? 'accueil.invalid';
    const messageId = `${randomUUID()}@${domain}`;
    const rowId = randomUUID();
    const author = this.options.author();
    this.messages.insertMessage({
      id: rowId,
      messageId,
      direction: 'out',
      ticketId: ticket.id,
      state: 'sending',
      ignoredReason: null,
      fromAddress,
      fromName: author,
      toAddresses: to,
      subject: input.subject,
      body: input.body,
      inReplyTo: parent?.messageId ?? null,
      references,
      writtenAt: this.options.clock().toISOString(),
      recordedAt: this.options.clock().toISOString(),
      author,
      templateId: input.templateId,
      error: null,
    });
    const headers: Record<string, string> = { 'Message-ID': `<${messageId}>` };
    if (parent) {
      headers['In-Reply-To'] = `<${parent.messageId}>`;
      headers['References'] = references.map((id) => `<${id}>`).join(' ');
    }
    try {
      await mail.send({ to, subject: input.subject, text: input.body, html: htmlFromText(input.body, input.subject), headers });
    } catch (error) {
      const message = error instanceof ServiceError ? error.message : 'Échec de l’envoi (erreur interne, voir le journal).';
      this.messages.settleOutgoing(rowId, { state: 'failed', error: message, writtenAt: this.options.clock().toISOString() });
      this.options.events.emit('mailbox.threadChanged', { ticketId: ticket.id });
      throw error;
    }
    const sentAt = this.options.clock().toISOString();
    this.options.store.transaction(() => {
      this.messages.settleOutgoing(rowId, { state: 'sent', error: null, writtenAt: sentAt });
      if (ticket.contactId !== null || ticket.companyId !== null) {
        const emailId = this.options.store.history.addEmail({
          contactId: ticket.contactId,
          companyId: ticket.companyId,
          direction: 'out',
          fromAddress,
          toAddress: to,
          subject: input.subject,
          body: input.body,
          templateId: input.templateId && this.options.store.templates.get(input.templateId) ? input.templateId : null,
          sentAt,
        });
        this.options.outbox().enqueue({ kind: 'email', localId: emailId, op: 'create' });
      }
    });
    this.options.events.emit('mailbox.threadChanged', { ticketId: ticket.id });
    if (ticket.contactId || ticket.companyId) {
      this.options.events.emit('directory.changed', { contactIds: ticket.contactId ? [ticket.contactId] : [], companyIds: ticket.companyId ? [ticket.companyId] : [] });
    }
    this.options.logger.info('reply sent from a ticket', { ticket: ticketReference(ticket.id) });
    const sent = this.messages.thread(ticket.id).find((m) => m.id === rowId)!;
    return toThreadMessage(sent);
  }

  private ticketOrThrow(ticketId: string) {
    const ticket = this.tickets.ticket(ticketId);
    if (!ticket) throw new ServiceError('not_found', { reason: 'mailbox.ticket_not_found' });
    return ticket;
  }

  private lastCustomerMessage(ticketId: string): MailMessageRow | null {
    return this.messages.thread(ticketId).filter((m) => m.direction === 'in').at(-1) ?? null;
  }

  /** The thread's sender (who wrote, or their Reply-To), else the contact's, else the company's address. */
  private replyAddress(ticketId: string): string | null {
    const ticket = this.tickets.ticket(ticketId);
    return this.messages.threadSender(ticketId)?.address ?? ticket?.contactEmail?.trim() ?? ticket?.companyEmail?.trim() ?? null;
  }
}
