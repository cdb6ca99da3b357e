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
 * - pace (asked per request; the initial copy's pages): when answers take longer than windowMs / max,
 *   paced requests leave at max / windowMs on average. A window's slots free up in the pattern they were taken: after a burst (the window
 *   used up in its first seconds) nothing may leave for the rest of the window, and a chain of
 *   pages — each waiting for the previous answer — would stall for seconds, window after window.
 *   Paced, a token comes every windowMs / max; of the two a bucket keeps, the second — and the last
 *   free slot of the window — are left to the highest priority (waiting or in flight), so the
 *   longest chain's next page leaves as soon as its previous answer is in. The cost: the last window is spread instead of sent at once (about 3 %
 *   of a 100 000-contact copy, more on a small one).
 */
export class RollingWindowLimiter {
  /**
   * One entry per request of the current window. A slot is stamped when the request leaves and
   * stamped again when its answer comes back: HubSpot counted it somewhere in between, so a window
   * measured from the answer can never overlap the server's, whatever the network's latency.
   */
  private readonly slots: Array<{ at: number; priority: number; inFlight: boolean; answeredAt: number }> = [];
  private readonly waiting: Array<{ priority: number; paced: boolean; seq: number; resolve: (done: () => void) => void }> = [];
  private seq = 0;
  private pumping = false;
  /** Cuts the pump's wait short when a request comes (it may go before the one being waited for). */
  private wake: (() => void) | null = null;
  /** Set after a 429: nothing leaves before this instant. */
  private pausedUntil = 0;
  /**
   * Pacing tokens, earned at max / windowMs and spent one per paced departure; at most two are kept:
   * the second is the chain with the highest priority's, so that when its answer comes back it
   * leaves at once instead of waiting for the next token.
   */
  private tokens = 2;
  private tokensAt: number;
  /**
   * How long answers take (moving average). Pacing only pays when it exceeds windowMs / max: with
   * faster answers a single chain can fill the window by itself, and a burst stalls nothing.
   */
  private answerMs = 0;

  constructor(
    private max: number,
    private readonly windowMs: number,
    /** Clock slack between this machine and HubSpot's. */
    private readonly marginMs = 100,
    private readonly now: () => number = Date.now,
  ) {
    this.tokensAt = now();
  }

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
    this.wake?.();
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
        const wait = this.waitBeforeNext(this.waiting[best]!);
        if (wait > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = null;
          continue;
        }
        const [next] = this.waiting.splice(best, 1);
        next!.resolve(this.take(next!));
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * The highest priority among paced requests waiting, in flight, or just answered (its chain is
   * storing the page and about to ask for the next one: its claim holds meanwhile).
   */
  private topPriority(): number {
    const now = this.now();
    const grace = this.windowMs / this.max;
    let top = -Infinity;
    for (const w of this.waiting) if (w.paced) top = Math.max(top, w.priority);
    for (const slot of this.slots) if (slot.inFlight || now - slot.answeredAt < grace) top = Math.max(top, slot.priority);
    return top;
  }

  private earnTokens(now: number): void {
    this.tokens = Math.min(2, this.tokens + ((now - this.tokensAt) * this.max) / this.windowMs);
    this.tokensAt = now;
  }

  /** ms before `request` may leave (0: now). */
  private waitBeforeNext(request: { priority: number; paced: boolean }): number {
    const now = this.now();
    this.expire(now);
    const waitPause = this.pausedUntil - now;
    // A lower priority leaves the last token and the last free slot of the window to the highest
    // one (waiting or in flight): its next page then leaves the moment it is asked for.
    const yields = this.pacing(request) && request.priority < this.topPriority();
    const room = this.max - (yields ? 1 : 0);
    let waitWindow = 0;
    if (this.slots.length >= room) {
      // Wait until enough of the oldest slots have left the window.
      const oldest = this.slots.map((slot) => slot.at).sort((a, b) => a - b)[this.slots.length - room]!;
      waitWindow = oldest + this.windowMs + this.marginMs - now + 1;
    }
    let waitPace = 0;
    if (this.pacing(request)) {
      this.earnTokens(now);
      const needed = yields ? 2 : 1;
      if (this.tokens < needed) waitPace = ((needed - this.tokens) * this.windowMs) / this.max;
    }
    return Math.max(0, Math.ceil(Math.max(waitPause, waitWindow, waitPace)));
  }

  private pacing(request: { paced: boolean }): boolean {
    return request.paced && this.answerMs > this.windowMs / this.max;
  }

  private expire(now: number): void {
    for (let i = this.slots.length - 1; i >= 0; i--) {
      if (this.slots[i]!.at <= now - this.windowMs - this.marginMs) this.slots.splice(i, 1);
    }
  }

  private take(request: { priority: number; paced: boolean }): () => void {
    const now = this.now();
    if (this.pacing(request)) {
      this.earnTokens(now);
      this.tokens = Math.max(0, this.tokens - 1);
    }
    const slot = { at: now, priority: request.paced ? request.priority : -Infinity, inFlight: true, answeredAt: -Infinity };
    this.slots.push(slot);
    return () => {
      const answeredAt = this.now();
      if (request.paced) this.answerMs = this.answerMs === 0 ? answeredAt - now : 0.8 * this.answerMs + 0.2 * (answeredAt - now);
      slot.at = Math.max(slot.at, answeredAt);
      slot.inFlight = false;
      slot.answeredAt = answeredAt;
    };
  }
}

export { backoffDelay } from '../backoff';

/** Retry-After in seconds or as an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
