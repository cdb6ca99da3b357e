/**
 * HubSpot's limits, kept on our side rather than discovered by 429s: a rolling window (the 10-second
 * burst limit, 100 requests on Free/Starter) for ordinary calls and another (5 a second per account)
 * for search, which HubSpot counts apart. Each request waits for a slot; the window remembers when
 * its last `max` requests left, so a burst never exceeds `max` in any `windowMs`.
 *
 * Two refinements for an initial copy that keeps several requests in flight:
 * - priority: when requests wait, the one with the highest priority leaves first (then the oldest).
 *   The engine gives the object type with the most pages left the highest, so the longest chain of
 *   pages — each needs the previous one's cursor — is never starved by shorter ones;
 * - pace (asked per request; the initial copy's pages): a paced request leaves at least
 *   windowMs / max after the previous departure. A window's slots
 *   free up in the pattern they were taken: after a burst (the window used up in its first seconds)
 *   nothing may leave for the rest of the window, and a chain of pages — each one waiting for the
 *   previous answer — is stalled for seconds, window after window. Spaced, a slot frees up every
 *   windowMs / max and the chain waits at most that long. The cost: the last window is spread
 *   instead of sent at once (about 1 % of a 100 000-contact copy).
 */
export class RollingWindowLimiter {
  /**
   * One entry per request of the current window. A slot is stamped when the request leaves and
   * stamped again when its answer comes back: HubSpot counted it somewhere in between, so a window
   * measured from the answer can never overlap the server's, whatever the network's latency.
   */
  private readonly slots: Array<{ at: number }> = [];
  private readonly waiting: Array<{ priority: number; paced: boolean; seq: number; resolve: (done: () => void) => void }> = [];
  private seq = 0;
  private pumping = false;
  /** Set after a 429: nothing leaves before this instant. */
  private pausedUntil = 0;
  private lastDeparture = -Infinity;

  constructor(
    private max: number,
    private readonly windowMs: number,
    /** Clock slack between this machine and HubSpot's. */
    private readonly marginMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  setMax(max: number): void {
    this.max = Math.max(1, max);
  }

  /** Hold every request until `until` (Retry-After, or a 429 without one). */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Requests waiting for a slot (tests, bench). */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves when a request may leave: highest priority first, first come first within a priority.
   * Call the returned `done` when the answer (or the failure) arrives.
   */
  acquire(priority = 0, options: { paced?: boolean } = {}): Promise<() => void> {
    const turn = new Promise<() => void>((resolve) => this.waiting.push({ priority, paced: options.paced === true, seq: this.seq++, resolve }));
    void this.pump();
    return turn;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        let best = 0;
        for (let i = 1; i < this.waiting.length; i++) {
          const w = this.waiting[i]!;
          const b = this.waiting[best]!;
          if (w.priority > b.priority || (w.priority === b.priority && w.seq < b.seq)) best = i;
        }
        // Chosen again after any wait: a request with a higher priority may have come meanwhile.
        const wait = this.waitBeforeNext(this.waiting[best]!.paced);
        if (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        const [next] = this.waiting.splice(best, 1);
        next!.resolve(this.take());
      }
    } finally {
      this.pumping = false;
    }
  }

  /** ms before the next request may leave (0: now). */
  private waitBeforeNext(paced: boolean): number {
    const now = this.now();
    this.expire(now);
    const waitPause = this.pausedUntil - now;
    const oldest = this.slots.reduce((min, slot) => Math.min(min, slot.at), Infinity);
    const waitWindow = this.slots.length >= this.max ? oldest + this.windowMs + this.marginMs - now + 1 : 0;
    const waitPace = paced ? this.lastDeparture + this.windowMs / this.max - now : 0;
    return Math.max(0, Math.ceil(Math.max(waitPause, waitWindow, waitPace)));
  }

  private expire(now: number): void {
    for (let i = this.slots.length - 1; i >= 0; i--) {
      if (this.slots[i]!.at <= now - this.windowMs - this.marginMs) this.slots.splice(i, 1);
    }
  }

  private take(): () => void {
    const now = this.now();
    const slot = { at: now };
    this.slots.push(slot);
    this.lastDeparture = now;
    return () => {
      slot.at = Math.max(slot.at, this.now());
    };
  }
}

/** Exponential backoff with full jitter: attempt 1 → up to base, 2 → up to 2×base … capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After in seconds or as an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
