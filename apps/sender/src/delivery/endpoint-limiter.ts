/**
 * Caps requests in flight per endpoint, so one slow endpoint holds at most `maxInFlight` of the
 * worker's slots and the rest keep flowing to healthy endpoints.
 */
export class EndpointLimiter {
  readonly maxInFlight: number;
  readonly #inFlight = new Map<string, number>();

  constructor(maxInFlight = 8) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
      throw new RangeError(`maxInFlight must be a positive integer, got ${maxInFlight}`);
    }
    this.maxInFlight = maxInFlight;
  }

  inFlight(endpointId: string): number {
    return this.#inFlight.get(endpointId) ?? 0;
  }

  freeSlots(endpointId: string): number {
    return this.maxInFlight - this.inFlight(endpointId);
  }

  /** Takes a slot; false when the endpoint is at its cap. */
  tryAcquire(endpointId: string): boolean {
    const current = this.inFlight(endpointId);
    if (current >= this.maxInFlight) return false;
    this.#inFlight.set(endpointId, current + 1);
    return true;
  }

  release(endpointId: string): void {
    const current = this.inFlight(endpointId);
    if (current <= 1) this.#inFlight.delete(endpointId);
    else this.#inFlight.set(endpointId, current - 1);
  }

  /** Endpoints with no free slot. */
  saturated(): string[] {
    return [...this.#inFlight].filter(([, n]) => n >= this.maxInFlight).map(([id]) => id);
  }

  /** In-flight count per endpoint, for metrics. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#inFlight);
  }
}
