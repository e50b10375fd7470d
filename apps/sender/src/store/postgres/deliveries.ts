import { CLAIMED_COLUMNS } from '../shared/columns.js';
import { StoreError } from '../shared/errors.js';
import { checkClaimOptions, checkCompletion } from '../shared/lifecycle.js';
import { type DeliveryRow, toClaimedDelivery, toDelivery } from '../shared/rows.js';
import { requireId, requirePositiveInt, requireTime } from '../shared/validate.js';
import type {
  ClaimedDelivery,
  ClaimOptions,
  CompleteDeliveryInput,
  Delivery,
  PurgeResult,
} from '../types.js';
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
const UNCLAIMABLE_ENDPOINTS = 'SELECT x.id FROM endpoints x WHERE NOT x.enabled OR x.deleted_at IS NOT NULL';

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
    ORDER BY d.lease_expires_at LIMIT (SELECT $3::int)
    FOR UPDATE OF d SKIP LOCKED
  ), due AS (
    SELECT d.id, d.next_attempt_at FROM deliveries d
    WHERE d.state = 'pending' AND d.next_attempt_at <= $1
      AND d.endpoint_id <> ALL ($2::text[]) AND d.endpoint_id NOT IN (${UNCLAIMABLE_ENDPOINTS})
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

interface PendingCompletion {
  input: CompleteDeliveryInput;
  resolve: (completed: boolean) => void;
  reject: (error: unknown) => void;
}

interface CompletionQueue {
  waiting: PendingCompletion[];
  flushing: boolean;
}

const completionQueues = new WeakMap<PostgresConnection, CompletionQueue>();

/**
 * Group commit for attempt outcomes: completions that arrive while a batch is being written go
 * out together in the next single statement (one round trip, one WAL flush), instead of one
 * transaction per attempt competing for the pool. Each promise resolves only after its own row
 * is committed, with false when its lease was lost (nothing written for it).
 */
export function completeDelivery(conn: PostgresConnection, input: CompleteDeliveryInput): Promise<boolean> {
  checkCompletion(input);
  let queue = completionQueues.get(conn);
  if (!queue) {
    queue = { waiting: [], flushing: false };
    completionQueues.set(conn, queue);
  }
  const promise = new Promise<boolean>((resolve, reject) => queue.waiting.push({ input, resolve, reject }));
  if (!queue.flushing) void flushCompletions(conn, queue);
  return promise;
}

async function flushCompletions(conn: PostgresConnection, queue: CompletionQueue): Promise<void> {
  queue.flushing = true;
  try {
    // Let every attempt that finished in this turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, 500);
      try {
        const done = await completeMany(
          conn,
          batch.map((p) => p.input),
        );
        for (const pending of batch) pending.resolve(done.has(pending.input.deliveryId));
      } catch {
        // One bad completion must not fail its neighbours: retry each alone so only it rejects.
        await Promise.all(
          batch.map(async (pending) => {
            try {
              pending.resolve((await completeMany(conn, [pending.input])).size === 1);
            } catch (error) {
              pending.reject(error);
            }
          }),
        );
      }
    }
  } finally {
    queue.flushing = false;
  }
}

/**
 * One statement, so each attempt exists if and only if its lease check passed; returns the completed ids.
 * The rows are found by primary key whatever the statistics say: `id = ANY (…)` gives the planner
 * an index condition, and `state || ''` (the same test) keeps it off the partial deliveries_leases
 * index, whose bitmap scan visited every row leased since the last vacuum (~10 ms per batch).
 */
