/**
 * The second stage of retention: the delivery log's rows themselves. Attempts and payloads go at
 * TASKHOOKS_RETENTION_DAYS (purgeOlderThan); the rows that remain (state, attempt count, last
 * status) are the log's skeleton, kept until TASKHOOKS_RECORD_RETENTION_DAYS. Without this stage
 * the deliveries and messages tables grew forever, one row per event and endpoint.
 *
 * A delivery goes once it is finished and neither created nor touched since the cutoff (a manual
 * redeliver keeps it); its attempts go with it (ON DELETE CASCADE). A message goes once it is
 * older than the cutoff and has no delivery left, and with it its idempotency key: a key is
 * remembered for TASKHOOKS_RECORD_RETENTION_DAYS.
 *
 * Operational events (an endpoint failing, disabled, re-enabled) go at the same age: they describe
 * the log's deliveries, and a sender that disables endpoints often would otherwise grow them forever.
 *
 * A deleted endpoint is only marked deleted while delivery rows still point at it; once it was
 * deleted before the cutoff and its last delivery row is gone, the endpoint row goes too. Its URL
 * often holds a token (IFTTT keys, Zapier hook ids), which must not outlive the log it served.
 *
 * Every statement walks a time index; the two whose scans pass rows that cannot go yet (deliveries
 * and messages) start at `q.from`, the pass's resume point (see PurgeResume), and answer the
 * `created_at` of what they deleted. `q` names the placeholders of the
 * dialect; `q.lock` is PostgreSQL's `FOR UPDATE SKIP LOCKED` (never wait on, or block, live work).
 */
export interface RecordPurgePlaceholders {
  cutoff: string;
  limit: string;
  from: string;
  lock: string;
}

export function deleteFinishedDeliveriesSql(q: RecordPurgePlaceholders): string {
  return `DELETE FROM deliveries WHERE id IN (
    SELECT id FROM deliveries
    WHERE created_at >= ${q.from} AND created_at < ${q.cutoff} AND updated_at < ${q.cutoff}
      AND state IN ('succeeded', 'failed', 'skipped')
    ORDER BY created_at, id LIMIT ${q.limit} ${q.lock})
    RETURNING created_at`;
}

export function deleteBareMessagesSql(q: RecordPurgePlaceholders): string {
  return `DELETE FROM messages WHERE id IN (
    SELECT m.id FROM messages m
    WHERE m.created_at >= ${q.from} AND m.created_at < ${q.cutoff}
      AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.id)
    ORDER BY m.created_at, m.id LIMIT ${q.limit} ${q.lock})
    RETURNING created_at`;
}

export function deleteDeletedEndpointsSql(q: RecordPurgePlaceholders): string {
  return `DELETE FROM endpoints WHERE id IN (
    SELECT e.id FROM endpoints e
    WHERE e.deleted_at < ${q.cutoff} AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.endpoint_id = e.id)
    ORDER BY e.deleted_at, e.id LIMIT ${q.limit} ${q.lock})`;
}

export function deleteOldOperationalEventsSql(q: RecordPurgePlaceholders): string {
  return `DELETE FROM operational_events WHERE id IN (
    SELECT id FROM operational_events WHERE created_at < ${q.cutoff}
    ORDER BY created_at, id LIMIT ${q.limit} ${q.lock})`;
}

/** Where a scan may resume: the newest `created_at` it deleted or cleared, else where it started. */
export function resumeAfter(
  rows: readonly { created_at: number | string }[],
  from: number | undefined,
): number | undefined {
  let newest = from;
  for (const row of rows) {
    const at = Number(row.created_at);
    if (newest === undefined || at > newest) newest = at;
  }
  return newest;
}

/** Drops undefined values, so a resume point is only ever a number or absent. */
export function definedOnly<T extends Record<string, number | undefined>>(
  values: T,
): { [K in keyof T]?: number } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: number;
  };
}
