import { describe, expect, it } from 'vitest';
import { RateLimiter, rateKeyOf, type RateRule } from './rate-limiter';

function limiter(rules: Record<string, RateRule> = { form: { burst: 3, perMinute: 6 } }, maxBuckets?: number) {
  let now = 1_000_000;
  const limits = new RateLimiter(rules, { now: () => now, ...(maxBuckets ? { maxBuckets } : {}) });
  return { limits, advance: (ms: number) => (now += ms) };
}

describe('rate limiter', () => {
  it('allows a burst, then refuses with the seconds until the next request is allowed', () => {
    const { limits, advance } = limiter();
    for (let i = 0; i < 3; i++) expect(limits.take('form', '203.0.113.9').allowed).toBe(true);
    // 6 a minute: one every 10 s.
    expect(limits.take('form', '203.0.113.9')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    advance(4_000);
    expect(limits.take('form', '203.0.113.9')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    advance(6_000);
    expect(limits.take('form', '203.0.113.9').allowed).toBe(true);
    expect(limits.take('form', '203.0.113.9').allowed).toBe(false);
  });

  it('keeps one bucket per address and per route class', () => {
    const { limits } = limiter({ form: { burst: 1, perMinute: 1 }, page: { burst: 1, perMinute: 1 } });
    expect(limits.take('form', '203.0.113.9').allowed).toBe(true);
    expect(limits.take('form', '203.0.113.9').allowed).toBe(false);
    expect(limits.take('form', '203.0.113.10').allowed).toBe(true);
    expect(limits.take('page', '203.0.113.9').allowed).toBe(true);
  });

  it('limits IPv6 per /64, whatever the spelling', () => {
    const { limits } = limiter({ form: { burst: 1, perMinute: 1 } });
    expect(limits.take('form', '2001:db8:1:2::1').allowed).toBe(true);
    expect(limits.take('form', '2001:db8:1:2:ffff::9').allowed).toBe(false);
    expect(limits.take('form', '2001:db8:1:3::1').allowed).toBe(true);
    expect(rateKeyOf('2001:DB8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(rateKeyOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('never refills past the burst', () => {
    const { limits, advance } = limiter();
    advance(3_600_000);
    for (let i = 0; i < 3; i++) expect(limits.take('form', '203.0.113.9').allowed).toBe(true);
    expect(limits.take('form', '203.0.113.9').allowed).toBe(false);
  });

  it('forgets full buckets, then the least recently used, beyond its size', () => {
    const { limits, advance } = limiter({ form: { burst: 2, perMinute: 60 } }, 100);
    for (let i = 0; i < 150; i++) limits.take('form', `198.51.100.${i % 250}`);
    expect(limits.size).toBeLessThanOrEqual(100);
    advance(10_000);
    limits.take('form', '203.0.113.1');
    expect(limits.size).toBeLessThanOrEqual(100);
  });

  it('refuses an unknown class and a rule that allows nothing', () => {
    const { limits } = limiter();
    expect(() => limits.take('other', '203.0.113.9')).toThrow(RangeError);
    expect(() => new RateLimiter({ form: { burst: 0, perMinute: 1 } })).toThrow(RangeError);
  });
});
