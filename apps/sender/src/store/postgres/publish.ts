import { uuidv7 } from '../../ids/uuidv7.js';
import { StoreError } from '../shared/errors.js';
import { planFanOut } from '../shared/fan-out.js';
import {
  conflictsWithinBatch,
  IdempotencyConflictError,
  idempotencyConflict,
  type OriginalRequest,
} from '../shared/idempotency.js';
import { checkNewMessages } from '../shared/input.js';
import { checkClaimOptions } from '../shared/lifecycle.js';
import { leasedClaim, PublishLeaseBudget } from '../shared/publish-lease.js';
import type {
  ClaimedDelivery,
  IdempotencyConflict,
  LeasedPublish,
  NewMessage,
  PublishLease,
  PublishResult,
} from '../types.js';
import { type PostgresConnection, pgErrorCode } from './connection.js';
import { notifyIfDueCte } from './due-notifications.js';
import { publishOneByOne } from './publish-one-by-one.js';
import { cachedTenants, loadTenants, TENANT_FINGERPRINT, type TenantFanOut } from './tenant-fan-out.js';

/** Publishing on PostgreSQL: messages and their fan-out, one statement per batch. */

export async function publishMessages(
  conn: PostgresConnection,
  messages: NewMessage[],
  lease: PublishLease | null = null,
): Promise<LeasedPublish> {
  checkNewMessages(messages);
  if (lease) checkClaimOptions(lease);
  if (messages.length === 0) return { results: [], leased: [] };
  try {
    return await publishInBulk(conn, messages, lease);
  } catch (error) {
    // A duplicate message id aborts the bulk insert without saying which one: replay one by one.
    // (That path leases nothing: the worker claims those deliveries as usual.)
    if (pgErrorCode(error) === '23505') return { results: await publishOneByOne(conn, messages), leased: [] };
    throw error;
  }
}

/**
 * The whole batch in ONE statement, however many messages it holds: it inserts the messages and
 * the deliveries of those actually inserted, and notifies other processes' workers when any is
 * due. A single statement commits atomically on its own, so there is no BEGIN/COMMIT: under load
 * every round trip waits for a turn of a busy event loop, and the six of a BEGIN … COMMIT
 * transaction (with a tenant and an endpoints lookup in every publish) were most of a publish's
 * latency. (A round trip per message once made publishing the slowest part of the sender.)
 *
 * Fan-out is planned from the tenant's endpoints as this process last read them (or just read);
 * the statement checks that they are still exactly those (TENANT_FINGERPRINT) and inserts nothing
 * otherwise, and then the batch is planned again from a fresh read. The check locks the tenant
 * rows FOR SHARE until the statement commits: an expiry (setEntitlement, whose transaction updates
 * the row and then skips the tenant's waiting deliveries) either commits first, and the check sees
 * the new entitlement, or waits for this publish and then skips what it stored. Without the lock a
 * publish planned on "active" could store its deliveries after the expiry's skip, to be sent after
 * access ended. (Foreign-key checks of the insert take FOR KEY SHARE on the same rows already,
 * which an entitlement update does not wait for; FOR SHARE subsumes it.)
 *
 * ON CONFLICT on the idempotency index waits for a concurrent publisher of the same key and then
 * yields, so racing processes store one message; within a batch the first message with a key wins,
 * as in the one-by-one path.
 */
async function publishInBulk(
  conn: PostgresConnection,
  messages: NewMessage[],
  lease: PublishLease | null,
): Promise<LeasedPublish> {
  const [inBatch] = conflictsWithinBatch(messages);
  if (inBatch) throw inBatch;
  const cached = cachedTenants(conn, messages);
  if (cached) {
    const stored = await insertBatch(conn, messages, lease, cached);
    if (stored) return stored;
  }
  // A fresh read loses only to a change committed between it and the insert: try again, and after
  // a few losses (endpoints changing all the time) take the transaction, which cannot lose: it
  // locks the tenants before reading their endpoints. It leases nothing; the worker claims.
  for (let attempt = 1; attempt <= MAX_FRESH_PLANS; attempt++) {
    const stored = await insertBatch(conn, messages, lease, await loadTenants(conn, messages));
    if (stored) return stored;
  }
  return { results: await publishOneByOne(conn, messages), leased: [] };
}

