import type {
  Attempt,
  ClaimedDelivery,
  Delivery,
  Endpoint,
  Message,
  OperationalEvent,
  Tenant,
} from '../types.js';
import { unprefix } from './columns.js';

/**
 * Row shapes as both drivers return them (snake_case). SQLite gives 0/1 booleans and JSON as TEXT;
 * pg gives booleans and parsed JSONB (BIGINT is parsed to number by the pool's type parser).
 */

type JsonColumn = string | object;
/** JSON columns are TEXT in SQLite and already-parsed JSONB in Postgres. */
const fromJson = <T>(value: JsonColumn): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export interface TenantRow {
  id: string;
  name: string;
  entitlement: Tenant['entitlement'];
  created_at: number;
  updated_at: number;
}

export interface EndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  method: Endpoint['method'];
  description: string;
  model: string;
  event_filter: JsonColumn;
  scheme: JsonColumn;
  secrets_sealed: string;
  retry_policy: JsonColumn;
  timeout_ms: number;
  enabled: number | boolean;
  disabled_reason: string | null;
  failing_since: number | null;
  created_at: number;
  updated_at: number;
}

export interface MessageRow {
  id: string;
  tenant_id: string;
  model: string;
  event: string;
  payload_json: string | null;
  idempotency_key: string | null;
  created_at: number;
}

export interface DeliveryRow {
  id: string;
  tenant_id: string;
  message_id: string;
  endpoint_id: string;
  event: string;
  state: Delivery['state'];
  attempt_count: number;
  next_attempt_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt_number: number;
  started_at: number;
  duration_ms: number;
  request_headers: JsonColumn;
  response_status: number | null;
  response_body_excerpt: string | null;
  outcome: Attempt['outcome'];
  error: string | null;
}

export interface OperationalEventRow {
  id: string;
  tenant_id: string | null;
  kind: string;
  detail_json: string;
  created_at: number;
}

export const toTenant = (r: TenantRow): Tenant => ({
  id: r.id,
  name: r.name,
  entitlement: r.entitlement,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toEndpoint = (r: EndpointRow): Endpoint => ({
  id: r.id,
  tenantId: r.tenant_id,
  url: r.url,
  method: r.method,
  description: r.description,
  model: r.model,
  eventFilter: fromJson(r.event_filter),
  scheme: fromJson(r.scheme),
  secretsSealed: r.secrets_sealed,
  retryPolicy: fromJson(r.retry_policy),
  timeoutMs: r.timeout_ms,
  enabled: r.enabled === 1 || r.enabled === true,
  disabledReason: r.disabled_reason,
  failingSince: r.failing_since,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  tenantId: r.tenant_id,
  model: r.model,
  event: r.event,
  payloadJson: r.payload_json,
  idempotencyKey: r.idempotency_key,
  createdAt: r.created_at,
});

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  tenantId: r.tenant_id,
  messageId: r.message_id,
  endpointId: r.endpoint_id,
  event: r.event,
  state: r.state,
  attemptCount: r.attempt_count,
  nextAttemptAt: r.next_attempt_at,
  leaseOwner: r.lease_owner,
  leaseExpiresAt: r.lease_expires_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toAttempt = (r: AttemptRow): Attempt => ({
  id: r.id,
  deliveryId: r.delivery_id,
  attemptNumber: r.attempt_number,
  startedAt: r.started_at,
  durationMs: r.duration_ms,
  requestHeaders: fromJson(r.request_headers),
  responseStatus: r.response_status,
  responseBodyExcerpt: r.response_body_excerpt,
  outcome: r.outcome,
  error: r.error,
});

export const toOperationalEvent = (r: OperationalEventRow): OperationalEvent => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind,
  detailJson: r.detail_json,
  createdAt: r.created_at,
});

/** Splits a row selected with CLAIMED_COLUMNS into delivery, message and endpoint. */
export function toClaimedDelivery(row: Record<string, unknown>): ClaimedDelivery {
  return {
    delivery: toDelivery(unprefix<DeliveryRow>(row, 'd')),
    message: toMessage(unprefix<MessageRow>(row, 'm')),
    endpoint: toEndpoint(unprefix<EndpointRow>(row, 'e')),
  };
}
