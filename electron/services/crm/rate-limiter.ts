/**
 * HubSpot's limits, kept on our side rather than discovered by 429s: a rolling window (the 10-second
 * burst limit, 100 requests on Free/Starter) for ordinary calls and another (5 a second per account)
 * for search, which HubSpot counts apart. Each request waits for a slot; the window remembers when
 * its last `max` requests left, so a burst never exceeds `max` in any `windowMs`.
 */
export class RollingWindowLimiter {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** Set after a 429: nothing leaves before this instant. */
  private pausedUntil = 0;

  constructor(
    private max: number,
    private readonly windowMs: number,
    /** Requests arrive at the server a little after they leave: keep this much slack. */
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

  /** Resolves when a request may leave; requests leave in the order they asked. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs - this.marginMs) this.sent.shift();
      const waitPause = this.pausedUntil - now;
      if (waitPause <= 0 && this.sent.length < this.max) {
        this.sent.push(now);
        return;
      }
      const waitWindow = this.sent.length >= this.max ? this.sent[0]! + this.windowMs + this.marginMs - now + 1 : 0;
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
