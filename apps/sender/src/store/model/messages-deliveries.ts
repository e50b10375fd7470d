/** Messages, their deliveries and attempts as the store holds them (times in epoch ms). */

import type { Endpoint } from './tenants-endpoints.js';

export interface NewMessage {
  id: string;
  tenantId: string;
  model: string;
  event: string;
  /** The validated payload, serialised once by the caller (what is signed and sent). */
  payloadJson: string;
  idempotencyKey: string | null;
  createdAt: number;
  /** Restrict fan-out to these endpoints (sendTest, env-only mode); undefined = every matching endpoint. */
  onlyEndpointIds?: string[];
}

export interface PublishResult {
  messageId: string;
  /** True when the idempotency key was seen before: nothing new was stored or fanned out. */
  duplicate: boolean;
  /** Deliveries created (0 for a duplicate). */
  deliveriesCreated: number;
  /** Deliveries recorded as skipped because the tenant's entitlement is expired. */
  deliveriesSkipped: number;
  /**
   * On a duplicate: the part in which this request differs from the message the key first stored
   * (the payload is compared while retention keeps it). Absent when it is the same request.
   */
  conflict?: IdempotencyConflict;
}

export type IdempotencyConflict = 'model' | 'event' | 'payload';

export interface Message {
  id: string;
  tenantId: string;
  model: string;
  event: string;
  payloadJson: string | null; // null once purged by retention
  idempotencyKey: string | null;
  createdAt: number;
}

export type DeliveryState = 'pending' | 'in_flight' | 'succeeded' | 'failed' | 'skipped';

export interface Delivery {
  id: string;
  tenantId: string;
  messageId: string;
  endpointId: string;
  event: string;
  state: DeliveryState;
  attemptCount: number;
  nextAttemptAt: number | null;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What a worker needs to send one delivery, joined in the claim query (no N+1). */
export interface ClaimedDelivery {
  delivery: Delivery;
  message: Message;
  endpoint: Endpoint;
}

export type AttemptOutcome = 'succeeded' | 'failed' | 'retry_scheduled';

export interface NewAttempt {
  id: string;
  deliveryId: string;
  attemptNumber: number;
  startedAt: number;
  durationMs: number;
  /** Request headers as sent, with secrets already redacted by the caller. */
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  /** First few KB of the response body (capped by the caller). */
  responseBodyExcerpt: string | null;
  outcome: AttemptOutcome;
  /** network / timeout / http_status / ssrf_blocked / … plus a message; never contains secrets. */
  error: string | null;
}

export interface Attempt extends NewAttempt {}

export interface CompleteDeliveryInput {
  deliveryId: string;
  /** The worker that claimed it; the update only applies while this worker still holds the lease. */
  leaseOwner: string;
  attempt: NewAttempt;
  /** New state: succeeded, failed (final) or pending (retry at nextAttemptAt). */
  state: 'succeeded' | 'failed' | 'pending';
  nextAttemptAt: number | null;
  now: number;
}

export interface ClaimOptions {
  workerId: string;
  now: number;
  limit: number;
  /** Lease length; must exceed the longest request timeout. */
  leaseMs: number;
  /** Endpoints to skip (circuit open or at their concurrency cap). */
  excludeEndpointIds?: string[];
}

/**
 * Hands new deliveries straight to a worker in the publishing process: they are stored already
 * leased to it (in the same transaction), so the worker starts them without a claim query. The
 * lease is the crash-safety: if that worker never finishes them, they are claimable when it expires.
 */
export interface PublishLease {
  workerId: string;
  /** When the lease starts (the worker's clock, just before the publish is written). */
  now: number;
  /** Lease length from `now`; must exceed the longest request timeout. */
  leaseMs: number;
  /** At most this many deliveries are leased (the worker's free slots); the rest stay pending. */
  limit: number;
  /** Endpoints whose deliveries stay pending (circuit open or at their concurrency cap). */
  excludeEndpointIds?: string[];
}

export interface LeasedPublish {
  results: PublishResult[];
  /** The deliveries stored leased to `PublishLease.workerId`, in publish order. */
  leased: ClaimedDelivery[];
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null at the end. */
  nextCursor: string | null;
}

export interface DeliveryFilter {
  tenantId?: string;
  endpointId?: string;
  messageId?: string;
  state?: DeliveryState;
  event?: string;
  since?: number;
  until?: number;
  cursor?: string | null;
  limit?: number;
}

export interface MessageFilter {
  tenantId?: string;
  event?: string;
  since?: number;
  until?: number;
  cursor?: string | null;
  limit?: number;
}

export interface OperationalEvent {
  id: string;
  tenantId: string | null;
  kind: string; // e.g. endpoint.disabled
  detailJson: string;
  createdAt: number;
}

/** An endpoint that kept failing, to disable, and the operational event that records it. */
export interface FailingEndpointDisable {
  endpointId: string;
  reason: string;
  /**
   * Disable only if the stored `failing_since` is set and at or before this time (now minus the
   * failing period). The stored value decides, not the caller's: a success written meanwhile (by
   * this process or another) cleared or moved it, and then the endpoint stays on.
   */
  failingSinceCutoff: number;
  event: OperationalEvent;
}

/**
 * Where the next call of the same retention pass may start each scan (a `created_at`): rows
 * before it were all looked at. Without it every batch walked again, from the oldest row, past
 * the rows that cannot go yet (the pending deliveries of a disabled endpoint, their messages),
 * synchronously on SQLite. Only rows at that very time are looked at twice; a new pass starts
 * from the beginning, for rows that became purgeable since.
 */
export interface PurgeResume {
  payloads?: number;
}

export interface RecordPurgeResume {
  deliveries?: number;
  messages?: number;
}

export interface PurgeResult {
  attemptsDeleted: number;
  payloadsCleared: number;
  resume: PurgeResume;
}

export interface RecordPurgeResult {
  resume: RecordPurgeResume;
  deliveriesDeleted: number;
  messagesDeleted: number;
  /** Operational events (endpoint failing, disabled, …) older than the cutoff. */
  operationalEventsDeleted: number;
  /** Endpoints deleted (soft) before the cutoff with no delivery row left. */
  endpointsDeleted: number;
}
