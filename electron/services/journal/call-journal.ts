/**
 * CallJournal turns what the phone line reports into durable call records and screen pops.
 *
 * The rule it exists for: a call that happened is never lost and never logged twice. The ringing
 * row is written (synchronously, WAL) before the pop is announced, so a crash one instant later
 * still leaves the call in the journal; a repeated INVITE or a second fork of the same call
 * (same SIP Call-ID, within SAME_CALL_WINDOW_MS) updates the row that exists instead of adding one.
 */
import { randomUUID } from 'node:crypto';
import type { CallerNumber, CallRecord, CallState, RecordCard, ScreenPop } from '../../contract/model';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { CallsRepository } from '../store';

/** What the journal needs from the phone line (see telephony/sip-line.ts). */
export type LineCallEvent =
  | {
      type: 'ringing';
      callKey: string;
      caller: { number: string; displayName: string | null; source: 'pai' | 'from'; withheld: boolean; warnings: string[] };
      called: string;
      at: Date;
    }
  | { type: 'answered' | 'missed' | 'answered_elsewhere' | 'ended' | 'failed'; callKey: string; at: Date; reason: string | null };

/** What the journal needs from the store and the directory. */
export type JournalStore = Pick<CallsRepository, 'insertRinging' | 'update' | 'get' | 'findBySipCallId' | 'active'>;

export interface JournalDirectory {
  buildPop(raw: string): ScreenPop;
  normalize(raw: string): CallerNumber;
  contactCard(contactId: string, historyLimit: number): RecordCard;
  companyCard(companyId: string, historyLimit: number): RecordCard;
}

const TERMINAL: ReadonlySet<CallState> = new Set(['ended', 'missed', 'answered_elsewhere', 'failed']);
const POP_HISTORY = 10;

/**
 * An INVITE whose Call-ID rang this recently is the same call: a retransmission (at most 32 s,
 * RFC 3261 Timer B), a second fork, a PBX re-sending after a failover. Later, the same Call-ID is a
 * new call: Call-IDs are only meant to be unique, and some PBXs and gateways reuse them (a counter
 * reset at reboot), so a caller must never be dropped because an old call had its Call-ID.
 */
export const SAME_CALL_WINDOW_MS = 5 * 60_000;

export interface CallJournalOptions {
  /** See SAME_CALL_WINDOW_MS (tests). */
  sameCallWindowMs?: number;
  /**
   * Called once per popped call with the marks of its way through the journal (off by default).
   * Without it, `ACCUEIL_POP_TIMING=1` in `env` logs them as an info line 'pop timing' (npm run bench).
   */
  onTiming?: (timing: PopTiming) => void;
  /** Read for ACCUEIL_POP_TIMING only; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Where one ringing call was, in epoch milliseconds with sub-millisecond precision
 * (performance.timeOrigin + performance.now(), the clock a browser page uses too), in this order.
 */
export interface PopTiming {
  callKey: string;
  callId: string;
  /** The line's 'ringing' event reached the journal. */
  lineAt: number;
  /** Caller identified, card built. */
  cardAt: number;
  /** Ringing row written. */
  writtenAt: number;
  /** call.incoming emitted: every subscriber (the web host's socket send among them) has run. */
  announcedAt: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

function timingFromEnv(env: NodeJS.ProcessEnv, logger: Logger): ((timing: PopTiming) => void) | undefined {
  if (env['ACCUEIL_POP_TIMING'] !== '1') return undefined;
  return (timing) => logger.info('pop timing', { ...timing });
}

export class CallJournal {
  /** Pops of calls still ringing or in progress, for a renderer that (re)connects mid-call. */
  private readonly pops = new Map<string, ScreenPop>();
  private readonly onTiming: ((timing: PopTiming) => void) | undefined;

  constructor(
    private readonly store: JournalStore,
    private readonly directory: JournalDirectory,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly options: CallJournalOptions = {},
  ) {
    this.onTiming = options.onTiming ?? timingFromEnv(options.env ?? process.env, logger);
  }

  /**
   * Calls left ringing or answered by a previous run that was killed: their outcome is unknown.
   * An inbound call left ringing is closed as missed (so it is called back rather than forgotten).
   */
  closeInterrupted(now = new Date()): number {
    let closed = 0;
    for (const call of this.store.active()) {
      const state: CallState = call.state === 'ringing' ? 'missed' : 'ended';
      this.store.update(call.id, { state, endAt: now.toISOString(), endReason: 'interrupted' });
      closed++;
    }
    if (closed > 0) this.logger.warn('calls left open by a previous run were closed', { closed });
    return closed;
  }