async function completeMany(conn: PostgresConnection, inputs: CompleteDeliveryInput[]): Promise<Set<string>> {
  const result = await conn.query<{ delivery_id: string }>(
    `WITH input AS (
       SELECT * FROM json_to_recordset($1::json) AS i (delivery_id text, lease_owner text, state text,
         next_attempt_at bigint, status int, error text, now bigint, attempt_id text, attempt_number int,
         started_at bigint, duration_ms int, request_headers jsonb, excerpt text, outcome text)
     ), updated AS (
       UPDATE deliveries d SET state = i.state, attempt_count = d.attempt_count + 1,
         next_attempt_at = i.next_attempt_at, lease_owner = NULL, lease_expires_at = NULL,
         last_status = i.status, last_error = i.error, updated_at = i.now
       FROM input i
       WHERE d.id = ANY (ARRAY(SELECT delivery_id FROM input)) AND d.id = i.delivery_id
         AND d.lease_owner = i.lease_owner AND d.state || '' = 'in_flight'
       RETURNING d.id
     )
     INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_headers,
       response_status, response_body_excerpt, outcome, error)
     SELECT i.attempt_id, i.delivery_id, i.attempt_number, i.started_at, i.duration_ms, i.request_headers,
       i.status, i.excerpt, i.outcome, i.error
     FROM input i JOIN updated u ON u.id = i.delivery_id
     RETURNING delivery_id`,
    [
      // One JSON parameter: pg's array escaping (per character, in JavaScript) was a hot spot.
      JSON.stringify(
        inputs.map((c) => ({
          delivery_id: c.deliveryId,
          lease_owner: c.leaseOwner,
          state: c.state,
          next_attempt_at: c.state === 'pending' ? c.nextAttemptAt : null,
          status: c.attempt.responseStatus,
          error: c.attempt.error,
          now: c.now,
          attempt_id: c.attempt.id,
          attempt_number: c.attempt.attemptNumber,
          started_at: c.attempt.startedAt,
          duration_ms: c.attempt.durationMs,
          request_headers: c.attempt.requestHeaders,
          excerpt: c.attempt.responseBodyExcerpt,
          outcome: c.attempt.outcome,
        })),
      ),
    ],
  );
  return new Set(result.rows.map((row) => row.delivery_id));
}

export async function releaseDeliveries(
  conn: PostgresConnection,
  workerId: string,
  ids: string[],
  now: number,
): Promise<number> {
  requireId('workerId', workerId);
  requireTime('now', now);
  if (ids.length === 0) return 0;
  const result = await conn.query(
    `UPDATE deliveries SET state = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = $1
     WHERE lease_owner = $2 AND state = 'in_flight' AND id = ANY ($3::text[])`,
    [now, workerId, ids],
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
    const { rows } = await client.query<DeliveryRow & { purged: boolean; endpoint_deleted: boolean }>(
      `SELECT d.*, m.payload_json IS NULL AS purged, e.deleted_at IS NOT NULL AS endpoint_deleted
       FROM deliveries d JOIN messages m ON m.id = d.message_id JOIN endpoints e ON e.id = d.endpoint_id
       WHERE d.id = $1 AND ($2::text IS NULL OR d.tenant_id = $2) FOR UPDATE OF d`,
      [id, tenantId ?? null],
    );
    const row = rows[0];
    if (!row) return null;
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

export async function recoverFailed(
  conn: PostgresConnection,
  endpointId: string,
  since: number,
  now: number,
  tenantId?: string,
): Promise<number> {
  requireTime('since', since);
  requireTime('now', now);
  const result = await conn.query(
    `UPDATE deliveries d SET state = 'pending', next_attempt_at = $1, updated_at = $1
     FROM messages m, endpoints e
     WHERE m.id = d.message_id AND e.id = d.endpoint_id AND m.payload_json IS NOT NULL AND e.deleted_at IS NULL
       AND d.endpoint_id = $2 AND d.state = 'failed' AND d.created_at >= $3 AND ($4::text IS NULL OR d.tenant_id = $4)`,
    [now, endpointId, since, tenantId ?? null],
  );
  return result.rowCount ?? 0;
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

/** Two short autocommit statements; SKIP LOCKED so retention never waits on (or blocks) live work. */
export async function purgeOlderThan(
  conn: PostgresConnection,
  cutoff: number,
  batchSize: number,
): Promise<PurgeResult> {
  requireTime('cutoff', cutoff);
  requirePositiveInt('batchSize', batchSize, 100_000);
  const attempts = await conn.query(
    `DELETE FROM attempts WHERE id IN (
       SELECT id FROM attempts WHERE started_at < $1 ORDER BY started_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [cutoff, batchSize],
  );
  const payloads = await conn.query(
    `UPDATE messages SET payload_json = NULL WHERE id IN (
       SELECT m.id FROM messages m WHERE m.payload_json IS NOT NULL AND m.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.id
           AND (d.state IN ('pending', 'in_flight') OR d.updated_at >= $1))
       ORDER BY m.created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [cutoff, batchSize],
  );
  return { attemptsDeleted: attempts.rowCount ?? 0, payloadsCleared: payloads.rowCount ?? 0 };
}
