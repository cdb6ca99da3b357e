/**
 * « Simuler un appel »: rings the console without a PBX, through the same path as a SIP call — the
 * line's events go to the journal, which writes the call, pops the record, notifies, and (missed)
 * puts the caller on the callback list; the wrap-up panel follows an answered one. A newcomer, or
 * Claire in training, sees every kind of pop in a minute.
 *
 * What marks a simulation: its Call-ID is at SIMULATION_CALL_ID_HOST. The journal shows it as such,
 * the CRM outbox never sends it, and leaving the demo removes it like the demo's own calls.
 *
 *   ringing ──ringMs──► missed                      (outcome 'missed')
 *   ringing ──ringMs──► answered ──talkMs──► ended  (outcome 'answered')
 */
import { randomUUID } from 'node:crypto';
import type { LineCallEvent } from '../journal/call-journal';
import { ServiceError } from '../../contract/envelope';
import type { SimulationCaller } from '../../contract/demo-calls';
import { DEMO_FIXTURES } from './demo-fixtures';
import { normalizeNumber } from '../shared/phone-number';
import { SIMULATION_CALL_ID_HOST } from '../store/demo-purge';

export { SIMULATION_CALL_ID_HOST, isSimulatedCallId } from '../store/demo-purge';

export type SimulationOutcome = 'answered' | 'missed';

/** The ready callers offered in the demo: one of each kind of pop. */
export const SIMULATION_CALLERS: readonly SimulationCaller[] = [
  { kind: 'known_customer', number: DEMO_FIXTURES.mobileContact.e164, display: DEMO_FIXTURES.mobileContact.dial, name: DEMO_FIXTURES.mobileContact.name },
  { kind: 'shared_landline', number: DEMO_FIXTURES.sharedLandline.e164, display: DEMO_FIXTURES.sharedLandline.dial, name: 'Hélène et Jérôme Gauthier' },
  { kind: 'company_switchboard', number: DEMO_FIXTURES.switchboardCompany.e164, display: DEMO_FIXTURES.switchboardCompany.dial, name: DEMO_FIXTURES.switchboardCompany.name },
  { kind: 'unknown_number', number: DEMO_FIXTURES.unknownNumber.e164, display: DEMO_FIXTURES.unknownNumber.dial, name: '' },
  { kind: 'withheld', number: DEMO_FIXTURES.withheld, display: '', name: '' },
];

export interface CallSimulatorOptions {
  /** Where the line's events go: the journal's `handle`. */
  deliver: (event: LineCallEvent) => void;
  /** The agent's own line, as the PBX would name the called party. */
  called: () => string;
  now?: () => Date;
  /** How long the simulated call rings before it is answered or missed (default 4 s). */
  ringMs?: number;
  /** How long an answered simulated call lasts (default 20 s). */
  talkMs?: number;
  /** At most this many simulations at once: a script looping on the CLI cannot flood the console. */
  maxInFlight?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Running {
  callKey: string;
  timer: unknown;
  state: 'ringing' | 'answered';
}

export class CallSimulator {
  private readonly running = new Map<string, Running>();
  private readonly now: () => Date;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: CallSimulatorOptions) {
    this.now = options.now ?? (() => new Date());
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  callers(): SimulationCaller[] {
    return [...SIMULATION_CALLERS];
  }

  /** Rings the console as `number` would; returns the Call-ID the journal keys the call by. */
  simulate(number: string, outcome: SimulationOutcome): { callKey: string } {
    const caller = number.trim();
    if (caller === '' || caller.length > 64) throw new ServiceError('bad_request', { reason: 'simulation.caller_invalid' });
    if (this.running.size >= (this.options.maxInFlight ?? 5)) {
      throw new ServiceError('conflict', { reason: 'simulation.too_many' });
    }
    const callKey = `${randomUUID()}@${SIMULATION_CALL_ID_HOST}`;
    // Withheld as the directory reads a PBX's caller (anonymous, privé, masqué…).
    const withheld = normalizeNumber(caller).kind === 'masque';
    const running: Running = { callKey, timer: null, state: 'ringing' };
    this.running.set(callKey, running);
    this.options.deliver({
      type: 'ringing',
      callKey,
      caller: { number: withheld ? 'anonymous' : caller, displayName: null, source: 'from', withheld, warnings: [] },
      called: this.options.called(),
      at: this.now(),
    });
    running.timer = this.setTimer(() => {
      if (outcome === 'missed') {
        this.finish(callKey, 'missed', 'caller_cancelled');
        return;
      }
      running.state = 'answered';
      this.options.deliver({ type: 'answered', callKey, at: this.now(), reason: null });
      running.timer = this.setTimer(() => this.finish(callKey, 'ended', 'bye'), this.options.talkMs ?? 20_000);
    }, this.options.ringMs ?? 4_000);
    return { callKey };
  }

  /** Ends every simulation still running, as the line does when it stops (ringing ones missed). */
  stop(): void {
    for (const running of [...this.running.values()]) {
      this.clearTimer(running.timer);
      if (running.state === 'ringing') this.finish(running.callKey, 'missed', 'stopped');
      else this.finish(running.callKey, 'ended', 'stopped');
    }
  }

  private finish(callKey: string, type: 'missed' | 'ended', reason: string): void {
    if (!this.running.delete(callKey)) return;
    this.options.deliver({ type, callKey, at: this.now(), reason });
  }
}
