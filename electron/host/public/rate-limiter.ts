/**
 * Per-address limits on the public surface: a token bucket per (route class, address), in memory —
 * a restart forgets them, which is fine for a limit meant to slow scripts, not to count logins (the
 * accounts area counts those in the database). A bucket holds `burst` requests and refills at
 * `perMinute`; an empty bucket answers 429 with the seconds until its next token (Retry-After).
 *
 * IPv6 is limited per /64: one customer line gets a whole /64, and a script would otherwise hop
 * between its addresses.
 */
import { canonicalIp } from './client-address';

export interface RateRule {
  /** Requests allowed at once from an idle address. */
  burst: number;
  /** Sustained requests per minute. */
  perMinute: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Beyond this many addresses in memory, full buckets are forgotten, then the oldest. */
const MAX_BUCKETS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxBuckets: number;

  constructor(
    private readonly rules: Readonly<Record<string, RateRule>>,
    options: { now?: () => number; maxBuckets?: number } = {},
  ) {
    for (const [name, rule] of Object.entries(rules)) {
      if (!(rule.burst >= 1 && rule.perMinute > 0)) throw new RangeError(`Rate class ${name}: burst ≥ 1 and perMinute > 0`);
    }
    this.now = options.now ?? Date.now;
    this.maxBuckets = options.maxBuckets ?? MAX_BUCKETS;
  }

  has(routeClass: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.rules, routeClass);
  }

  /** Spends one request of `address` in `routeClass`, or says how long to wait. */
  take(routeClass: string, address: string): RateDecision {
    const rule = this.rules[routeClass];
    if (!rule) throw new RangeError(`Unknown rate class ${routeClass}`);
    const key = `${routeClass} ${rateKeyOf(address)}`;
    const now = this.now();
    const previous = this.buckets.get(key);
    // Elapsed time times the rate, multiplied before divided: a bucket refilled for exactly one
    // token's time holds exactly one token, not 0.999….
    const tokens = previous ? Math.min(rule.burst, previous.tokens + ((now - previous.at) * rule.perMinute) / 60_000) : rule.burst;
    if (tokens >= 1) {
      // Re-inserted so the map's order is least recently used first.
      this.buckets.delete(key);
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.forgetIfCrowded(now);
      return { allowed: true };
    }
    // A refusal changes nothing: the bucket keeps counting from its last request.
    const waitMs = Math.ceil(((1 - tokens) * 60_000) / rule.perMinute);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Addresses in memory (tests). */
  get size(): number {
    return this.buckets.size;
  }

  private forgetIfCrowded(now: number): void {
    if (this.buckets.size <= this.maxBuckets) return;
    // A full bucket is the same as none.
    for (const [key, bucket] of this.buckets) {
      const rule = this.rules[key.slice(0, key.indexOf(' '))]!;
      if (bucket.tokens + ((now - bucket.at) * rule.perMinute) / 60_000 >= rule.burst) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxBuckets) break;
      this.buckets.delete(key);
    }
  }
}

/** The key an address is limited under: IPv4 as is, IPv6 by its /64. */
export function rateKeyOf(address: string): string {
  const ip = canonicalIp(address);
  if (ip === null || !ip.includes(':')) return ip ?? address;
  return `${ip.split(':').slice(0, 4).join(':')}::/64`;
}
