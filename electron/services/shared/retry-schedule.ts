/**
 * When to try reaching the PBX again: exponential backoff with jitter, so that a restarted PBX is
 * not hit by every console at the same second, and a PBX that stays down costs a try per `maxMs`.
 */
import { backoffDelay } from '../backoff';

export interface RetryScheduleOptions {
  /** First delay (default 1 s). */
  initialMs?: number;
  /** Ceiling (default 30 s). */
  maxMs?: number;
  /** For tests: a value in [0, 1). */
  random?: () => number;
}

export class RetrySchedule {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: RetryScheduleOptions = {}) {
    this.initialMs = Math.max(1, options.initialMs ?? 1000);
    this.maxMs = Math.max(this.initialMs, options.maxMs ?? 30_000);
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next try; each call doubles the base up to `maxMs`. */
  next(): number {
    this.attempt++;
    return backoffDelay(this.attempt, this.initialMs, this.maxMs, this.random);
  }

  /** After a success: the next failure starts again from `initialMs`. */
  reset(): void {
    this.attempt = 0;
  }
}
