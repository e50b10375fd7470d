import Database from 'better-sqlite3';

/**
 * Writes finished deliveries of one endpoint straight into a live sender's SQLite file, oldest
 * first: `failed` failed ones, then `succeeded` succeeded ones, all in the last minute. Faster than
 * publishing and delivering them, and the worker never picks finished rows up.
 */
export function insertFinishedDeliveries(
  sqlitePath: string,
  scope: { tenantId: string; endpointId: string },
  counts: { failed: number; succeeded: number },
): void {
  const db = new Database(sqlitePath);
  try {
    db.pragma('busy_timeout = 5000');
    const base = Date.now() - 60_000;
    const messageId = `history-${scope.endpointId}`;
    const insert = db.prepare(
      `INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, event, state, attempt_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'plan.completed', ?, 1, ?, ?)`,
    );
    db.transaction(() => {
      db.prepare(
        `INSERT INTO messages (id, tenant_id, model, event, payload_json, idempotency_key, created_at)
         VALUES (?, ?, 'plan_bound_v2', 'plan.completed', NULL, NULL, ?)`,
      ).run(messageId, scope.tenantId, base);
      for (let n = 0; n < counts.failed + counts.succeeded; n++) {
        const state = n < counts.failed ? 'failed' : 'succeeded';
        insert.run(
          `${messageId}-${n}`,
          scope.tenantId,
          messageId,
          scope.endpointId,
          state,
          base + n,
          base + n,
        );
      }
    })();
  } finally {
    db.close();
  }
}
