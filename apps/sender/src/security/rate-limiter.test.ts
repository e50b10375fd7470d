import { describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from './rate-limiter.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucketRateLimiter', () => {
  it('allows a burst up to capacity, then says when to retry', () => {
    const time = clock();
    const limiter = new TokenBucketRateLimiter({ capacity: 3, refillPerSecond: 0.5, now: time.now });
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 2, remaining: 0 });
    time.advance(1_000);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
    time.advance(1_000);
    expect(limiter.take('k')).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 0 });
  });

  it('refills at the configured rate and never beyond capacity', () => {
    const time = clock();
    const limiter = new TokenBucketRateLimiter({ capacity: 10, refillPerSecond: 5, now: time.now });
    for (let i = 0; i < 10; i++) limiter.take('k');
    time.advance(1_000);
    expect(limiter.take('k').remaining).toBe(4);
    time.advance(3_600_000);
    expect(limiter.take('k').remaining).toBe(9);
  });

  it('keeps keys independent', () => {
    const time = clock();
    const limiter = new TokenBucketRateLimiter({ capacity: 1, refillPerSecond: 1, now: time.now });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('charges a cost and rejects costs above capacity', () => {
    const time = clock();
    const limiter = new TokenBucketRateLimiter({ capacity: 5, refillPerSecond: 1, now: time.now });
    expect(limiter.take('k', 4)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.take('k', 3)).toEqual({ allowed: false, retryAfterSeconds: 2, remaining: 0 });
    expect(() => limiter.take('k', 6)).toThrow(/cost must be > 0 and <= capacity \(5\)/);
  });

  it('drops buckets that have been idle long enough to be full again', () => {
    const time = clock();
    const limiter = new TokenBucketRateLimiter({ capacity: 2, refillPerSecond: 1, now: time.now });
    limiter.take('a');
    limiter.take('b');
    time.advance(1_000);
    limiter.take('c');
    expect(limiter.size).toBe(3);
    time.advance(1_500); // a and b idle 2.5 s ≥ 2 s to refill; c idle 1.5 s
    limiter.take('d');
    expect(limiter.size).toBe(2);
    // A dropped bucket comes back full: same answer as if it had been kept.
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('never holds more than maxBuckets, evicting the least recently used', () => {
    const time = clock();
    const limiter = new TokenBucketRateLimiter({
      capacity: 1,
      refillPerSecond: 0.001,
      maxBuckets: 100,
      now: time.now,
    });
    for (let i = 0; i < 10_000; i++) limiter.take(`attacker-${i}`);
    expect(limiter.size).toBe(100);
    limiter.take('victim');
    limiter.take('attacker-9999'); // refreshes 9999 so it outlives the oldest
    for (let i = 0; i < 99; i++) limiter.take(`flood-${i}`);
    expect(limiter.take('attacker-9999').allowed).toBe(false); // recently used: still tracked, empty
    expect(limiter.take('victim').allowed).toBe(true); // least recently used: evicted, back to full
    expect(limiter.size).toBe(100);
  });

  it('names the bad option', () => {
    expect(() => new TokenBucketRateLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(/capacity/);
    expect(() => new TokenBucketRateLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow(/refillPerSecond/);
    expect(() => new TokenBucketRateLimiter({ capacity: 1, refillPerSecond: 1, maxBuckets: 0 })).toThrow(
      /maxBuckets/,
    );
  });
});
