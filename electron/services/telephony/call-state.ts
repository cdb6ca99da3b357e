/**
 * The life of one incoming call on the agent's line, keyed by its SIP Call-ID. Its states are the
 * contract's `CallState`.
 *
 * ```txt
 *            ┌──CANCEL, or our line stopped ────────▶ missed
 *            ├──CANCEL, Reason SIP cause=200 ───────▶ answered_elsewhere
 *  ringing ──┼──transport lost, error, no answer ───▶ failed
 *            └──answered (by us, or the PBX says) ──▶ answered ──BYE / hang-up──▶ ended
 *                                                        └──transport lost──────▶ ended
 * ```
 * In CTI mode the console never answers: a call it sees ends missed or answered elsewhere. The
 * answered → ended path is kept for a later issue that answers from the console.
 */
import type { CallState } from '../../contract/model';
import { StateMachine } from '../state-machine';

export type { CallState };

export const CALL_STATES = new StateMachine<CallState>({
  ringing: ['answered', 'missed', 'answered_elsewhere', 'failed'],
  answered: ['ended'],
  ended: [],
  missed: [],
  answered_elsewhere: [],
  failed: [],
});

export function isFinal(state: CallState): boolean {
  return CALL_STATES.isFinal(state);
}

export class CallLife {
  private _state: CallState = 'ringing';

  constructor(readonly callKey: string) {}

  get state(): CallState {
    return this._state;
  }

  /** Throws "Invalid state transition from X to Y" on a move the diagram does not have. */
  transition(to: CallState): void {
    this._state = CALL_STATES.transition(this._state, to);
  }
}

export interface CancelReason {
  /** Another device took the call (not a missed call). */
  answeredElsewhere: boolean;
  /** The Reason text, or the cause, for the journal; null when the CANCEL gave none. */
  text: string | null;
}

/**
 * Read the Reason header(s) of a CANCEL (RFC 3326). `SIP;cause=200` is what a forking proxy puts on
 * the CANCELs of the branches it did not pick ("Call completed elsewhere", RFC 3326 §2); some PBXs
 * say the same with `Q.850;cause=26` (non-selected user clearing).
 */
export function readCancelReason(values: readonly string[]): CancelReason {
  let text: string | null = null;
  let elsewhere = false;
  for (const header of values) {
    for (const value of header.slice(0, 1000).split(/,(?=\s*[A-Za-z0-9.]+\s*;)/)) {
      const protocol = value.split(';')[0]?.trim().toUpperCase() ?? '';
      const cause = /;\s*cause\s*=\s*"?(\d+)/i.exec(value)?.[1];
      const quoted = /;\s*text\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(value)?.[1];
      const bare = /;\s*text\s*=\s*([^;"]+)/i.exec(value)?.[1];
      const said = (quoted ?? bare)?.replace(/\\(.)/g, '$1').trim();
      if ((protocol === 'SIP' && cause === '200') || (protocol === 'Q.850' && cause === '26')) elsewhere = true;
      if (text === null && (said || cause)) text = said || `${protocol} cause ${String(cause)}`;
    }
  }
  return { answeredElsewhere: elsewhere, text };
}
