import { expiredTenantError, SKIPPED_ON_EXPIRY } from '../shared/entitlement-gate.js';
import { StoreError } from '../shared/errors.js';
import { checkClaimOptions } from '../shared/lifecycle.js';
import {
  type DeliveryRow,
  type EndpointRow,
  type MessageRow,
  toDelivery,
  toEndpoint,
  toMessage,
} from '../shared/rows.js';
import { requireId, requireTime } from '../shared/validate.js';
import type { ClaimedDelivery, ClaimOptions, Delivery } from '../types.js';
import type { SqliteConnection } from './connection.js';

/** Delivery lifecycle on SQLite. Every function runs inside one transaction (or one statement). */

/**
 * Seed 000: nothing is sent while a tenant's access has expired. Its waiting rows were skipped when
 * it expired; an attempt in flight then may leave a retry (or an expired lease), which waits here.
 */
const TENANT_ACTIVE = `NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = e.tenant_id AND t.entitlement = 'expired')`;

// Two index-ordered scans (expired leases first, as they are the oldest work), merged and cut to limit.
export const CLAIM_CANDIDATES = `
  SELECT id, next_attempt_at FROM (
    SELECT d.id, d.next_attempt_at FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id
    WHERE d.state = 'in_flight' AND d.lease_expires_at <= @now
      AND e.enabled = 1 AND e.deleted_at IS NULL AND ${TENANT_ACTIVE}
      AND d.endpoint_id NOT IN (SELECT value FROM json_each(@excluded))
    ORDER BY d.lease_expires_at LIMIT @limit)
  UNION ALL
  SELECT id, next_attempt_at FROM (
    SELECT d.id, d.next_attempt_at FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id
    WHERE d.state = 'pending' AND d.next_attempt_at <= @now
      AND e.enabled = 1 AND e.deleted_at IS NULL AND ${TENANT_ACTIVE}
      AND d.endpoint_id NOT IN (SELECT value FROM json_each(@excluded))
    ORDER BY d.next_attempt_at, d.id LIMIT @limit)
  ORDER BY next_attempt_at, id LIMIT @limit`;

