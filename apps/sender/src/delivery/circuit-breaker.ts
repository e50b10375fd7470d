export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit rejects before letting one probe through. */
  cooldownMs?: number;
  /**
   * A circuit that saw no request for this long (counted from the end of an open circuit's
   * cool-down) is forgotten (closed) when its state is listed (default 1 h): an endpoint deleted or disabled while its circuit was open never sends the probe
   * that would close it, and would stay listed as open, in metrics too, until the process ends.
   */
  forgetAfterMs?: number;
}

interface Circuit {
  consecutiveFailures: number;
  openedAt: number | null;
  /** The half-open circuit's probe in flight; compared by identity, so only its own outcome counts. */
  probe: BreakerAttempt | null;
  /** The last request started or failed. */
  lastSeenAt: number;
}

/** What `onStart` returns, to hand back with the request's outcome. */
export interface BreakerAttempt {
  /** Whether this request is the half-open circuit's single probe. */
  readonly probe: boolean;
}

const NOT_PROBE: BreakerAttempt = Object.freeze({ probe: false });

export interface CircuitSnapshot {
  endpointId: string;
  state: CircuitState;
  consecutiveFailures: number;
}

/**
 * Per-endpoint circuit breaker: after `failureThreshold` consecutive failures an endpoint gets no
 * traffic for `cooldownMs`; then exactly one probe decides whether it closes again or re-opens.
 * Keeps a dead endpoint from eating worker slots that healthy endpoints need. All times are
 * passed in, so the worker's clock drives it.
 */
export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  readonly forgetAfterMs: number;
  readonly #circuits = new Map<string, Circuit>();

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.forgetAfterMs = options.forgetAfterMs ?? 3_600_000;
  }

  state(endpointId: string, now: number): CircuitState {
    const circuit = this.#circuits.get(endpointId);
    if (!circuit || circuit.openedAt === null) return 'closed';
    return now - circuit.openedAt >= this.cooldownMs ? 'half_open' : 'open';
  }

  /** How many requests the endpoint may start now, by the breaker alone (Infinity when closed). */
  allowance(endpointId: string, now: number): number {
    const state = this.state(endpointId, now);
    if (state === 'closed') return Number.POSITIVE_INFINITY;
    if (state === 'open') return 0;
    return this.#circuits.get(endpointId)?.probe ? 0 : 1;
  }

  /**
   * Call when a request starts; in half-open state it becomes the single probe. Pass the returned
   * ticket to the outcome call: requests that started before the circuit opened end later, and
   * without the ticket their outcome was taken for the probe's (freeing the slot for a second one).
   * A ticket counts once: a second outcome call for an ended probe cannot free a newer probe's slot.
   */
  onStart(endpointId: string, now: number): BreakerAttempt {
    const existing = this.#circuits.get(endpointId);
    if (existing) existing.lastSeenAt = now;
    // Exactly 1 only when half-open with no probe in flight.
    if (this.allowance(endpointId, now) !== 1) return NOT_PROBE;
    const probe: BreakerAttempt = { probe: true };
    this.#circuit(endpointId, now).probe = probe;
    return probe;
  }

  /**
   * Only the probe closes an open circuit. A success of a request that started earlier is ignored
   * while the circuit is open (probe pending or not): the endpoint failed after that request was
   * sent, so one late answer does not show it recovered; the probe, sent after the cool-down, does.
   */
  onSuccess(endpointId: string, attempt: BreakerAttempt): void {
    const circuit = this.#circuits.get(endpointId);
    if (circuit && (circuit.probe === attempt || circuit.openedAt === null))
      this.#circuits.delete(endpointId);
  }

  /** Any failure counts; only the probe's frees the probe slot (an older one re-opens, probe pending). */
  onFailure(endpointId: string, now: number, attempt: BreakerAttempt): void {
    const circuit = this.#circuit(endpointId, now);
    circuit.lastSeenAt = now;
    circuit.consecutiveFailures++;
    const wasProbe = circuit.probe === attempt;
    if (wasProbe) circuit.probe = null;
    if (wasProbe || circuit.consecutiveFailures >= this.failureThreshold) circuit.openedAt = now;
  }

  /** A started request ended without a verdict (shutdown abort, store down): a probe frees its slot. */
  onAbandon(endpointId: string, attempt: BreakerAttempt): void {
    const circuit = this.#circuits.get(endpointId);
    if (circuit?.probe === attempt) circuit.probe = null;
  }

  /** Endpoints whose circuit is not closed (for metrics and the worker's claims); forgets idle ones. */
  snapshot(now: number): CircuitSnapshot[] {
    for (const [endpointId, circuit] of this.#circuits) {
      // Idle from its last request, or from the end of its cool-down (no request may come before).
      const idleSince =
        circuit.openedAt === null
          ? circuit.lastSeenAt
          : Math.max(circuit.lastSeenAt, circuit.openedAt + this.cooldownMs);
      if (circuit.probe === null && now - idleSince > this.forgetAfterMs) this.#circuits.delete(endpointId);
    }
    return [...this.#circuits]
      .map(([endpointId, c]) => ({
        endpointId,
        state: this.state(endpointId, now),
        consecutiveFailures: c.consecutiveFailures,
      }))
      .filter((s) => s.state !== 'closed');
  }

  #circuit(endpointId: string, now: number): Circuit {
    let circuit = this.#circuits.get(endpointId);
    if (!circuit) {
      circuit = { consecutiveFailures: 0, openedAt: null, probe: null, lastSeenAt: now };
      this.#circuits.set(endpointId, circuit);
    }
    return circuit;
  }
}
