import type pg from 'pg';
import { uuidv7 } from '../../ids/uuidv7.js';
import { CLAIMED_COLUMNS } from '../shared/columns.js';
import { StoreError } from '../shared/errors.js';
import { planFanOut } from '../shared/fan-out.js';
import { checkNewMessages } from '../shared/input.js';
import { checkClaimOptions, checkCompletion } from '../shared/lifecycle.js';
import { leasedClaim, PublishLeaseBudget } from '../shared/publish-lease.js';
import {
  type DeliveryRow,
  type EndpointRow,
  toClaimedDelivery,
  toDelivery,
  toEndpoint,
} from '../shared/rows.js';
import { requireId, requirePositiveInt, requireTime } from '../shared/validate.js';
import type {
  ClaimedDelivery,
  ClaimOptions,
  CompleteDeliveryInput,
  Delivery,
  Endpoint,
  Entitlement,
  LeasedPublish,
  NewMessage,
  PublishLease,
  PublishResult,
  PurgeResult,
} from '../types.js';
import { type PostgresConnection, pgErrorCode } from './connection.js';
import { notifyIfDueSql } from './due-notifications.js';

/** Delivery lifecycle on PostgreSQL; safe with many sender processes on one database. */

async function loadTenant(client: pg.PoolClient, tenantId: string, index: number) {
  const tenant = await client.query<{ entitlement: Entitlement }>(
    'SELECT entitlement FROM tenants WHERE id = $1',
    [tenantId],
  );
  if (!tenant.rows[0]) {
    throw new StoreError('not_found', `messages[${index}].tenantId: tenant ${tenantId} does not exist`);
  }
  const endpoints = await client.query<EndpointRow>(
    'SELECT * FROM endpoints WHERE tenant_id = $1 AND deleted_at IS NULL AND enabled',
    [tenantId],
  );
  return { entitlement: tenant.rows[0].entitlement, endpoints: endpoints.rows.map(toEndpoint) };
}

export async function publishMessages(
  conn: PostgresConnection,
  messages: NewMessage[],
  lease: PublishLease | null = null,
): Promise<LeasedPublish> {
  checkNewMessages(messages);
  const budget = new PublishLeaseBudget(lease);
  if (messages.length === 0) return { results: [], leased: [] };
  try {
    return await conn.transaction((client) => publishInBulk(client, messages, budget));
  } catch (error) {
    // A duplicate message id aborts the bulk insert without saying which one: replay one by one.
    // (That path leases nothing: the worker claims those deliveries as usual.)
    if (pgErrorCode(error) === '23505') return { results: await publishOneByOne(conn, messages), leased: [] };
    throw error;
  }
}

/**
 * The whole batch in a fixed number of statements (one insert for the messages, one for their
 * deliveries), however many messages it holds: a round trip per message made publishing the
 * slowest part of the sender on PostgreSQL. ON CONFLICT on the idempotency index waits for a
 * concurrent publisher of the same key and then yields, so racing processes store one message;
 * within a batch the first message with a key wins, as in the one-by-one path.
 */
