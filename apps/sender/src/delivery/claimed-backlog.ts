import type { ClaimedDelivery } from '../store/types.js';

/**
 * Claimed deliveries waiting, in claim order, for a free slot of their endpoint.
 *
 * Why it exists: the claim query cannot cap rows per endpoint, so a claim for a busy endpoint
 * returns more rows than its in-flight cap allows. Handing the surplus straight back (the old
 * behaviour) cost two writes per row and, with one busy endpoint, re-claimed and released dozens
 * of rows for every delivery sent. Keeping one extra round per endpoint here means a finishing
 * attempt starts the next one at once, without a database round trip.
 */
export class ClaimedBacklog {
  readonly perEndpoint: number;
  readonly #byEndpoint = new Map<string, ClaimedDelivery[]>();
  // Delivery ids waiting: a row re-claimed while it waits must not be queued (and sent) twice.
  readonly #ids = new Set<string>();

  constructor(perEndpoint: number) {
    if (!Number.isInteger(perEndpoint) || perEndpoint < 0) {
      throw new RangeError(`perEndpoint must be a non-negative integer, got ${perEndpoint}`);
    }
    this.perEndpoint = perEndpoint;
  }

  get size(): number {
    return this.#ids.size;
  }

  has(deliveryId: string): boolean {
    return this.#ids.has(deliveryId);
  }

  /**
   * Swaps the waiting copy of the same delivery for a fresher claim (its lease was renewed),
   * keeping its place in line; false when the delivery is not waiting here.
   */
  refresh(claim: ClaimedDelivery): boolean {
    const queue = this.#byEndpoint.get(claim.endpoint.id);
    const index = queue?.findIndex((waiting) => waiting.delivery.id === claim.delivery.id) ?? -1;
    if (index < 0) return false;
    queue![index] = claim;
    return true;
  }

  /** How many endpoints have claims waiting. */
  get endpointCount(): number {
    return this.#byEndpoint.size;
  }

  waiting(endpointId: string): number {
    return this.#byEndpoint.get(endpointId)?.length ?? 0;
  }

  /** Queues the claim; false when its endpoint already has `perEndpoint` waiting or it already waits. */
  tryAdd(claim: ClaimedDelivery): boolean {
    const endpointId = claim.endpoint.id;
    const queue = this.#byEndpoint.get(endpointId);
    if ((queue?.length ?? 0) >= this.perEndpoint || this.#ids.has(claim.delivery.id)) return false;
    if (queue) queue.push(claim);
    else this.#byEndpoint.set(endpointId, [claim]);
    this.#ids.add(claim.delivery.id);
    return true;
  }

  /** The oldest waiting claim of the endpoint, removed from the backlog. */
  take(endpointId: string): ClaimedDelivery | undefined {
    const queue = this.#byEndpoint.get(endpointId);
    const claim = queue?.shift();
    if (!claim) return undefined;
    if (queue!.length === 0) this.#byEndpoint.delete(endpointId);
    this.#ids.delete(claim.delivery.id);
    return claim;
  }

  /** Endpoints with claims waiting. */
  endpoints(): string[] {
    return [...this.#byEndpoint.keys()];
  }

  /** Endpoints whose backlog is full: claiming more for them would only be handed back. */
  full(): string[] {
    return [...this.#byEndpoint].filter(([, q]) => q.length >= this.perEndpoint).map(([id]) => id);
  }

  /** Empties the backlog (shutdown): the caller releases these. */
  drain(): ClaimedDelivery[] {
    const all = [...this.#byEndpoint.values()].flat();
    this.#byEndpoint.clear();
    this.#ids.clear();
    return all;
  }
}
