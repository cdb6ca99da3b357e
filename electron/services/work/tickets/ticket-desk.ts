/**
 * TicketDesk: tickets opened from a call (prefilled with the caller, the company and the site
 * address), changed from the console, each change kept in the ticket's history. Local first; the
 * ticket is queued for HubSpot in the same transaction as the write.
 */
import type { Ticket } from '../../../contract/model';
import type { TicketDetail, TicketDraft } from '../../../contract/work-calls';
import { ServiceError } from '../../../contract/envelope';
import type { OutboxPort } from '../../crm/outbox-port';
import type { EventBus } from '../../event-bus';
import type { AccueilStore } from '../../store';
import type { TicketChange } from './ticket-desk-repository';
import type { CallWrapUp } from '../wrapup/call-wrap-up';
import { WrapUpRepository } from '../wrapup/wrap-up-repository';
import { TicketDeskRepository } from './ticket-desk-repository';
import { ticketReference } from '../../shared/merge-fields';

export interface NewTicketInput {
  subject: string;
  description: string | null;
  category: Ticket['category'];
  priority: Ticket['priority'];
  status: Ticket['status'];
  contactId: string | null;
  companyId: string | null;
  siteAddress: string | null;
  callId: string | null;
}

export interface TicketUpdateInput extends TicketChange {
  ticketId: string;
  callId: string | null;
  /** The changed fields as the editor last saw them (see tickets.update). */
  expected?: TicketChange | undefined;
}

export class TicketDesk {
  constructor(
    private readonly store: AccueilStore,
    private readonly wrapUp: CallWrapUp,
    private readonly outbox: OutboxPort,
    private readonly events: EventBus,
    private readonly author: () => string | null = () => null,
  ) {}

  /** The form's starting values for a ticket about this call. */
  draft(callId: string): TicketDraft {
    const call = this.store.calls.get(callId);
    if (!call) throw new ServiceError('not_found', { reason: 'call.not_found_deleted' });
    const owner = this.ownerOf(call.contactId, call.companyId);
    const who = owner.label ?? (call.direction === 'outbound' ? call.toRaw : call.fromDisplay);
    return {
      subject: `Appel de ${who}`.slice(0, 300),
      category: 'autre',
      priority: 'normale',
      contactId: call.contactId,
      companyId: call.companyId,
      ownerLabel: owner.label,
      siteAddress: owner.address,
      callId,
    };
  }

  create(input: NewTicketInput): TicketDetail {
    const id = this.store.transaction(() => this.insert(input, this.author()));
    this.announce(id);
    return this.get(id);
  }

  /**
   * Writes a new ticket, its « created » event and its place in the HubSpot outbox, in the caller's
   * transaction (another area opening a ticket from an e-mail writes its own rows beside it);
   * announce it once that transaction is committed.
   */
  insert(input: NewTicketInput, author: string | null): string {
    let contactId = input.contactId;
    let companyId = input.companyId;
    return this.store.transaction(() => {
      if (input.callId) {
        const call = this.store.calls.get(input.callId);
        if (!call) throw new ServiceError('not_found', { reason: 'call.not_found_deleted' });
        if (contactId === null && companyId === null) ({ contactId, companyId } = call);
      }
      const contact = contactId !== null ? this.store.contacts.get(contactId) : null;
      if (contactId !== null && !contact) throw new ServiceError('not_found', { reason: 'ticket.contact_not_found' });
      if (companyId !== null && !this.store.companies.get(companyId)) throw new ServiceError('not_found', { reason: 'ticket.company_not_found' });
      // A contact's ticket belongs to their company too, so the company card lists it.
      companyId ??= contact?.companyId ?? null;
      const ticketId = this.store.tickets.insert({
        subject: input.subject,
        description: input.description,
        status: input.status,
        priority: input.priority,
        category: input.category,
        contactId,
        companyId,
      });
      this.store.repository(TicketDeskRepository).setOrigin(ticketId, { siteAddress: input.siteAddress, callId: input.callId });
      this.store.repository(TicketDeskRepository).addEvent({ ticketId, kind: 'created', callId: input.callId, author });
      this.outbox.enqueue({ kind: 'ticket', localId: ticketId, op: 'create' });
      if (input.callId) this.wrapUp.linkTicket(input.callId, ticketId);
      return ticketId;
    });
  }

  /**
   * The customer wrote again: a ticket waiting for them, resolved or closed is worked on again
   * (« en cours »), in the caller's transaction. False when it already was.
   */
  reopen(ticketId: string, author: string | null): boolean {
    return this.store.transaction(() => {
      const ticket = this.store.repository(TicketDeskRepository).get(ticketId)?.ticket;
      if (!ticket || ticket.status === 'nouveau' || ticket.status === 'en_cours') return false;
      const fields = this.store.repository(TicketDeskRepository).update(ticketId, { status: 'en_cours' }, { callId: null, author });
      if (fields.length > 0) this.outbox.enqueue({ kind: 'ticket', localId: ticketId, op: 'update' });
      return fields.length > 0;
    });
  }

  update(input: TicketUpdateInput): TicketDetail {
    const { ticketId, callId, expected, ...change } = input;
    const changed = this.store.transaction(() => {
      const fields = this.store.repository(TicketDeskRepository).update(ticketId, change, { callId, author: this.author(), ...(expected ? { expected } : {}) });
      if (fields.length > 0) this.outbox.enqueue({ kind: 'ticket', localId: ticketId, op: 'update' });
      return fields;
    });
    if (changed.length > 0) this.announce(ticketId);
    return this.get(ticketId);
  }

  get(ticketId: string): TicketDetail {
    const found = this.store.repository(TicketDeskRepository).get(ticketId);
    if (!found) throw new ServiceError('not_found', { reason: 'ticket.not_found' });
    return {
      ticket: found.ticket,
      reference: ticketReference(found.ticket.id),
      siteAddress: found.siteAddress,
      callId: found.callId,
      ownerLabel: this.ownerOf(found.ticket.contactId, found.ticket.companyId).label,
      events: this.store.repository(TicketDeskRepository).events(ticketId),
      notes: this.store.repository(WrapUpRepository).notesForTicket(ticketId),
    };
  }

  /** Tells the console a ticket changed (after the transaction that changed it). */
  announce(ticketId: string): void {
    const ticket = this.store.repository(TicketDeskRepository).get(ticketId)?.ticket;
    if (!ticket) return;
    this.events.emit('tickets.changed', { ticketId, contactId: ticket.contactId, companyId: ticket.companyId });
    // Cards (pop, record) list open tickets: they refresh on directory.changed.
    this.events.emit('directory.changed', {
      contactIds: ticket.contactId ? [ticket.contactId] : [],
      companyIds: ticket.companyId ? [ticket.companyId] : [],
    });
  }

  /** Name and site address of a ticket's owner: the contact's own address first, else the company's. */
  private ownerOf(contactId: string | null, companyId: string | null): { label: string | null; address: string | null } {
    const contact = contactId ? this.store.contacts.get(contactId) : null;
    const company = companyId ? this.store.companies.get(companyId) : contact?.companyId ? this.store.companies.get(contact.companyId) : null;
    const label = contact ? `${contact.firstName} ${contact.lastName}`.trim() : (company?.name ?? null);
    const address = postal(contact) ?? postal(company);
    return { label, address };
  }
}

function postal(owner: { address: string | null; postalCode: string | null; city: string | null } | null | undefined): string | null {
  if (!owner || (!owner.address && !owner.city)) return null;
  const place = [owner.postalCode, owner.city].filter(Boolean).join(' ');
  return [owner.address, place].filter(Boolean).join(', ') || null;
}
