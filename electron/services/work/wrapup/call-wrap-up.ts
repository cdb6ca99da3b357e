/**
 * CallWrapUp: what Claire records on a call — outcome, an account of it, the ticket it is about,
 * and notes — written locally first and queued for HubSpot in the same transaction.
 *
 * The rule it exists for: one journal row per SIP call, so a call is logged once. The first save
 * queues the call engagement as `create`; every later save (a corrected outcome, a ticket linked
 * afterwards) as `update` of the same row.
 */
import type { CallRecord } from '../../../contract/model';
import type { CallLog, CallOutcome, Note } from '../../../contract/work-calls';
import { ServiceError } from '../../../contract/envelope';
import type { OutboxPort } from '../../crm/outbox-port';
import type { EventBus } from '../../event-bus';
import type { AccueilStore } from '../../store';
import { WrapUpRepository } from './wrap-up-repository';
import { TicketDeskRepository } from '../tickets/ticket-desk-repository';

export interface WrapUpInput {
  callId: string;
  outcome: CallOutcome | null;
  body: string;
  /** undefined: keep the current link; null: unlink. */
  ticketId?: string | null | undefined;
  /** The saved wrap-up the editor started from (see wrapup.save). */
  expected?: { outcome: CallOutcome | null; body: string | null } | undefined;
}

export interface NoteInput {
  body: string;
  callId: string | null;
  ticketId: string | null;
  contactId: string | null;
  companyId: string | null;
}

export class CallWrapUp {
  constructor(
    private readonly store: AccueilStore,
    private readonly outbox: OutboxPort,
    private readonly events: EventBus,
    /** Who is writing (the line's display name), for notes and the ticket history. */
    private readonly author: () => string | null = () => null,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get(callId: string): CallLog {
    const call = this.requireCall(callId);
    const wrapUp = this.store.repository(WrapUpRepository).get(callId)!;
    return {
      call,
      outcome: wrapUp.outcome,
      body: wrapUp.body,
      ticketId: wrapUp.ticketId,
      loggedAt: wrapUp.loggedAt,
      notes: this.store.repository(WrapUpRepository).notesForCall(callId),
      durationSec: durationSec(call),
    };
  }

  save(input: WrapUpInput): CallLog {
    let ended: CallRecord | null = null;
    this.store.transaction(() => {
      const call = this.requireCall(input.callId);
      if (call.state === 'ringing') {
        throw new ServiceError('conflict', { reason: 'wrapup.call_still_ringing' });
      }
      const current = this.store.repository(WrapUpRepository).get(call.id)!;
      const body = input.body.trim() === '' ? null : input.body;
      // Two people on one call's wrap-up (a supervisor finishing it): never overwrite silently.
      const { expected } = input;
      const changedMeanwhile = expected !== undefined && (expected.outcome !== current.outcome || expected.body !== (current.body ?? null));
      if (changedMeanwhile && (input.outcome !== current.outcome || body !== (current.body ?? null))) {
        throw new ServiceError('conflict', { reason: 'wrapup.changed_meanwhile' });
      }
      const ticketId = input.ticketId === undefined ? current.ticketId : input.ticketId;
      if (ticketId && ticketId !== current.ticketId) this.requireTicket(ticketId);
      // A call the console placed is handed to the desk phone; the console never sees it end, so
      // the wrap-up is where it ends (see telephony/click-to-dial.ts).
      if (call.direction === 'outbound' && call.state === 'answered') {
        ended = this.store.calls.update(call.id, { state: 'ended', endAt: this.clock().toISOString() });
      }
      this.store.repository(WrapUpRepository).save(call.id, { outcome: input.outcome, body, ticketId });
      if (ticketId && ticketId !== current.ticketId) {
        this.store.repository(TicketDeskRepository).addEvent({ ticketId, kind: 'call', callId: call.id, author: this.author() });
      }
      this.outbox.enqueue({ kind: 'call', localId: call.id, op: current.loggedAt ? 'update' : 'create' });
    });
    if (ended) this.events.emit('call.updated', { call: ended });
    return this.get(input.callId);
  }

  /** Links a ticket to the call (ticket opened during the call); re-queues the call if already logged. */
  linkTicket(callId: string, ticketId: string): void {
    const current = this.store.repository(WrapUpRepository).get(callId);
    if (!current) throw new ServiceError('not_found', { reason: 'call.not_found_deleted' });
    if (current.ticketId === ticketId) return;
    this.store.repository(WrapUpRepository).linkTicket(callId, ticketId);
    if (current.loggedAt) this.outbox.enqueue({ kind: 'call', localId: callId, op: 'update' });
  }

  /**
   * A note, attached to the call's caller unless told otherwise, and to the ticket's history when
   * it is about a ticket. Queued for the CRM as a note engagement.
   */
  addNote(input: NoteInput): Note {
    return this.store.transaction(() => {
      let { contactId, companyId } = input;
      if (input.callId) {
        const call = this.requireCall(input.callId);
        if (contactId === null && companyId === null) ({ contactId, companyId } = call);
      }
      if (input.ticketId) {
        const ticket = this.requireTicket(input.ticketId);
        if (contactId === null && companyId === null) ({ contactId, companyId } = ticket);
      }
      if (contactId === null && companyId === null && input.callId === null && input.ticketId === null) {
        throw new ServiceError('bad_request', { reason: 'note.target_required' });
      }
      if (contactId !== null && !this.store.contacts.get(contactId)) throw new ServiceError('not_found', { reason: 'note.contact_not_found' });
      if (companyId !== null && !this.store.companies.get(companyId)) throw new ServiceError('not_found', { reason: 'note.company_not_found' });
      const note = this.store.repository(WrapUpRepository).addNote({
        body: input.body,
        author: this.author(),
        contactId,
        companyId,
        callId: input.callId,
        ticketId: input.ticketId,
      });
      if (input.ticketId) {
        this.store.repository(TicketDeskRepository).addEvent({ ticketId: input.ticketId, kind: 'note', noteId: note.id, callId: input.callId, author: note.author });
      }
      this.outbox.enqueue({ kind: 'note', localId: note.id, op: 'create' });
      return note;
    });
  }

  private requireCall(callId: string): CallRecord {
    const call = this.store.calls.get(callId);
    if (!call) throw new ServiceError('not_found', { reason: 'call.not_found_deleted' });
    return call;
  }

  private requireTicket(ticketId: string) {
    const ticket = this.store.repository(TicketDeskRepository).get(ticketId);
    if (!ticket) throw new ServiceError('not_found', { reason: 'ticket.not_found' });
    return ticket.ticket;
  }
}

function durationSec(call: CallRecord): number | null {
  if (!call.answerAt || !call.endAt) return null;
  const ms = Date.parse(call.endAt) - Date.parse(call.answerAt);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 1000) : null;
}
