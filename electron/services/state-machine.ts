/**
 * States and the moves allowed between them, declared once and checked on every move (SIP.js's
 * `stateTransition()`): a call, the PBX registration, a durable job, and later tickets and bookings.
 *
 *   const LIGHT = new StateMachine<'red' | 'green' | 'amber'>({ red: ['green'], green: ['amber'], amber: ['red'] });
 *   state = LIGHT.transition(state, 'green');   // throws "Invalid state transition from amber to green"
 *
 * The machine holds no current state: the object whose life it describes does (a field, a row).
 */

/** A move the declared transitions do not have; names both ends, and what moved when given. */
export class InvalidTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
    what?: string,
  ) {
    super(`Invalid state transition from ${from} to ${to}${what ? ` (${what})` : ''}`);
    this.name = 'InvalidTransitionError';
  }
}

export class StateMachine<S extends string> {
  /** @param allowed for each state, the states it may move to ([] for a final state). */
  constructor(private readonly allowed: Readonly<Record<S, readonly S[]>>) {}

  get states(): S[] {
    return Object.keys(this.allowed) as S[];
  }

  can(from: S, to: S): boolean {
    return this.allowed[from]?.includes(to) ?? false;
  }

  /** No move leaves it. */
  isFinal(state: S): boolean {
    return this.allowed[state].length === 0;
  }

  /** The states `to` may be reached from (a guard for an UPDATE: `WHERE state IN (…)`). */
  sourcesOf(to: S): S[] {
    return this.states.filter((from) => this.can(from, to));
  }

  /** Returns `to`, or throws InvalidTransitionError when the move is not declared. */
  transition(from: S, to: S, what?: string): S {
    if (!this.can(from, to)) throw new InvalidTransitionError(from, to, what);
    return to;
  }
}
