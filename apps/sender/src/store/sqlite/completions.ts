import {
  COMPLETION_BATCH,
  COMPLETION_LINGER_MS,
  type PendingCompletion,
} from '../shared/completion-batching.js';
import { checkCompletion } from '../shared/lifecycle.js';
import type { CompleteDeliveryInput } from '../types.js';
import type { SqliteConnection } from './connection.js';

interface CompletionQueue {
  waiting: PendingCompletion[];
  timer: NodeJS.Timeout;
}

const completionQueues = new WeakMap<SqliteConnection, CompletionQueue>();

/**
 * Group commit for attempt outcomes: completions arriving within a few milliseconds are written in
 * ONE transaction. A commit per attempt rewrote the same table and index pages for every row, and
 * (before the relaxed sync) cost an fsync each, capping delivery at one attempt per disk flush.
 * Each promise still resolves only after its row is committed.
 */
export function completeDelivery(conn: SqliteConnection, input: CompleteDeliveryInput): Promise<boolean> {
  checkCompletion(input);
  return new Promise<boolean>((resolve, reject) => {
    let queue = completionQueues.get(conn);
    if (!queue) {
      queue = { waiting: [], timer: setTimeout(() => flushCompletions(conn), COMPLETION_LINGER_MS) };
      completionQueues.set(conn, queue);
    }
    queue.waiting.push({ input, resolve, reject });
    if (queue.waiting.length >= COMPLETION_BATCH) flushCompletions(conn);
  });
}

/** Writes every waiting completion now (also before the connection closes, so none is dropped). */
export function flushCompletions(conn: SqliteConnection): void {
  const pending = completionQueues.get(conn);
  if (!pending) return;
  clearTimeout(pending.timer);
  completionQueues.delete(conn);
  const queue = pending.waiting;
  try {
    const results = conn.writeRelaxed(() => queue.map(({ input }) => completeOne(conn, input)));
    for (const [i, pending] of queue.entries()) pending.resolve(results[i]!);
  } catch {
    // One bad completion must not fail its neighbours: retry each alone so only it rejects.
    for (const pending of queue) {
      try {
        pending.resolve(conn.writeRelaxed(() => completeOne(conn, pending.input)));
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}

/** Call inside a write transaction. */
function completeOne(conn: SqliteConnection, input: CompleteDeliveryInput): boolean {
  const { attempt } = input;
  const updated = conn
    .stmt(
      `UPDATE deliveries SET state = ?, attempt_count = attempt_count + 1, next_attempt_at = ?,
         lease_owner = NULL, lease_expires_at = NULL, last_status = ?, last_error = ?, updated_at = ?
       WHERE id = ? AND lease_owner = ? AND state = 'in_flight'`,
    )
    .run(
      input.state,
      input.state === 'pending' ? input.nextAttemptAt : null,
      attempt.responseStatus,
      attempt.error,
      input.now,
      input.deliveryId,
      input.leaseOwner,
    );
  if (updated.changes === 0) return false;
  conn
    .stmt(
      `INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_headers,
         response_status, response_body_excerpt, outcome, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      attempt.id,
      input.deliveryId,
      attempt.attemptNumber,
      attempt.startedAt,
      attempt.durationMs,
      JSON.stringify(attempt.requestHeaders),
      attempt.responseStatus,
      attempt.responseBodyExcerpt,
      attempt.outcome,
      attempt.error,
    );
  return true;
}
