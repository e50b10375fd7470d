import { uuidv7 } from '../../ids/uuidv7.js';
import type {
  ClaimedDelivery,
  CompleteDeliveryInput,
  NewAttempt,
  NewEndpoint,
  NewMessage,
  Store,
} from '../types.js';

/** A fresh, migrated store per test; `reopen` opens a second instance on the same data (durability). */
export interface StoreHarness {
  store: Store;
  cleanup: () => Promise<void>;
  reopen: () => Promise<Store>;
}

export interface ContractContext {
  /** The store of the running test. */
  readonly store: Store;
  readonly harness: StoreHarness;
}

export const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
export const MODEL = 'plan_bound_v2';

export function newEndpoint(tenantId: string, overrides: Partial<NewEndpoint> = {}): NewEndpoint {
  return {
    id: uuidv7(),
    tenantId,
    url: 'http://127.0.0.1:9/hook',
    method: 'POST',
    description: 'family automation',
    model: MODEL,
    eventFilter: [],
    scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'X-OpenTask-Signature' },
    secretsSealed: '{"secret":"whsec_test"}',
    retryPolicy: {
      maxAttempts: 5,
      delaysMs: [15_000, 60_000, 150_000, 600_000],
      jitter: 0,
      retryOn: { network: true, timeout: true, status429: true, status5xx: true, status4xx: false },
      maxRetryAfterMs: 600_000,
      preset: 'seed-002',
    },
    timeoutMs: 10_000,
    enabled: true,
    ...overrides,
  };
}

export function newMessage(tenantId: string, overrides: Partial<NewMessage> = {}): NewMessage {
  const event = overrides.event ?? 'plan.completed';
  return {
    id: uuidv7(),
    tenantId,
    model: MODEL,
    event,
    payloadJson: JSON.stringify({ event, model: MODEL, score: 37.5 }),
    idempotencyKey: null,
    createdAt: T0,
    ...overrides,
  };
}

export function newAttempt(
  deliveryId: string,
  attemptNumber: number,
  overrides: Partial<NewAttempt> = {},
): NewAttempt {
  return {
    id: uuidv7(),
    deliveryId,
    attemptNumber,
    startedAt: T0 + attemptNumber * 1000,
    durationMs: 42,
    requestHeaders: { 'content-type': 'application/json', 'x-opentask-signature': '[redacted]' },
    responseStatus: 200,
    responseBodyExcerpt: 'ok',
    outcome: 'succeeded',
    error: null,
    ...overrides,
  };
}

/** Completion input for a claimed delivery, as a worker would build it. */
export function completion(
  claimed: ClaimedDelivery,
  workerId: string,
  outcome: 'succeeded' | 'failed' | { retryAt: number },
  now: number,
): CompleteDeliveryInput {
  const number = claimed.delivery.attemptCount + 1;
  if (typeof outcome === 'object') {
    return {
      deliveryId: claimed.delivery.id,
      leaseOwner: workerId,
      attempt: newAttempt(claimed.delivery.id, number, {
        startedAt: now,
        responseStatus: 503,
        outcome: 'retry_scheduled',
        error: 'http_status: 503',
      }),
      state: 'pending',
      nextAttemptAt: outcome.retryAt,
      now,
    };
  }
  return {
    deliveryId: claimed.delivery.id,
    leaseOwner: workerId,
    attempt: newAttempt(claimed.delivery.id, number, {
      startedAt: now,
      responseStatus: outcome === 'succeeded' ? 200 : 410,
      outcome,
      error: outcome === 'succeeded' ? null : 'http_status: 410',
    }),
    state: outcome,
    nextAttemptAt: null,
    now,
  };
}

/** A tenant with `count` catch-all endpoints, ready for publishing. */
export async function seedTenant(
  store: Store,
  options: { id?: string; endpoints?: number; entitlement?: 'active' | 'expired' } = {},
): Promise<{ tenantId: string; endpointIds: string[] }> {
  const tenantId = options.id ?? `tenant-${uuidv7()}`;
  await store.createTenant(
    { id: tenantId, name: 'Family', entitlement: options.entitlement ?? 'active' },
    T0,
  );
  const endpointIds: string[] = [];
  for (let i = 0; i < (options.endpoints ?? 1); i++) {
    endpointIds.push((await store.createEndpoint(newEndpoint(tenantId), T0)).id);
  }
  return { tenantId, endpointIds };
}

/** Claims with a generous limit, for tests that just need "everything due now". */
export function claimAll(store: Store, workerId: string, now: number, leaseMs = 30_000) {
  return store.claimDueDeliveries({ workerId, now, limit: 1000, leaseMs });
}
