/**
 * CallbackList: every missed call lands on the list, grouped by caller number, until someone reaches
 * the caller (an answered call with that number, either way) or Claire closes it with a reason.
 *
 * It follows the journal through `call.updated` events; `catchUp()` at start adds the missed calls
 * an event could not bring (a crash between the journal's write and ours, calls a killed run left
 * ringing and `closeInterrupted` marked missed). Adding the same call twice is a no-op.
 */
import type { CallRecord } from '../../../contract/model';
import type { Callback } from '../../../contract/work-calls';
import { ServiceError } from '../../../contract/envelope';
import type { EventBus } from '../../event-bus';
import type { Logger } from '../../log';
import type { AccueilStore } from '../../store';
import type { CallbackRequest, CallbackRow } from './callbacks-repository';
import { WrapUpRepository } from '../wrapup/wrap-up-repository';
import { CallbacksRepository } from './callbacks-repository';

export const DEFAULT_CALLBACK_TARGET_MINUTES = 120;

/** The key a caller's items are grouped by: E.164, or the number as shown when it could not be read. */
export function callbackKey(number: { e164: string | null; display: string }): string {
  return number.e164 ?? `raw:${number.display}`;
}

export class CallbackList {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: AccueilStore,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly targetMinutes: () => number = () => DEFAULT_CALLBACK_TARGET_MINUTES,
  ) {}

  /** Follow the journal. Returns how many missed calls the catch-up added. */
  start(): number {
    this.unsubscribe ??= this.events.on('call.updated', ({ call }) => this.onCall(call));
    return this.catchUp();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  catchUp(): number {
    let added = 0;
    for (const call of this.store.repository(CallbacksRepository).unlistedMissed(this.store.repository(CallbacksRepository).following())) {
      const id = this.addMissed(call);
      if (!id) continue;
      added++;
      // Reached since (the caller called again and was answered, or was called back) while the list
      // was not following: the item is closed at once, the reason kept — not left open by mistake.
      const reached = call.fromE164 ? this.store.repository(CallbacksRepository).reachedAfter(call.fromE164, call.ringAt) : null;
      if (reached) this.store.repository(CallbacksRepository).close(id, { by: 'answered_call', reason: 'Client joint depuis cet appel manqué', callId: reached });
    }
    if (added > 0) {
      this.logger.info('missed calls added to the callback list at start', { added });
      this.announce();
    }
    return added;
  }

  /** Puts a missed call on the list (joining its number's open item); null when already there. */
  private addMissed(call: Pick<CallRecord, 'id' | 'ringAt' | 'fromE164' | 'fromDisplay' | 'contactId' | 'companyId' | 'matchLabel'>) {
    return this.store.repository(CallbacksRepository).addMissed({
      callId: call.id,
      ringAt: call.ringAt,
      numberKey: callbackKey({ e164: call.fromE164, display: call.fromDisplay }),
      numberE164: call.fromE164,
      display: call.fromDisplay,
      contactId: call.contactId,
      companyId: call.companyId,
      label: call.matchLabel,
    });
  }

  /** A call moved on: a missed inbound call joins the list; an answered call reaches its caller. */
  onCall(call: CallRecord): void {
    try {
      if (call.direction === 'inbound' && call.state === 'missed') {
        if (this.addMissed(call)) this.announce();
        return;
      }
      const reached =
        call.state === 'answered' || (call.direction === 'inbound' && call.state === 'answered_elsewhere');
      if (!reached) return;
      const e164 = call.direction === 'inbound' ? call.fromE164 : this.store.repository(WrapUpRepository).dialledE164(call.id);
      if (!e164) return;
      const open = this.store.repository(CallbacksRepository).openIdFor(e164);
      if (!open) return;
      const reason = call.direction === 'outbound' ? 'Rappel abouti : le client a décroché' : 'Le client a rappelé et a été pris';
      if (this.store.repository(CallbacksRepository).close(open, { by: 'answered_call', reason, callId: call.id })) this.announce();
    } catch (error) {
      // The journal already holds the call; catchUp() at the next start puts a missed one on the list.
      this.logger.error('callback list could not follow a call', { callId: call.id, state: call.state, error });
    }
  }

  list(options: { includeDone: boolean; limit: number; line?: string | null }): Callback[] {
    return this.store.repository(CallbacksRepository).list(options).map((row) => this.toCallback(row));
  }

  /** Claire closes an item by hand: the reason is kept with the time. */
  close(callbackId: string, reason: string): Callback {
    const item = this.store.repository(CallbacksRepository).existing(callbackId);
    if (item.state === 'done') {
      throw new ServiceError('conflict', { reason: 'callback.already_closed' });
    }
    this.store.repository(CallbacksRepository).close(callbackId, { by: 'agent', reason, callId: null });
    this.announce();
    return this.toCallback(this.store.repository(CallbacksRepository).existing(callbackId));
  }

  /** Another area asks for a call back (a low survey score): on the list at once, announced. */
  request(request: CallbackRequest): string {
    const id = this.store.repository(CallbacksRepository).addRequest(request);
    this.announce();
    return id;
  }

  /** The asker takes its request back (the customer changed their score); true when the list changed. */
  withdraw(ref: string, reason: string): boolean {
    const changed = this.store.repository(CallbacksRepository).withdrawRequest(ref, reason);
    if (changed) this.announce();
    return changed;
  }

  /** Tells the consoles the open list (also when the target delay changed: every due time moves). */
  announce(): void {
    this.events.emit('callbacks.changed', { open: this.list({ includeDone: false, limit: 200 }) });
  }

  private toCallback(row: CallbackRow): Callback {
    // A missed call is due after the target delay; a request by its own deadline; both: the sooner.
    const missedDue = row.missedCount > 0 ? new Date(Date.parse(row.firstMissedAt) + this.targetMinutes() * 60_000).toISOString() : null;
    const due = [missedDue, row.requestDueAt].filter((d): d is string => d !== null).sort()[0] ?? row.firstMissedAt;
    return {
      id: row.id,
      state: row.state,
      number: row.numberE164,
      display: row.display,
      contactId: row.contactId,
      companyId: row.companyId,
      label: row.label,
      firstMissedAt: row.firstMissedAt,
      lastMissedAt: row.lastMissedAt,
      missedCount: row.missedCount,
      dueAt: due,
      closedAt: row.closedAt,
      closedBy: row.closedBy,
      closeReason: row.closeReason,
      closingCallId: row.closingCallId,
      reason: row.requestReason,
    };
  }
}
