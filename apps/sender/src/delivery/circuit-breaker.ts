export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit rejects before letting one probe through. */
  cooldownMs?: number;
}

interface Circuit {
  consecutiveFailures: number;
  openedAt: number | null;
  probeInFlight: boolean;
}

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
  readonly #circuits = new Map<string, Circuit>();

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
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
    return this.#circuits.get(endpointId)?.probeInFlight ? 0 : 1;
  }

  /** Call when a request starts; in half-open state it becomes the single probe. */
  onStart(endpointId: string, now: number): void {
    if (this.state(endpointId, now) === 'half_open') this.#circuit(endpointId).probeInFlight = true;
  }

  onSuccess(endpointId: string): void {
    this.#circuits.delete(endpointId);
  }

  onFailure(endpointId: string, now: number): void {
    const circuit = this.#circuit(endpointId);
    circuit.consecutiveFailures++;
    const wasProbe = circuit.probeInFlight;
    circuit.probeInFlight = false;
    if (wasProbe || circuit.consecutiveFailures >= this.failureThreshold) circuit.openedAt = now;
  }

  /** A started request ended without a verdict (shutdown abort): free the probe slot. */
  onAbandon(endpointId: string): void {
    const circuit = this.#circuits.get(endpointId);
    if (circuit) circuit.probeInFlight = false;
  }

  /** Endpoints whose circuit is not closed, for metrics. */
  snapshot(now: number): CircuitSnapshot[] {
    return [...this.#circuits]
      .map(([endpointId, c]) => ({
        endpointId,
        state: this.state(endpointId, now),
        consecutiveFailures: c.consecutiveFailures,
      }))
      .filter((s) => s.state !== 'closed');
  }

  #circuit(endpointId: string): Circuit {
    let circuit = this.#circuits.get(endpointId);
    if (!circuit) {
      circuit = { consecutiveFailures: 0, openedAt: null, probeInFlight: false };
      this.#circuits.set(endpointId, circuit);
    }
    return circuit;
  }
}
