import type { ClaimedDelivery, Endpoint, NewMessage, PublishLease } from '../types.js';
import type { PlannedDelivery } from './fan-out.js';
import { checkClaimOptions } from './lifecycle.js';

/**
 * Which of a publish's new deliveries are stored leased to the publishing process's worker (see
 * `PublishLease`), shared by both backends so they choose identically: due now, not skipped, not
 * for an excluded endpoint, first come first served up to `limit`.
 */
export class PublishLeaseBudget {
  readonly #lease: PublishLease | null;
  readonly #excluded: Set<string>;
  #left: number;

  constructor(lease: PublishLease | null) {
    if (lease) checkClaimOptions(lease);
    this.#lease = lease;
    this.#excluded = new Set(lease?.excludeEndpointIds ?? []);
    this.#left = lease?.limit ?? 0;
  }

  /** The lease columns for this planned delivery, or null when it stays pending (or skipped). */
  take(message: NewMessage, planned: PlannedDelivery): { owner: string; expiresAt: number } | null {
    if (!this.#lease || this.#left <= 0 || planned.state !== 'pending') return null;
    if (this.#excluded.has(planned.endpointId) || (planned.nextAttemptAt ?? 0) > message.createdAt)
      return null;
    this.#left--;
    return { owner: this.#lease.workerId, expiresAt: this.#lease.now + this.#lease.leaseMs };
  }
}

/** The in-memory twin of a row stored leased: exactly what the claim query would have returned. */
export function leasedClaim(
  deliveryId: string,
  message: NewMessage,
  endpoint: Endpoint,
  lease: { owner: string; expiresAt: number },
): ClaimedDelivery {
  return {
    delivery: {
      id: deliveryId,
      tenantId: message.tenantId,
      messageId: message.id,
      endpointId: endpoint.id,
      event: message.event,
      state: 'in_flight',
      attemptCount: 0,
      nextAttemptAt: message.createdAt,
      leaseOwner: lease.owner,
      leaseExpiresAt: lease.expiresAt,
      lastStatus: null,
      lastError: null,
      createdAt: message.createdAt,
      updatedAt: message.createdAt,
    },
    message: {
      id: message.id,
      tenantId: message.tenantId,
      model: message.model,
      event: message.event,
      payloadJson: message.payloadJson,
      idempotencyKey: message.idempotencyKey,
      createdAt: message.createdAt,
    },
    endpoint,
  };
}
