import { describe, expect, it } from 'vitest';
import { EndpointLimiter } from './endpoint-limiter.js';

describe('EndpointLimiter', () => {
  it('caps each endpoint separately and reports saturated ones', () => {
    const limiter = new EndpointLimiter(2);
    expect(limiter.tryAcquire('slow')).toBe(true);
    expect(limiter.tryAcquire('slow')).toBe(true);
    expect(limiter.tryAcquire('slow')).toBe(false);
    expect(limiter.tryAcquire('fast')).toBe(true);
    expect(limiter.saturated()).toEqual(['slow']);
    expect(limiter.snapshot()).toEqual({ slow: 2, fast: 1 });
    limiter.release('slow');
    expect(limiter.freeSlots('slow')).toBe(1);
    expect(limiter.saturated()).toEqual([]);
    limiter.release('fast');
    expect(limiter.snapshot()).toEqual({ slow: 1 });
  });

  it('rejects a nonsensical cap', () => {
    expect(() => new EndpointLimiter(0)).toThrow(/maxInFlight must be a positive integer, got 0/);
  });
});
