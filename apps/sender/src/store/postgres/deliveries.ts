import type pg from 'pg';
import { CLAIMED_COLUMNS } from '../shared/columns.js';
import { expiredTenantError, SKIPPED_ON_EXPIRY } from '../shared/entitlement-gate.js';
import { StoreError } from '../shared/errors.js';
import { checkClaimOptions } from '../shared/lifecycle.js';
import { type DeliveryRow, toClaimedDelivery, toDelivery } from '../shared/rows.js';
import { requireId, requireTime } from '../shared/validate.js';
import type { ClaimedDelivery, ClaimOptions, Delivery } from '../types.js';
import type { PostgresConnection } from './connection.js';

/** Delivery lifecycle on PostgreSQL; safe with many sender processes on one database. */

/**
 * Endpoints whose rows are not sent (disabled or deleted; usually none): the claim filters them out
 * with one hashed lookup rather than joining endpoints. A join let the planner drive the claim from
 * the endpoint (its deliveries index) and read and sort every pending row of it, on every claim,
 * whenever the statistics of the fast-changing deliveries table were stale (a fresh schema, a burst):
 * ~20 ms per claim with 10k rows pending. Without it the only sensible plan reads deliveries_due
 * (and deliveries_leases) in order and stops after `limit` rows. For the same reason the two scans'
 * LIMIT is a sub-select, which the planner cannot read: it then costs each scan as stopping early,
 * so it walks the index in order instead of fetching every due row (or every lease, dead ones
 * included, as a bitmap scan does until vacuum) and sorting them, which an underestimate of the due
 * rows (no statistics yet) made look cheaper.
 */
/** Disabled and deleted endpoints (usually none), evaluated once per claim as a hashed set. */
const UNCLAIMABLE_ENDPOINTS = 'SELECT x.id FROM endpoints x WHERE NOT x.enabled OR x.deleted_at IS NOT NULL';

/**
 * Tenants whose access expired (seed 000: nothing is sent meanwhile; an attempt in flight at expiry
 * may leave a retry, which waits here). A separate hashed set on the row's own tenant_id: folding it
 * into UNCLAIMABLE_ENDPOINTS as an OR made the planner give up the hashed subplan once the endpoints
 * table was large (~260k endpoints: 853 ms per claim instead of 146 ms).
 */
const EXPIRED_TENANTS = "SELECT t.id FROM tenants t WHERE t.entitlement = 'expired'";

/**
 * One statement: lock due rows (expired leases and due pending rows, each read in index order),
 * skipping rows another claimer holds, lease them, and return them joined with message and endpoint.
 * Rows that another transaction changed after our snapshot are re-checked on lock, so a row is never
 * leased twice.
 */
export const CLAIM_SQL = `
  WITH expired AS (
    SELECT d.id, d.next_attempt_at FROM deliveries d
    WHERE d.state = 'in_flight' AND d.lease_expires_at <= $1
      AND d.endpoint_id <> ALL ($2::text[]) AND d.endpoint_id NOT IN (${UNCLAIMABLE_ENDPOINTS})
      AND d.tenant_id NOT IN (${EXPIRED_TENANTS})
    ORDER BY d.lease_expires_at LIMIT (SELECT $3::int)
    FOR UPDATE OF d SKIP LOCKED
  ), due AS (
    SELECT d.id, d.next_attempt_at FROM deliveries d
    WHERE d.state = 'pending' AND d.next_attempt_at <= $1
      AND d.endpoint_id <> ALL ($2::text[]) AND d.endpoint_id NOT IN (${UNCLAIMABLE_ENDPOINTS})
      AND d.tenant_id NOT IN (${EXPIRED_TENANTS})
    ORDER BY d.next_attempt_at, d.id LIMIT (SELECT $3::int)
    FOR UPDATE OF d SKIP LOCKED
  ), chosen AS (
    SELECT id FROM (SELECT * FROM expired UNION ALL SELECT * FROM due) candidates
    ORDER BY next_attempt_at, id LIMIT $3
  ), claimed AS (
    UPDATE deliveries d SET state = 'in_flight', lease_owner = $4, lease_expires_at = $5, updated_at = $1
    FROM chosen WHERE d.id = chosen.id
    RETURNING d.*
  )
  SELECT ${CLAIMED_COLUMNS} FROM claimed d
  JOIN messages m ON m.id = d.message_id JOIN endpoints e ON e.id = d.endpoint_id
  ORDER BY d.next_attempt_at, d.id`;

export async function claimDueDeliveries(
  conn: PostgresConnection,
  options: ClaimOptions,
): Promise<ClaimedDelivery[]> {
  checkClaimOptions(options);
  const { rows } = await conn.query(CLAIM_SQL, [
    options.now,
    options.excludeEndpointIds ?? [],
    options.limit,
    options.workerId,
    options.now + options.leaseMs,
  ]);
  return rows.map(toClaimedDelivery);
}

export async function releaseDeliveries(
  conn: PostgresConnection,
  workerId: string,
  ids: string[],
  now: number,
  retryAt?: number,
): Promise<number> {
  requireId('workerId', workerId);
  requireTime('now', now);
  if (retryAt !== undefined) requireTime('retryAt', retryAt);
  if (ids.length === 0) return 0;
  const result = await conn.query(
    `UPDATE deliveries SET state = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = $1,
       next_attempt_at = COALESCE($4::bigint, next_attempt_at)
     WHERE lease_owner = $2 AND state = 'in_flight' AND id = ANY ($3::text[])`,
    [now, workerId, ids, retryAt ?? null],
  );
  return result.rowCount ?? 0;
}

