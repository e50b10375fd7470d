import {
  COMPLETION_BATCH,
  COMPLETION_LINGER_MS,
  type PendingCompletion,
} from '../shared/completion-batching.js';
import { checkCompletion } from '../shared/lifecycle.js';
import type { CompleteDeliveryInput } from '../types.js';
import type { PostgresConnection } from './connection.js';

interface CompletionQueue {
  waiting: PendingCompletion[];
  /** The running flush (linger, then batches until none wait), or null. */
  flushing: Promise<void> | null;
  /** Ends the current linger at once (a full batch waits, or the store closes). */
  stopLingering: (() => void) | null;
}

const completionQueues = new WeakMap<PostgresConnection, CompletionQueue>();

/**
 * Group commit for attempt outcomes: completions arriving within a few milliseconds, and those
 * arriving while a batch is being written, go out together in one statement (one round trip, one
 * WAL flush), instead of one transaction per attempt competing for the pool. Each promise
 * resolves only after its own row is committed, with false when its lease was lost (nothing
 * written for it).
 */
export function completeDelivery(conn: PostgresConnection, input: CompleteDeliveryInput): Promise<boolean> {
  checkCompletion(input);
  let queue = completionQueues.get(conn);
  if (!queue) {
    queue = { waiting: [], flushing: null, stopLingering: null };
    completionQueues.set(conn, queue);
  }
  const promise = new Promise<boolean>((resolve, reject) => queue.waiting.push({ input, resolve, reject }));
  if (!queue.flushing) queue.flushing = flushCompletions(conn, queue);
  else if (queue.waiting.length >= COMPLETION_BATCH) {
    queue.stopLingering?.();
  }
  return promise;
}

/** Writes every waiting completion now and waits for it (before the pool closes, so none is dropped). */
export async function drainCompletions(conn: PostgresConnection): Promise<void> {
  const queue = completionQueues.get(conn);
  queue?.stopLingering?.();
  await queue?.flushing;
}

async function flushCompletions(conn: PostgresConnection, queue: CompletionQueue): Promise<void> {
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, COMPLETION_LINGER_MS);
      queue.stopLingering = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    queue.stopLingering = null;
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, 500);
      try {
        const done = await completeMany(
          conn,
          batch.map((p) => p.input),
        );
        for (const pending of batch) pending.resolve(done.has(pending.input.attempt.id));
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
    // In the same turn as the last look at `waiting`: a completion queued after it starts a new flush.
    queue.flushing = null;
  }
}

/**
 * One statement, so each attempt exists if and only if its lease check passed; returns the ids of
 * the attempts written. Matched by attempt, not delivery: a stale worker's completion for the same
 * delivery in the same batch must neither be written nor reported done.
 * The rows are found by primary key whatever the statistics say: `id = ANY (…)` gives the planner
 * an index condition, and `state || ''` (the same test) keeps it off the partial deliveries_leases
 * index, whose bitmap scan visited every row leased since the last vacuum (~10 ms per batch).
 */
async function completeMany(conn: PostgresConnection, inputs: CompleteDeliveryInput[]): Promise<Set<string>> {
  const result = await conn.query<{ id: string }>(
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
       RETURNING i.attempt_id
     )
     INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_headers,
       response_status, response_body_excerpt, outcome, error)
     SELECT i.attempt_id, i.delivery_id, i.attempt_number, i.started_at, i.duration_ms, i.request_headers,
       i.status, i.excerpt, i.outcome, i.error
     FROM input i JOIN updated u ON u.attempt_id = i.attempt_id
     RETURNING id`,
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
  return new Set(result.rows.map((row) => row.id));
}
