import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  const T = 1_000_000;
  // A request started while the circuit was closed: what onStart returns then.
  const SENT_BEFORE = new CircuitBreaker().onStart('closed', T);

  it('forgets a circuit that saw no request for forgetAfterMs (a deleted endpoint never sends its probe)', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1000, forgetAfterMs: 60_000 });
    breaker.onFailure('deleted', T, SENT_BEFORE);
    breaker.onFailure('busy', T, SENT_BEFORE);
    const probe = breaker.onStart('busy', T + 30_000);
    expect(probe.probe).toBe(true);
    expect(breaker.snapshot(T + 61_000).map((c) => c.endpointId)).toEqual(['deleted', 'busy']);
    // A minute without a request after its cool-down: forgotten, unless a probe is still out.
    expect(breaker.snapshot(T + 61_001).map((c) => c.endpointId)).toEqual(['busy']);
    expect(breaker.state('deleted', T + 61_001)).toBe('closed');
    // A cool-down longer than that still ends in a half-open circuit with its single probe.
    const slow = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 7_200_000, forgetAfterMs: 60_000 });
    slow.onFailure('a', T, SENT_BEFORE);
    expect(slow.snapshot(T + 7_200_500).map((c) => c.state)).toEqual(['half_open']);
    expect(slow.allowance('a', T + 7_200_500)).toBe(1);
    expect(slow.snapshot(T + 7_260_001)).toEqual([]);
    breaker.onFailure('busy', T + 100_000, probe);
    expect(breaker.snapshot(T + 100_000)).toEqual([
      { endpointId: 'busy', state: 'open', consecutiveFailures: 2 },
    ]);
  });

  it('opens after the threshold of consecutive failures, then lets exactly one probe through', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 });
    breaker.onFailure('a', T, SENT_BEFORE);
    breaker.onFailure('a', T, SENT_BEFORE);
    expect(breaker.state('a', T)).toBe('closed');
    expect(breaker.allowance('a', T)).toBe(Number.POSITIVE_INFINITY);
    breaker.onFailure('a', T + 10, SENT_BEFORE);
    expect(breaker.state('a', T + 10)).toBe('open');
    expect(breaker.allowance('a', T + 1009)).toBe(0);
    expect(breaker.state('a', T + 1010)).toBe('half_open');
    expect(breaker.allowance('a', T + 1010)).toBe(1);
    expect(breaker.onStart('a', T + 1010).probe).toBe(true);
    expect(breaker.allowance('a', T + 1010)).toBe(0);
    expect(breaker.snapshot(T + 1010)).toEqual([
      { endpointId: 'a', state: 'half_open', consecutiveFailures: 3 },
    ]);
  });

  it('a successful probe closes the circuit', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1000 });
    breaker.onFailure('a', T, SENT_BEFORE);
    const probe = breaker.onStart('a', T + 1000);
    expect(probe.probe).toBe(true);
    breaker.onSuccess('a', probe);
    expect(breaker.state('a', T + 1000)).toBe('closed');
    expect(breaker.snapshot(T + 1000)).toEqual([]);
  });

  it('a failed probe re-opens it for a fresh cool-down', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000 });
    breaker.onFailure('a', T, SENT_BEFORE);
    breaker.onFailure('a', T, SENT_BEFORE);
    const probe = breaker.onStart('a', T + 1500);
    breaker.onFailure('a', T + 1600, probe);
    expect(breaker.state('a', T + 2000)).toBe('open');
    expect(breaker.state('a', T + 2600)).toBe('half_open');
  });

  it('a success between failures resets the count; endpoints are independent', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000 });
    breaker.onFailure('a', T, SENT_BEFORE);
    breaker.onSuccess('a', SENT_BEFORE);
    breaker.onFailure('a', T, SENT_BEFORE);
    breaker.onFailure('b', T, SENT_BEFORE);
    breaker.onFailure('b', T, SENT_BEFORE);
    expect(breaker.state('a', T)).toBe('closed');
    expect(breaker.state('b', T)).toBe('open');
  });

  it('an abandoned probe frees the probe slot', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10 });
    breaker.onFailure('a', T, SENT_BEFORE);
    breaker.onAbandon('a', breaker.onStart('a', T + 10));
    expect(breaker.allowance('a', T + 10)).toBe(1);
  });

  it('a request sent before the circuit opened neither frees the probe slot nor closes the circuit', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 200 });
    const slow = breaker.onStart('a', T);
    const fast = [breaker.onStart('a', T + 1), breaker.onStart('a', T + 2)];
    expect([slow, ...fast].map((a) => a.probe)).toEqual([false, false, false]);
    breaker.onFailure('a', T + 10, fast[0]!);
    breaker.onFailure('a', T + 20, fast[1]!);
    expect(breaker.state('a', T + 20)).toBe('open');
    const probe = breaker.onStart('a', T + 220);
    expect(probe.probe).toBe(true);
    // The slow request fails while the probe is out: it counts (and re-opens), the slot stays taken.
    breaker.onFailure('a', T + 300, slow);
    expect(breaker.snapshot(T + 300)).toEqual([{ endpointId: 'a', state: 'open', consecutiveFailures: 3 }]);
    expect(breaker.state('a', T + 500)).toBe('half_open');
    expect(breaker.allowance('a', T + 500)).toBe(0);
    expect(breaker.onStart('a', T + 500).probe).toBe(false);
    // Only the probe's own failure frees the slot, for one new probe after a fresh cool-down.
    breaker.onFailure('a', T + 600, probe);
    expect(breaker.allowance('a', T + 799)).toBe(0);
    expect(breaker.allowance('a', T + 800)).toBe(1);
  });

  it("a late success of an earlier request leaves an open circuit to its probe's verdict", () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 200 });
    const slow = breaker.onStart('a', T);
    breaker.onFailure('a', T + 10, breaker.onStart('a', T + 1));
    const probe = breaker.onStart('a', T + 210);
    breaker.onSuccess('a', slow);
    expect(breaker.state('a', T + 220)).toBe('half_open');
    expect(breaker.allowance('a', T + 220)).toBe(0);
    // Ignored while open without a probe too; only the probe closes it.
    breaker.onAbandon('a', slow);
    expect(breaker.allowance('a', T + 220)).toBe(0);
    breaker.onSuccess('a', probe);
    expect(breaker.state('a', T + 220)).toBe('closed');
  });

  it("an ended probe's second outcome call cannot free the next probe's slot", () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 100 });
    breaker.onFailure('a', T, SENT_BEFORE);
    const first = breaker.onStart('a', T + 100);
    breaker.onFailure('a', T + 110, first);
    const second = breaker.onStart('a', T + 210);
    expect(second.probe).toBe(true);
    // The worker abandons an attempt whose outcome it could not record after the breaker saw it.
    breaker.onAbandon('a', first);
    expect(breaker.allowance('a', T + 210)).toBe(0);
  });
});