async function publishInBulk(
  client: pg.PoolClient,
  messages: NewMessage[],
  budget: PublishLeaseBudget,
): Promise<LeasedPublish> {
  const tenants = new Map<string, { entitlement: Entitlement; endpoints: Endpoint[] }>();
  for (const [i, message] of messages.entries()) {
    if (!tenants.has(message.tenantId))
      tenants.set(message.tenantId, await loadTenant(client, message.tenantId, i));
  }
  // One JSON parameter rather than seven arrays: pg escapes array elements character by character
  // in JavaScript, which for a batch of payloads cost more than the insert itself.
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO messages (id, tenant_id, model, event, payload_json, idempotency_key, created_at)
     SELECT id, tenant_id, model, event, payload_json, idempotency_key, created_at
     FROM json_to_recordset($1::json) AS m (id text, tenant_id text, model text, event text,
       payload_json text, idempotency_key text, created_at bigint)
     ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        messages.map((m) => ({
          id: m.id,
          tenant_id: m.tenantId,
          model: m.model,
          event: m.event,
          payload_json: m.payloadJson,
          idempotency_key: m.idempotencyKey,
          created_at: m.createdAt,
        })),
      ),
    ],
  );
  const insertedIds = new Set(inserted.rows.map((row) => row.id));
  const repeated = messages.filter((m) => !insertedIds.has(m.id));
  const existing = new Map<string, string>();
  if (repeated.length > 0) {
    const found = await client.query<{ id: string; tenant_id: string; idempotency_key: string }>(
      `SELECT m.id, m.tenant_id, m.idempotency_key FROM messages m
       JOIN unnest($1::text[], $2::text[]) AS k (tenant_id, idempotency_key)
         ON m.tenant_id = k.tenant_id AND m.idempotency_key = k.idempotency_key`,
      [repeated.map((m) => m.tenantId), repeated.map((m) => m.idempotencyKey)],
    );
    for (const row of found.rows) existing.set(`${row.tenant_id}\u0000${row.idempotency_key}`, row.id);
  }

  const rows: {
    id: string;
    message: NewMessage;
    endpointId: string;
    state: string;
    nextAttemptAt: number | null;
    lease: { owner: string; expiresAt: number } | null;
  }[] = [];
  const leased: ClaimedDelivery[] = [];
  const results = messages.map((message): PublishResult => {
    if (!insertedIds.has(message.id)) {
      const messageId = existing.get(`${message.tenantId}\u0000${message.idempotencyKey}`);
      if (!messageId) throw new StoreError('conflict', `message ${message.id} was neither stored nor found`);
      return { messageId, duplicate: true, deliveriesCreated: 0, deliveriesSkipped: 0 };
    }
    const tenant = tenants.get(message.tenantId)!;
    const planned = planFanOut(message, tenant.endpoints, tenant.entitlement);
    for (const d of planned) {
      const lease = budget.take(message, d);
      const row = { id: uuidv7(), message, ...d, lease, state: lease ? 'in_flight' : d.state };
      rows.push(row);
      if (lease) {
        const endpoint = tenant.endpoints.find((e) => e.id === d.endpointId)!;
        leased.push(leasedClaim(row.id, message, endpoint, lease));
      }
    }
    const skipped = planned.filter((d) => d.state === 'skipped').length;
    return {
      messageId: message.id,
      duplicate: false,
      deliveriesCreated: planned.length - skipped,
      deliveriesSkipped: skipped,
    };
  });
  if (rows.length > 0) {
    // Other processes' workers hear of due rows at once (see due-notifications.ts).
    await client.query(
      notifyIfDueSql(`INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, event, state, attempt_count,
         next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at)
       SELECT id, tenant_id, message_id, endpoint_id, event, state, 0, next_attempt_at, lease_owner,
         lease_expires_at, created_at, created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
         $8::bigint[], $9::text[], $10::bigint[])
         AS p (id, tenant_id, message_id, endpoint_id, event, state, next_attempt_at, created_at,
           lease_owner, lease_expires_at)`),
      [
        rows.map((r) => r.id),
        rows.map((r) => r.message.tenantId),
        rows.map((r) => r.message.id),
        rows.map((r) => r.endpointId),
        rows.map((r) => r.message.event),
        rows.map((r) => r.state),
        rows.map((r) => r.nextAttemptAt),
        rows.map((r) => r.message.createdAt),
        rows.map((r) => r.lease?.owner ?? null),
        rows.map((r) => r.lease?.expiresAt ?? null),
      ],
    );
  }
  return { results, leased };
}

