import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  classifyNetworkError,
  classifyStatus,
  parseRetryAfter,
  resolveRetryOptions,
} from './retry.js';

describe('retry policy of the client', () => {
  it('resolves a count or options, and rejects nonsense by name', () => {
    expect(resolveRetryOptions(undefined)).toEqual({
      retries: 3,
      baseDelayMs: 200,
      maxDelayMs: 5000,
      maxRetryAfterMs: 30_000,
    });
    expect(resolveRetryOptions(0).retries).toBe(0);
    expect(() => resolveRetryOptions({ retries: -1 })).toThrow(/retries\.retries/);
    expect(() => resolveRetryOptions({ baseDelayMs: 1.5 })).toThrow(/retries\.baseDelayMs/);
  });

  it('retries 429 always, 502/503/504 only when repeatable, never other statuses', () => {
    expect(classifyStatus(429)).toBe('rejected_unprocessed');
    for (const status of [502, 503, 504]) expect(classifyStatus(status)).toBe('ambiguous');
    for (const status of [400, 401, 403, 404, 409, 413, 500, 501])
      expect(classifyStatus(status)).toBe('final');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    expect(classifyNetworkError(refused)).toBe('rejected_unprocessed');
    expect(classifyNetworkError(reset)).toBe('ambiguous');
  });

  it('backs off exponentially within [half, full] of the step, capped, with Retry-After as a floor', () => {
    const options = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect(backoffDelayMs(1, options, undefined, () => 0)).toBe(50);
    expect(backoffDelayMs(1, options, undefined, () => 1)).toBe(100);
    expect(backoffDelayMs(3, options, undefined, () => 1)).toBe(400);
    expect(backoffDelayMs(10, options, undefined, () => 1)).toBe(1000);
    expect(backoffDelayMs(1, options, 2, () => 0)).toBe(2000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-05-01T00:00:00Z');
    expect(parseRetryAfter('Fri, 01 May 2026 00:00:10 GMT', now)).toBe(10);
  });
});