export function claimDueDeliveries(conn: SqliteConnection, options: ClaimOptions): ClaimedDelivery[] {
  checkClaimOptions(options);
  return conn.writeRelaxed(() => {
    const candidates = conn.stmt(CLAIM_CANDIDATES).all({
      now: options.now,
      limit: options.limit,
      excluded: JSON.stringify(options.excludeEndpointIds ?? []),
    }) as { id: string }[];
    if (candidates.length === 0) return [];
    const ids = JSON.stringify(candidates.map((c) => c.id));
    const leased = conn
      .stmt(
        `UPDATE deliveries SET state = 'in_flight', lease_owner = ?, lease_expires_at = ?, updated_at = ?
         WHERE id IN (SELECT value FROM json_each(?)) RETURNING *`,
      )
      .all(options.workerId, options.now + options.leaseMs, options.now, ids) as DeliveryRow[];
    // Messages and endpoints are read once each, not once per joined row: a claim is mostly
    // rows of a few endpoints, and re-reading and re-parsing the endpoint per row was most of its cost.
    const messages = new Map(
      (
        conn
          .stmt('SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify([...new Set(leased.map((row) => row.message_id))])) as MessageRow[]
      ).map((row) => [row.id, toMessage(row)]),
    );
    const endpoints = new Map(
      (
        conn
          .stmt('SELECT * FROM endpoints WHERE id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify([...new Set(leased.map((row) => row.endpoint_id))])) as EndpointRow[]
      ).map((row) => [row.id, toEndpoint(row)]),
    );
    return leased
      .sort(
        (a, b) =>
          (a.next_attempt_at ?? 0) - (b.next_attempt_at ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .map((row) => ({
        delivery: toDelivery(row),
        message: messages.get(row.message_id)!,
        endpoint: endpoints.get(row.endpoint_id)!,
      }));
  });
}

export function releaseDeliveries(
  conn: SqliteConnection,
  workerId: string,
  ids: string[],
  now: number,
  retryAt?: number,
): number {
  requireId('workerId', workerId);
  requireTime('now', now);
  if (retryAt !== undefined) requireTime('retryAt', retryAt);
  if (ids.length === 0) return 0;
  return conn.writeRelaxed(
    () =>
      conn
        .stmt(
          `UPDATE deliveries SET state = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?,
             next_attempt_at = COALESCE(?, next_attempt_at)
           WHERE lease_owner = ? AND state = 'in_flight' AND id IN (SELECT value FROM json_each(?))`,
        )
        .run(now, retryAt ?? null, workerId, JSON.stringify(ids)).changes,
  );
}

// Through the partial indexes of unfinished rows (a working set), never a walk over every delivery
// the endpoint ever had.
export const DELETE_UNFINISHED_OF_ENDPOINT = `
  DELETE FROM deliveries WHERE id IN (
    SELECT id FROM deliveries INDEXED BY deliveries_due WHERE state = 'pending' AND endpoint_id = ?
    UNION ALL
    SELECT id FROM deliveries INDEXED BY deliveries_leases WHERE state = 'in_flight' AND endpoint_id = ?)`;

/**
 * Call inside a write transaction. Deliveries of the tenant still waiting (new, or between
 * retries) become skipped; one being sent right now finishes its attempt.
 */
export function skipWaitingOfTenant(conn: SqliteConnection, tenantId: string, now: number): number {
  return conn
    .stmt(
      `UPDATE deliveries SET state = 'skipped', next_attempt_at = NULL, last_error = ?, updated_at = ?
       WHERE id IN (SELECT id FROM deliveries INDEXED BY deliveries_due WHERE state = 'pending' AND tenant_id = ?)`,
    )
    .run(SKIPPED_ON_EXPIRY, now, tenantId).changes;
}

/** Call inside a write transaction. */
export function redeliver(
  conn: SqliteConnection,
  id: string,
  now: number,
  tenantId?: string,
): Delivery | null {
  requireTime('now', now);
  const row = conn
    .stmt(
      `SELECT d.*, m.payload_json IS NULL AS purged, e.deleted_at IS NOT NULL AS endpoint_deleted,
         t.entitlement = 'expired' AS tenant_expired
       FROM deliveries d JOIN messages m ON m.id = d.message_id JOIN endpoints e ON e.id = d.endpoint_id
         JOIN tenants t ON t.id = d.tenant_id
       WHERE d.id = ? AND (? IS NULL OR d.tenant_id = ?)`,
    )
    .get(id, tenantId ?? null, tenantId ?? null) as
    | (DeliveryRow & { purged: number; endpoint_deleted: number; tenant_expired: number })
    | undefined;
  if (!row) return null;
  if (row.tenant_expired) throw expiredTenantError(row.tenant_id);
  if (row.purged) throw new StoreError('payload_purged', `delivery ${id}: payload was removed by retention`);
  if (row.endpoint_deleted) throw new StoreError('conflict', `delivery ${id}: its endpoint was deleted`);
  // A delivery being sent right now is left alone; one already waiting is simply made due now.
  if (row.state === 'in_flight') return toDelivery(row);
  const updated = conn
    .stmt(
      `UPDATE deliveries SET state = 'pending', next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL,
         updated_at = ? WHERE id = ? RETURNING *`,
    )
    .get(now, now, id) as DeliveryRow;
  return toDelivery(updated);
}

export function recoverFailed(
  conn: SqliteConnection,
  endpointId: string,
  since: number,
  now: number,
  tenantId?: string,
): number {
  requireTime('since', since);
  requireTime('now', now);
  const owner = conn
    .stmt(
      `SELECT t.id, t.entitlement FROM endpoints e JOIN tenants t ON t.id = e.tenant_id
       WHERE e.id = ? AND (? IS NULL OR e.tenant_id = ?)`,
    )
    .get(endpointId, tenantId ?? null, tenantId ?? null) as { id: string; entitlement: string } | undefined;
  if (owner?.entitlement === 'expired') throw expiredTenantError(owner.id);
  return conn
    .stmt(
      `UPDATE deliveries SET state = 'pending', next_attempt_at = ?, updated_at = ?
       WHERE endpoint_id = ? AND state = 'failed' AND created_at >= ? AND (? IS NULL OR tenant_id = ?)
         AND EXISTS (SELECT 1 FROM messages m WHERE m.id = deliveries.message_id AND m.payload_json IS NOT NULL)
         AND EXISTS (SELECT 1 FROM endpoints e WHERE e.id = deliveries.endpoint_id AND e.deleted_at IS NULL)`,
    )
    .run(now, now, endpointId, since, tenantId ?? null, tenantId ?? null).changes;
}

/** Call inside a write transaction. Soft-deletes (history keeps its reference) and wipes the secrets. */
export function deleteEndpoint(
  conn: SqliteConnection,
  id: string,
  tenantId: string | undefined,
  now: number,
): boolean {
  const updated = conn
    .stmt(
      `UPDATE endpoints SET deleted_at = ?, updated_at = ?, enabled = 0, secrets_sealed = ''
       WHERE id = ? AND deleted_at IS NULL AND (? IS NULL OR tenant_id = ?)`,
    )
    .run(now, now, id, tenantId ?? null, tenantId ?? null);
  if (updated.changes === 0) return false;
  // Attempts of these deliveries go with them (ON DELETE CASCADE).
  conn.stmt(DELETE_UNFINISHED_OF_ENDPOINT).run(id, id);
  return true;
}