/** One message at a time: the slow path, used to name the exact message behind a conflict. */
function publishOneByOne(conn: PostgresConnection, messages: NewMessage[]): Promise<PublishResult[]> {
  return conn.transaction(async (client) => {
    const tenants = new Map<string, { entitlement: Entitlement; endpoints: Endpoint[] }>();
    const results: PublishResult[] = [];
    for (const [i, message] of messages.entries()) {
      let tenant = tenants.get(message.tenantId);
      if (!tenant) {
        tenant = await loadTenant(client, message.tenantId, i);
        tenants.set(message.tenantId, tenant);
      }
      // ON CONFLICT on the idempotency index waits for a concurrent publisher of the same key
      // and then yields, so two processes racing on one key still store exactly one message.
      let inserted: pg.QueryResult;
      try {
        inserted = await client.query(
          `INSERT INTO messages (id, tenant_id, model, event, payload_json, idempotency_key, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
          [
            message.id,
            message.tenantId,
            message.model,
            message.event,
            message.payloadJson,
            message.idempotencyKey,
            message.createdAt,
          ],
        );
      } catch (error) {
        if (pgErrorCode(error) === '23505') {
          throw new StoreError('conflict', `messages[${i}].id: message ${message.id} already exists`);
        }
        throw error;
      }
      if (inserted.rowCount === 0) {
        const existing = await client.query<{ id: string }>(
          'SELECT id FROM messages WHERE tenant_id = $1 AND idempotency_key = $2',
          [message.tenantId, message.idempotencyKey],
        );
        results.push({
          messageId: existing.rows[0]!.id,
          duplicate: true,
          deliveriesCreated: 0,
          deliveriesSkipped: 0,
        });
        continue;
      }
      const planned = planFanOut(message, tenant.endpoints, tenant.entitlement);
      if (planned.length > 0) {
        await client.query(
          notifyIfDueSql(`INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, event, state, attempt_count,
             next_attempt_at, created_at, updated_at)
           SELECT id, $1, $2, endpoint_id, $3, state, 0, next_attempt_at, $4, $4
           FROM unnest($5::text[], $6::text[], $7::text[], $8::bigint[]) AS p (id, endpoint_id, state, next_attempt_at)`),
          [
            message.tenantId,
            message.id,
            message.event,
            message.createdAt,
            planned.map(() => uuidv7()),
            planned.map((d) => d.endpointId),
            planned.map((d) => d.state),
            planned.map((d) => d.nextAttemptAt),
          ],
        );
      }
      const skipped = planned.filter((d) => d.state === 'skipped').length;
      results.push({
        messageId: message.id,
        duplicate: false,
        deliveriesCreated: planned.length - skipped,
        deliveriesSkipped: skipped,
      });
    }
    return results;
  });
}

/**
 * One statement: lock due rows (expired leases and due pending rows, each read in index order),
 * skipping rows another claimer holds, lease them, and return them joined with message and endpoint.
 * Rows that another transaction changed after our snapshot are re-checked on lock, so a row is never
 * leased twice.
 */
export const CLAIM_SQL = `
  WITH expired AS (
    SELECT d.id, d.next_attempt_at FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id
    WHERE d.state = 'in_flight' AND d.lease_expires_at <= $1
      AND e.enabled AND e.deleted_at IS NULL AND d.endpoint_id <> ALL ($2::text[])
    ORDER BY d.lease_expires_at LIMIT $3
    FOR UPDATE OF d SKIP LOCKED
  ), due AS (
    SELECT d.id, d.next_attempt_at FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id
    WHERE d.state = 'pending' AND d.next_attempt_at <= $1
      AND e.enabled AND e.deleted_at IS NULL AND d.endpoint_id <> ALL ($2::text[])
    ORDER BY d.next_attempt_at, d.id LIMIT $3
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

/** One statement, so each attempt exists if and only if its lease check passed; returns the completed ids. */
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
       WHERE d.id = i.delivery_id AND d.lease_owner = i.lease_owner AND d.state = 'in_flight'
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
