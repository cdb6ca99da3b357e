/**
 * MailIntake: one raw message from the mailbox becomes, exactly once, a new ticket, a message on
 * an existing ticket's thread, or an ignored row (automatic mail). The order of a message's life:
 *
 *   parsed ──► already known by Message-ID? ──► yes: only the checkpoint moves
 *      │
 *      ├─► automatic (auto-reply, bounce, list…) ──► ignored row + checkpoint        (one transaction)
 *      ├─► answers a thread / names a ticket     ──► message row (+ reopen) + checkpoint
 *      └─► otherwise                              ──► ticket (+ HubSpot outbox) + message row + checkpoint
 *
 * Attachment files are written before the transaction (content-addressed, so writing one again
 * after a crash is harmless); everything else of a message is one SQLite transaction with the
 * mailbox checkpoint, so a kill -9 anywhere leaves the message wholly processed or not at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { AccueilStore } from '../store';
import type { OutboxPort } from '../crm/outbox-port';
import type { TicketDesk } from '../work/tickets/ticket-desk';
import { ticketReference } from '../shared/merge-fields';
import { automaticMailReason, headerMap, type AutomaticReason } from './mail-classifier';
import { answeredIds, bareMessageId, messageIdsIn, ticketReferenceIn } from './mail-threading';
import { MailboxRepository, type AttachmentRow } from './mailbox-repository';
import { displayFileName, type AttachmentStore } from './attachment-store';
import type { DocumentLibrary } from '../documents/document-library';

/** Where a message sits in the mailbox: the checkpoint moves to it with its rows. */
export interface MailboxPosition {
  mailbox: string;
  uidValidity: string;
  uid: number;
}

export type IntakeOutcome =
  | { state: 'opened'; ticketId: string; messageId: string }
  | { state: 'threaded'; ticketId: string; messageId: string }
  | { state: 'ignored'; reason: AutomaticReason | 'unreadable'; messageId: string }
  | { state: 'duplicate'; ticketId: string | null; messageId: string };

export type TicketOpening = Pick<TicketDesk, 'insert' | 'reopen' | 'announce'>;

export interface MailIntakeOptions {
  store: AccueilStore;
  tickets: () => TicketOpening;
  /** The CRM outbox: a customer's e-mail goes to the contact's history in HubSpot too. */
  outbox: () => OutboxPort;
  attachments: AttachmentStore;
  /** The documents area: each attachment also becomes a document of the ticket (refused ones stay attachments only). */
  documents?: () => Pick<DocumentLibrary, 'add'>;
  /** Addresses of Accueil itself (the mailbox, the sender of its e-mails): mail from them is not a request. */
  ownAddresses: () => string[];
  events: EventBus;
  logger: Logger;
}

/** A ticket's description and a message's text are kept up to this many characters. */
const BODY_LIMIT = 20_000;
const SUBJECT_LIMIT = 300;

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const entry of group.value) {
      const address = entry.address?.trim().toLowerCase();
      if (address && address.includes('@')) return { address, name: entry.name?.trim() || null };
    }
  }
  return null;
}

function allAddresses(value: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .flatMap((group) => group.value.map((entry) => entry.address?.trim().toLowerCase() ?? ''))
    .filter(Boolean)
    .join(', ')
    .slice(0, 2_000);
}

