/**
 * Dialer: click-to-call from any number on screen. The journal gets an outbound row at once (so the
 * call exists before anything can go wrong on the network), then the line reports progress:
 * `answered` when the customer picked up (which closes their open callback), `failed` otherwise.
 *
 * How the line places the call (console in CTI mode, desk phone carries the audio) is in
 * telephony/click-to-dial.ts.
 */
import { randomUUID } from 'node:crypto';
import type { CallRecord } from '../../../contract/model';
import { ServiceError } from '../../../contract/envelope';
import type { Directory } from '../../directory';
import type { EventBus } from '../../event-bus';
import type { Logger } from '../../log';
import type { AccueilStore } from '../../store';
import { dialString } from './dial-string';
import { WrapUpRepository } from '../wrapup/wrap-up-repository';

export type DialProgress =
  /** Claire's desk phone picked up; the PBX now calls the customer. */
  | { type: 'desk_answered' }
  /** The customer answered. */
  | { type: 'answered' }
  | { type: 'failed'; reason: string };

export interface DialingLine {
  /**
   * Starts a call to `target` (a dial string). Returns synchronously, before anything is sent, with
   * the SIP Call-ID of the console's leg and the agent's user part; progress comes to `listener`.
   * Throws ServiceError('unavailable') when there is no registered line. `lineUser`: on the company
   * server, the SIP user of the caller's own line (the call goes out from it).
   */
  dial(target: string, listener: (progress: DialProgress) => void, lineUser?: string | null): { callKey: string; agent: string };
}

export class Dialer {
  constructor(
    private readonly store: AccueilStore,
    private readonly directory: Directory,
    private readonly line: DialingLine,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  call(raw: string, lineUser?: string | null): { call: CallRecord } {
    const number = this.directory.normalize(raw);
    const target = dialString(number);
    const pop = this.directory.buildPop(number.e164 ?? raw);
    const best = pop.matches[0] ?? null;
    const id = randomUUID();
    let settled = false;
    const { callKey, agent } = this.line.dial(target, (progress) => {
      if (settled) return;
      try {
        if (progress.type === 'desk_answered') {
          this.logger.info('click-to-call: desk phone answered, calling the customer', { callId: id });
          return;
        }
        settled = true;
        const at = this.clock().toISOString();
        const call =
          progress.type === 'answered'
            ? this.store.calls.update(id, { state: 'answered', answerAt: at })
            : this.store.calls.update(id, { state: 'failed', endAt: at, endReason: progress.reason });
        this.logger.info('click-to-call outcome', { callId: id, state: call.state, reason: call.endReason });
        this.events.emit('call.updated', { call });
      } catch (error) {
        this.logger.error('click-to-call progress could not be journaled', { callId: id, error });
      }
    }, lineUser);
    this.store.repository(WrapUpRepository).insertOutbound({
      id,
      sipCallId: callKey,
      fromRaw: agent,
      toDisplay: number.display,
      toE164: number.e164,
      ringAt: this.clock().toISOString(),
      contactId: best?.contactId ?? null,
      companyId: best?.companyId ?? null,
      matchLabel: best?.label ?? null,
    });
    const call = this.store.calls.get(id);
    if (!call) throw new ServiceError('internal', { reason: 'dial.not_logged' });
    // The pop opens on the callee's card, as for an incoming call, so Claire has it while it rings.
    this.events.emit('call.incoming', { call, pop });
    return { call };
  }
}