const MAX_FRESH_PLANS = 3;

/**
 * A key already stored for a different request: nothing of the batch is stored. Payloads equal as
 * JSON (keys in another order) are the same request. $1 is read once more, in order (`ord` is the
 * message's index), and only for a batch that holds keys; payloads are compared only for a key
 * that is found. jsonb refuses `\u0000` and lone surrogates: text that differs and holds such an
 * escape counts as different rather than failing the statement.
 */
const CONFLICT_SQL = `
       SELECT (k.ord - 1)::int AS ord, s.id AS original_id,
         CASE WHEN s.model <> k.model THEN 'model' WHEN s.event <> k.event THEN 'event' ELSE 'payload' END AS part
       FROM ROWS FROM (json_to_recordset($1::json) AS (tenant_id text, idempotency_key text, model text,
           event text, payload_json text)) WITH ORDINALITY AS k (tenant_id, idempotency_key, model, event,
           payload_json, ord)
       JOIN messages s ON s.tenant_id = k.tenant_id AND s.idempotency_key = k.idempotency_key
       WHERE k.idempotency_key IS NOT NULL AND (s.model <> k.model OR s.event <> k.event
         OR (s.payload_json IS NOT NULL AND s.payload_json <> k.payload_json AND CASE
           WHEN (s.payload_json || k.payload_json) ~* '\\\\u(0000|d[89a-f])' THEN true
           ELSE s.payload_json::jsonb <> k.payload_json::jsonb END))
       ORDER BY k.ord LIMIT 1`;
/** A batch without keys cannot conflict, and need not read its messages twice. */
const NO_CONFLICT_SQL = `
       SELECT NULL::int AS ord, NULL::text AS original_id, NULL::text AS part WHERE false`;