export function redeliver(
  conn: PostgresConnection,
  id: string,
  now: number,
  tenantId?: string,
): Promise<Delivery | null> {
  requireTime('now', now);
  return conn.transaction(async (client) => {
    const { rows } = await client.query<
      DeliveryRow & { purged: boolean; endpoint_deleted: boolean; tenant_expired: boolean }
    >(
      `SELECT d.*, m.payload_json IS NULL AS purged, e.deleted_at IS NOT NULL AS endpoint_deleted,
         t.entitlement = 'expired' AS tenant_expired
       FROM deliveries d JOIN messages m ON m.id = d.message_id JOIN endpoints e ON e.id = d.endpoint_id
         JOIN tenants t ON t.id = d.tenant_id
       WHERE d.id = $1 AND ($2::text IS NULL OR d.tenant_id = $2) FOR UPDATE OF d FOR SHARE OF t`,
      [id, tenantId ?? null],
    );
    // FOR SHARE OF t: an expiry committing meanwhile waits for this transaction, so its skip of
    // waiting deliveries sees the one made pending here; one that committed first is read here.
    const row = rows[0];
    if (!row) return null;
    if (row.tenant_expired) throw expiredTenantError(row.tenant_id);
    if (row.purged)
      throw new StoreError('payload_purged', `delivery ${id}: payload was removed by retention`);
    if (row.endpoint_deleted) throw new StoreError('conflict', `delivery ${id}: its endpoint was deleted`);
    // A delivery being sent right now is left alone; one already waiting is simply made due now.
    if (row.state === 'in_flight') return toDelivery(row);
    const updated = await client.query<DeliveryRow>(
      `UPDATE deliveries SET state = 'pending', next_attempt_at = $1, lease_owner = NULL, lease_expires_at = NULL,
         updated_at = $1 WHERE id = $2 RETURNING *`,
      [now, id],
    );
    return toDelivery(updated.rows[0]!);
  });
}

/**
 * In the caller's transaction. Deliveries of the tenant still waiting (new, or between retries)
 * become skipped; one being sent right now finishes its attempt.
 */
export async function skipWaitingOfTenant(
  client: pg.PoolClient,
  tenantId: string,
  now: number,
): Promise<number> {
  const result = await client.query(
    `UPDATE deliveries SET state = 'skipped', next_attempt_at = NULL, last_error = $1, updated_at = $2
     WHERE state = 'pending' AND tenant_id = $3`,
    [SKIPPED_ON_EXPIRY, now, tenantId],
  );
  return result.rowCount ?? 0;
}

export async function recoverFailed(
  conn: PostgresConnection,
  endpointId: string,
  since: number,
  now: number,
  tenantId?: string,
): Promise<number> {
  requireTime('since', since);
  requireTime('now', now);
  return conn.transaction(async (client) => {
    // The tenant row stays share-locked until commit: an expiry committing meanwhile waits for
    // this, and its own skip then sees the rows queued here (see redeliver for the same reason).
    const { rows: owners } = await client.query<{ id: string; entitlement: string }>(
      `SELECT t.id, t.entitlement FROM endpoints e JOIN tenants t ON t.id = e.tenant_id
       WHERE e.id = $1 AND ($2::text IS NULL OR e.tenant_id = $2) FOR SHARE OF t`,
      [endpointId, tenantId ?? null],
    );
    if (owners[0]?.entitlement === 'expired') throw expiredTenantError(owners[0].id);
    const result = await client.query(
      `UPDATE deliveries d SET state = 'pending', next_attempt_at = $1, updated_at = $1
       FROM messages m, endpoints e
       WHERE m.id = d.message_id AND e.id = d.endpoint_id AND m.payload_json IS NOT NULL AND e.deleted_at IS NULL
         AND d.endpoint_id = $2 AND d.state = 'failed' AND d.created_at >= $3 AND ($4::text IS NULL OR d.tenant_id = $4)`,
      [now, endpointId, since, tenantId ?? null],
    );
    return result.rowCount ?? 0;
  });
}

/** Soft-deletes (history keeps its reference), wipes the secrets, drops unfinished deliveries. */
export function deleteEndpoint(
  conn: PostgresConnection,
  id: string,
  tenantId: string | undefined,
  now: number,
): Promise<boolean> {
  return conn.transaction(async (client) => {
    const updated = await client.query(
      `UPDATE endpoints SET deleted_at = $1, updated_at = $1, enabled = FALSE, secrets_sealed = ''
       WHERE id = $2 AND deleted_at IS NULL AND ($3::text IS NULL OR tenant_id = $3)`,
      [now, id, tenantId ?? null],
    );
    if (updated.rowCount === 0) return false;
    // Attempts of these deliveries go with them (ON DELETE CASCADE).
    await client.query(
      `DELETE FROM deliveries WHERE endpoint_id = $1 AND state IN ('pending', 'in_flight')`,
      [id],
    );
    return true;
  });
}
