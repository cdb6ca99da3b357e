/**
 * HubSpot's limits, kept on our side rather than discovered by 429s: a rolling window (the 10-second
 * burst limit, 100 requests on Free/Starter) for ordinary calls and another (5 a second per account)
 * for search, which HubSpot counts apart. Each request waits for a slot; the window remembers when
 * its last `max` requests left, so a burst never exceeds `max` in any `windowMs`.
 */
export class RollingWindowLimiter {
  /**
   * One entry per request of the current window. A slot is stamped when the request leaves and
   * stamped again when its answer comes back: HubSpot counted it somewhere in between, so a window
   * measured from the answer can never overlap the server's, whatever the network's latency.
   */
  private readonly slots: Array<{ at: number }> = [];
  private queue: Promise<void> = Promise.resolve();
  /** Set after a 429: nothing leaves before this instant. */
  private pausedUntil = 0;

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

  /**
   * Resolves when a request may leave; requests leave in the order they asked. Call the returned
   * `done` when the answer (or the failure) arrives.
   */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.then(
      () => {},
      () => {},
    );
    return turn;
  }

  private async waitForSlot(): Promise<() => void> {
    for (;;) {
      const now = this.now();
      for (let i = this.slots.length - 1; i >= 0; i--) {
        if (this.slots[i]!.at <= now - this.windowMs - this.marginMs) this.slots.splice(i, 1);
      }
      const waitPause = this.pausedUntil - now;
      if (waitPause <= 0 && this.slots.length < this.max) {
        const slot = { at: now };
        this.slots.push(slot);
        return () => {
          slot.at = Math.max(slot.at, this.now());
        };
      }
      const oldest = this.slots.reduce((min, slot) => Math.min(min, slot.at), Infinity);
      const waitWindow = this.slots.length >= this.max ? oldest + this.windowMs + this.marginMs - now + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitPause, waitWindow)));
    }
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