  handle(event: LineCallEvent): void {
    try {
      if (event.type === 'ringing') this.ringing(event);
      else this.progress(event);
    } catch (error) {
      this.logger.error('call event could not be journaled', { type: event.type, callKey: event.callKey, error });
    }
  }

  private ringing(event: Extract<LineCallEvent, { type: 'ringing' }>): void {
    const lineAt = this.onTiming ? epochNow() : 0;
    // Compared with the line's own times (event.at), so the rule is the same on replay and in tests.
    const existing = this.store.findBySipCallId(event.callKey);
    if (existing) {
      const sinceMs = Math.abs(event.at.getTime() - Date.parse(existing.ringAt));
      if (sinceMs <= (this.options.sameCallWindowMs ?? SAME_CALL_WINDOW_MS)) {
        this.logger.debug('repeated INVITE for a journaled call', { callId: existing.id });
        return;
      }
      this.logger.info('Call-ID of an old call reused: journaled as a new call', { callKey: event.callKey, previousCallId: existing.id, sinceMs });
    }
    for (const warning of event.caller.warnings) this.logger.warn('caller identity', { warning, callKey: event.callKey });

    const raw = event.caller.withheld ? 'anonymous' : event.caller.number;
    let pop: ScreenPop;
    try {
      pop = this.directory.buildPop(raw);
    } catch (error) {
      // Identification must never cost us the call: journal it unmatched and pop a new-caller card.
      this.logger.error('caller identification failed', { error });
      pop = { number: this.directory.normalize(raw), matches: [], card: null };
    }
    const cardAt = this.onTiming ? epochNow() : 0;
    const best = pop.matches[0] ?? null;
    const call = this.store.insertRinging({
      id: randomUUID(),
      sipCallId: event.callKey,
      direction: 'inbound',
      fromRaw: event.caller.number,
      fromE164: pop.number.e164,
      fromDisplay: pop.number.display,
      callerName: event.caller.displayName,
      toRaw: event.called,
      ringAt: event.at.toISOString(),
      contactId: best?.contactId ?? null,
      companyId: best?.companyId ?? null,
      matchLabel: best?.label ?? null,
    });
    const writtenAt = this.onTiming ? epochNow() : 0;
    this.pops.set(call.id, pop);
    this.events.emit('call.incoming', { call, pop });
    this.onTiming?.({ callKey: event.callKey, callId: call.id, lineAt, cardAt, writtenAt, announcedAt: epochNow() });
  }

  private progress(event: Exclude<LineCallEvent, { type: 'ringing' }>): void {
    const call = this.store.findBySipCallId(event.callKey);
    if (!call) {
      this.logger.warn('call event for an unknown call', { type: event.type, callKey: event.callKey });
      return;
    }
    if (TERMINAL.has(call.state)) return; // late retransmission: the outcome is already recorded
    const at = event.at.toISOString();
    const updated =
      event.type === 'answered'
        ? this.store.update(call.id, { state: 'answered', answerAt: at })
        : this.store.update(call.id, { state: event.type, endAt: at, endReason: event.reason });
    if (TERMINAL.has(updated.state)) this.pops.delete(call.id);
    this.events.emit('call.updated', { call: updated });
  }

  active(): Array<{ call: CallRecord; pop: ScreenPop }> {
    return this.store
      .active()
      // An outbound call (click-to-call) pops the number it dialled, not the agent's own line.
      .map((call) => ({ call, pop: this.pops.get(call.id) ?? this.directory.buildPop(call.direction === 'outbound' ? call.toRaw : call.fromRaw) }));
  }

  /** Claire picked another match (or attached the caller): the call follows, and the pop too. */
  attach(callId: string, owner: { contactId: string | null; companyId: string | null; label: string | null }): CallRecord {
    const call = this.store.update(callId, { contactId: owner.contactId, companyId: owner.companyId, matchLabel: owner.label });
    const pop = this.pops.get(callId);
    if (pop) {
      const card = owner.contactId
        ? this.directory.contactCard(owner.contactId, POP_HISTORY)
        : owner.companyId
          ? this.directory.companyCard(owner.companyId, POP_HISTORY)
          : null;
      this.pops.set(callId, { ...pop, card });
    }
    this.events.emit('call.updated', { call });
    return call;
  }
}