/** Null when a tenant changed since `tenants` was read (then nothing is stored). */
async function insertBatch(
  conn: PostgresConnection,
  messages: NewMessage[],
  lease: PublishLease | null,
  tenants: Map<string, TenantFanOut>,
): Promise<LeasedPublish | null> {
  // Deliveries are planned for every message before knowing which are duplicates (an idempotency
  // key already stored); the statement inserts only those of the messages it inserted.
  const budget = new PublishLeaseBudget(lease);
  const rows: {
    id: string;
    message: NewMessage;
    endpointId: string;
    state: string;
    nextAttemptAt: number | null;
    lease: { owner: string; expiresAt: number } | null;
  }[] = [];
  const leased: ClaimedDelivery[] = [];
  const planned = messages.map((message) => {
    const tenant = tenants.get(message.tenantId)!;
    const deliveries = planFanOut(message, tenant.endpoints, tenant.entitlement);
    for (const d of deliveries) {
      const lease = budget.take(message, d);
      const row = { id: uuidv7(), message, ...d, lease, state: lease ? 'in_flight' : d.state };
      rows.push(row);
      if (lease) {
        const endpoint = tenant.endpoints.find((e) => e.id === d.endpointId)!;
        leased.push(leasedClaim(row.id, message, endpoint, lease));
      }
    }
    return deliveries;
  });
  const checked = [...tenants];

  // One JSON parameter for the messages rather than seven arrays: pg escapes array elements
  // character by character in JavaScript, which for a batch of payloads cost more than the insert.
  // Other processes' workers hear of due rows at once (see due-notifications.ts).
  const keyed = messages.some((m) => m.idempotencyKey !== null);
  const inserted = await conn.query<{
    id: string | null;
    fresh: boolean | null;
    conflict_at: number | null;
    original_id: string | null;
    part: IdempotencyConflict | null;
  }>(
    `WITH fresh AS (
       SELECT count(*) = cardinality($12::text[]) AS ok FROM (
         SELECT FROM tenants t JOIN unnest($12::text[], $13::text[]) AS c (id, fingerprint) ON t.id = c.id
         WHERE ${TENANT_FINGERPRINT} = c.fingerprint
         FOR SHARE OF t
       ) AS unchanged
     ), conflict AS (${keyed ? CONFLICT_SQL : NO_CONFLICT_SQL}
     ), inserted AS (
       INSERT INTO messages (id, tenant_id, model, event, payload_json, idempotency_key, created_at)
       SELECT id, tenant_id, model, event, payload_json, idempotency_key, created_at
       FROM json_to_recordset($1::json) AS m (id text, tenant_id text, model text, event text,
         payload_json text, idempotency_key text, created_at bigint)
       WHERE (SELECT ok FROM fresh) AND NOT EXISTS (SELECT 1 FROM conflict)
       ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id
     ), ${notifyIfDueCte(`INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, event, state,
         attempt_count, next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at)
       SELECT id, tenant_id, message_id, endpoint_id, event, state, 0, next_attempt_at, lease_owner,
         lease_expires_at, created_at, created_at
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
         $9::bigint[], $10::text[], $11::bigint[])
         AS p (id, tenant_id, message_id, endpoint_id, event, state, next_attempt_at, created_at,
           lease_owner, lease_expires_at)
       WHERE p.message_id IN (SELECT id FROM inserted)`)}
     SELECT id, NULL::boolean AS fresh, NULL::int AS conflict_at, NULL::text AS original_id, NULL::text AS part
       FROM inserted
     UNION ALL SELECT NULL, NULL, NULL, NULL, NULL FROM due
     UNION ALL SELECT NULL, ok, NULL, NULL, NULL FROM fresh
     UNION ALL SELECT NULL, NULL, ord, original_id, part FROM conflict`,
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
      checked.map(([id]) => id),
      checked.map(([, tenant]) => tenant.fingerprint),
    ],
  );
  const conflict = inserted.rows.find((row) => row.conflict_at !== null);
  if (conflict)
    throw new IdempotencyConflictError(conflict.conflict_at!, conflict.original_id!, conflict.part!);
  if (!inserted.rows.some((row) => row.fresh === true)) return null;
  const insertedIds = new Set<string>();
  for (const row of inserted.rows) if (row.id !== null) insertedIds.add(row.id);

  const repeated = messages.filter((m) => !insertedIds.has(m.id));
  const existing = new Map<string, OriginalRequest & { id: string }>();
  if (repeated.length > 0) {
    // The publisher that won each key has committed (ON CONFLICT waited for it), so this
    // statement's snapshot sees its message.
    const found = await conn.query<
      OriginalRequest & { id: string; tenant_id: string; idempotency_key: string }
    >(
      `SELECT m.id, m.tenant_id, m.idempotency_key, m.model, m.event, m.payload_json FROM messages m
       JOIN unnest($1::text[], $2::text[]) AS k (tenant_id, idempotency_key)
         ON m.tenant_id = k.tenant_id AND m.idempotency_key = k.idempotency_key`,
      [repeated.map((m) => m.tenantId), repeated.map((m) => m.idempotencyKey)],
    );
    for (const row of found.rows) existing.set(`${row.tenant_id}\u0000${row.idempotency_key}`, row);
  }

  const results = messages.map((message, i): PublishResult => {
    if (!insertedIds.has(message.id)) {
      const original = existing.get(`${message.tenantId}\u0000${message.idempotencyKey}`);
      if (!original) throw new StoreError('conflict', `message ${message.id} was neither stored nor found`);
      return duplicateResult(original, message);
    }
    const skipped = planned[i]!.filter((d) => d.state === 'skipped').length;
    return {
      messageId: message.id,
      duplicate: false,
      deliveriesCreated: planned[i]!.length - skipped,
      deliveriesSkipped: skipped,
    };
  });
  return {
    results,
    leased: repeated.length > 0 ? leased.filter((claim) => insertedIds.has(claim.message.id)) : leased,
  };
}

/** After the statement: a key another process committed meanwhile is flagged, not refused (see publisher). */
function duplicateResult(original: OriginalRequest & { id: string }, message: NewMessage): PublishResult {
  const conflict = idempotencyConflict(original, message);
  return {
    messageId: original.id,
    duplicate: true,
    deliveriesCreated: 0,
    deliveriesSkipped: 0,
    ...(conflict ? { conflict } : {}),
  };
}
