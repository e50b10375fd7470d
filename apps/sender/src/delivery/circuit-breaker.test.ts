import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  const T = 1_000_000;

  it('opens after the threshold of consecutive failures, then lets exactly one probe through', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 });
    breaker.onFailure('a', T);
    breaker.onFailure('a', T);
    expect(breaker.state('a', T)).toBe('closed');
    expect(breaker.allowance('a', T)).toBe(Number.POSITIVE_INFINITY);
    breaker.onFailure('a', T + 10);
    expect(breaker.state('a', T + 10)).toBe('open');
    expect(breaker.allowance('a', T + 1009)).toBe(0);
    expect(breaker.state('a', T + 1010)).toBe('half_open');
    expect(breaker.allowance('a', T + 1010)).toBe(1);
    breaker.onStart('a', T + 1010);
    expect(breaker.allowance('a', T + 1010)).toBe(0);
    expect(breaker.snapshot(T + 1010)).toEqual([
      { endpointId: 'a', state: 'half_open', consecutiveFailures: 3 },
    ]);
  });

  it('a successful probe closes the circuit', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1000 });
    breaker.onFailure('a', T);
    breaker.onStart('a', T + 1000);
    breaker.onSuccess('a');
    expect(breaker.state('a', T + 1000)).toBe('closed');
    expect(breaker.snapshot(T + 1000)).toEqual([]);
  });

  it('a failed probe re-opens it for a fresh cool-down', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000 });
    breaker.onFailure('a', T);
    breaker.onFailure('a', T);
    breaker.onStart('a', T + 1500);
    breaker.onFailure('a', T + 1600);
    expect(breaker.state('a', T + 2000)).toBe('open');
    expect(breaker.state('a', T + 2600)).toBe('half_open');
  });

  it('a success between failures resets the count; endpoints are independent', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000 });
    breaker.onFailure('a', T);
    breaker.onSuccess('a');
    breaker.onFailure('a', T);
    breaker.onFailure('b', T);
    breaker.onFailure('b', T);
    expect(breaker.state('a', T)).toBe('closed');
    expect(breaker.state('b', T)).toBe('open');
  });

  it('an abandoned probe frees the probe slot', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10 });
    breaker.onFailure('a', T);
    breaker.onStart('a', T + 10);
    breaker.onAbandon('a');
    expect(breaker.allowance('a', T + 10)).toBe(1);
  });
});