function validDate(date: Date | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

export class MailIntake {
  private readonly repository: MailboxRepository;

  constructor(private readonly options: MailIntakeOptions) {
    this.repository = options.store.repository(MailboxRepository);
  }

  async ingest(raw: Buffer, position: MailboxPosition | null): Promise<IntakeOutcome> {
    let parsed: ParsedMail | null = null;
    try {
      parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2_000_000 });
    } catch (error) {
      this.options.logger.warn('unreadable e-mail kept aside', { uid: position?.uid ?? null, error: String(error) });
    }
    // A message without a Message-ID (rare, some scanners and scripts) is known by its bytes.
    const messageId = bareMessageId(parsed?.messageId) ?? `sha256-${createHash('sha256').update(raw).digest('hex')}@accueil.invalid`;
    const known = this.repository.byMessageId(messageId);
    if (known) {
      if (position) this.options.store.transaction(() => this.repository.advance(position.mailbox, position.uidValidity, position.uid));
      return { state: 'duplicate', ticketId: known.ticketId, messageId };
    }
    if (!parsed) return this.ignore(messageId, 'unreadable', null, position);

    const from = firstAddress(parsed.from);
    const reason = automaticMailReason({ headers: headerMap(parsed.headerLines), from: from?.address ?? null }, this.options.ownAddresses());
    if (reason !== null || from === null) return this.ignore(messageId, reason ?? 'no_sender', parsed, position);

    const contents: Buffer[] = [];
    const attachments: AttachmentRow[] = parsed.attachments.map((attachment, index) => {
      const content: Buffer = Buffer.isBuffer(attachment.content) ? attachment.content : Buffer.from(String(attachment.content ?? ''));
      contents.push(content);
      return {
        position: index,
        filename: displayFileName(attachment.filename, index),
        contentType: (attachment.contentType || 'application/octet-stream').slice(0, 200),
        size: content.length,
        sha256: this.options.attachments.keep(content),
      };
    });

    const subject = (parsed.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, SUBJECT_LIMIT);
    const body = (parsed.text ?? '').replace(/\r\n/g, '\n').trim().slice(0, BODY_LIMIT);
    const replyTo = firstAddress(parsed.replyTo);
    const references = messageIdsIn(parsed.references);
    const inReplyTo = bareMessageId(parsed.inReplyTo);
    const author = from.name ? `${from.name} <${from.address}>` : from.address;
    const { store } = this.options;
    const tickets = this.options.tickets();

    const outcome = store.transaction((): IntakeOutcome => {
      const again = this.repository.byMessageId(messageId);
      if (again) {
        if (position) this.repository.advance(position.mailbox, position.uidValidity, position.uid);
        return { state: 'duplicate', ticketId: again.ticketId, messageId };
      }
      const owner = this.repository.ownerOfAddress(from.address);
      const hex = ticketReferenceIn(subject);
      let ticketId = this.repository.ticketAnswered(answeredIds(inReplyTo, references)) ?? (hex ? this.repository.ticketByReference(hex) : null);
      const state = ticketId ? 'threaded' : 'opened';
      if (ticketId) {
        tickets.reopen(ticketId, author);
      } else {
        ticketId = tickets.insert(
          {
            subject: subject || `E-mail de ${from.name ?? from.address}`.slice(0, SUBJECT_LIMIT),
            description: body || null,
            category: 'autre',
            priority: 'normale',
            status: 'nouveau',
            contactId: owner?.contactId ?? null,
            companyId: owner?.companyId ?? null,
            siteAddress: null,
            callId: null,
          },
          author,
        );
        this.repository.setThreadSender(ticketId, { address: replyTo?.address ?? from.address, name: from.name });
      }
      const rowId = randomUUID();
      this.repository.insertMessage({
        id: rowId,
        messageId,
        direction: 'in',
        ticketId,
        state,
        ignoredReason: null,
        fromAddress: from.address,
        fromName: from.name,
        toAddresses: allAddresses(parsed.to),
        subject,
        body,
        inReplyTo,
        references,
        writtenAt: validDate(parsed.date),
        author: null,
        templateId: null,
        error: null,
        position,
      });
      this.repository.addAttachments(rowId, attachments);
      this.keepAsDocuments(ticketId, messageId, attachments, contents, author);
      // The customer's own history (and HubSpot's) shows what they wrote, as it shows Claire's e-mails.
      if (owner) {
        const emailId = store.history.addEmail({
          contactId: owner.contactId,
          companyId: owner.companyId,
          direction: 'in',
          fromAddress: from.address,
          toAddress: allAddresses(parsed.to) || null,
          subject: subject || '(sans objet)',
          body,
          ...(validDate(parsed.date) ? { sentAt: validDate(parsed.date)! } : {}),
        });
        this.options.outbox().enqueue({ kind: 'email', localId: emailId, op: 'create' });
      }
      if (position) this.repository.advance(position.mailbox, position.uidValidity, position.uid);
      return { state, ticketId, messageId };
    });

    if (outcome.state === 'opened' || outcome.state === 'threaded') {
      tickets.announce(outcome.ticketId);
      this.options.events.emit('mailbox.threadChanged', { ticketId: outcome.ticketId });
      this.options.logger.info(outcome.state === 'opened' ? 'e-mail opened a ticket' : 'e-mail added to a ticket', {
        ticket: ticketReference(outcome.ticketId),
        attachments: attachments.length,
        uid: position?.uid ?? null,
      });
    }
    return outcome;
  }

  /**
   * Each attachment as a document of the ticket, in the message's transaction (idempotent by the
   * message and the position: a message read again adds nothing). A file the documents area
   * refuses (an executable, a web page, a zip bomb) stays a listed attachment, never a document.
   */
  private keepAsDocuments(ticketId: string, messageId: string, attachments: readonly AttachmentRow[], contents: readonly Buffer[], author: string): void {
    const documents = this.options.documents?.();
    if (!documents) return;
    attachments.forEach((attachment, index) => {
      try {
        documents.add({
          bytes: contents[index]!,
          name: attachment.filename,
          links: { ticketId },
          addedBy: { kind: 'mail', name: author.slice(0, 200) },
          sourceKey: `mail:${messageId}:${attachment.position}`,
        });
      } catch (error) {
        // Refused (logged by the documents area with its reason) or unreadable: the e-mail still counts.
        this.options.logger.info('e-mail attachment not kept as a document', { ticket: ticketReference(ticketId), position: attachment.position, reason: (error as { reason?: string }).reason ?? String(error) });
      }
    });
  }

  private ignore(messageId: string, reason: AutomaticReason | 'unreadable', parsed: ParsedMail | null, position: MailboxPosition | null): IntakeOutcome {
    const from = parsed ? firstAddress(parsed.from) : null;
    this.options.store.transaction(() => {
      if (!this.repository.byMessageId(messageId)) {
        this.repository.insertMessage({
          id: randomUUID(),
          messageId,
          direction: 'in',
          ticketId: null,
          state: 'ignored',
          ignoredReason: reason,
          fromAddress: from?.address ?? null,
          fromName: from?.name ?? null,
          toAddresses: parsed ? allAddresses(parsed.to) : '',
          subject: (parsed?.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, SUBJECT_LIMIT),
          // An automatic message's text is not kept: nobody reads it, and bounces quote whole messages.
          body: '',
          inReplyTo: bareMessageId(parsed?.inReplyTo),
          references: messageIdsIn(parsed?.references),
          writtenAt: validDate(parsed?.date),
          author: null,
          templateId: null,
          error: null,
          position,
        });
      }
      if (position) this.repository.advance(position.mailbox, position.uidValidity, position.uid);
    });
    this.options.logger.info('automatic e-mail ignored', { reason, uid: position?.uid ?? null });
    return { state: 'ignored', reason, messageId };
  }
}
