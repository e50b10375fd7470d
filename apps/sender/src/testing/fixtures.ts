import { getPreset } from '../delivery/presets.js';
import type { ClaimedDelivery, Endpoint, StoredScheme } from '../store/types.js';

const T0 = Date.UTC(2026, 1, 27, 15, 0, 0);

export const samplePayload = JSON.stringify({
  event: 'task.completed',
  timestamp: '2026-02-27T15:00:00.000Z',
  data: { task: { id: 42, title: 'Call dentist ☎', done: true } },
});

export function sampleEndpoint(overrides: Partial<Endpoint> = {}): Endpoint {
  const { policy, timeoutMs } = getPreset('seed-003');
  return {
    id: 'ep_1',
    tenantId: 'tenant_1',
    url: 'http://127.0.0.1:9/hook',
    method: 'POST',
    description: 'test endpoint',
    model: 'opentask_v1',
    eventFilter: [],
    scheme: { scheme: 'hmac-sha256-hex' } satisfies StoredScheme,
    secretsSealed: JSON.stringify({ secrets: ['s3cret-value'], headers: {} }),
    retryPolicy: policy,
    timeoutMs,
    enabled: true,
    disabledReason: null,
    failingSince: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** An in-memory claimed delivery, for the parts that do not need a store (request building). */
export function sampleClaim(
  endpoint: Endpoint = sampleEndpoint(),
  payloadJson: string | null = samplePayload,
): ClaimedDelivery {
  return {
    endpoint,
    message: {
      id: 'msg_01J0000000000000000000000',
      tenantId: endpoint.tenantId,
      model: endpoint.model,
      event: 'task.completed',
      payloadJson,
      idempotencyKey: null,
      createdAt: T0,
    },
    delivery: {
      id: 'dlv_1',
      tenantId: endpoint.tenantId,
      messageId: 'msg_01J0000000000000000000000',
      endpointId: endpoint.id,
      event: 'task.completed',
      state: 'in_flight',
      attemptCount: 0,
      nextAttemptAt: T0,
      leaseOwner: 'w1',
      leaseExpiresAt: T0 + 60_000,
      lastStatus: null,
      lastError: null,
      createdAt: T0,
      updatedAt: T0,
    },
  };
}
