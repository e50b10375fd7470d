import {
  definedOnly,
  deleteBareMessagesSql,
  deleteDeletedEndpointsSql,
  deleteFinishedDeliveriesSql,
  deleteOldOperationalEventsSql,
  type RecordPurgePlaceholders,
  resumeAfter,
} from '../shared/record-retention.js';
import { requirePositiveInt, requireTime } from '../shared/validate.js';
import type { PurgeResult, PurgeResume, RecordPurgeResult, RecordPurgeResume } from '../types.js';
import type { PostgresConnection } from './connection.js';

/** Retention on PostgreSQL: short autocommit statements; SKIP LOCKED so it never waits on (or blocks) live work. */

/** Attempts, and payloads of messages whose deliveries are all finished, older than the cutoff. */
export async function purgeOlderThan(
  conn: PostgresConnection,
  cutoff: number,
  batchSize: number,
  resume: PurgeResume = {},
): Promise<PurgeResult> {
  requireTime('cutoff', cutoff);
  requirePositiveInt('batchSize', batchSize, 100_000);
  const attempts = await conn.query(
    `DELETE FROM attempts WHERE id IN (
       SELECT id FROM attempts WHERE started_at < $1 ORDER BY started_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [cutoff, batchSize],
  );
  const cleared = await conn.query<{ created_at: string }>(
    `UPDATE messages SET payload_json = NULL WHERE id IN (
       SELECT m.id FROM messages m WHERE m.payload_json IS NOT NULL AND m.created_at >= $3 AND m.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.id
           AND (d.state IN ('pending', 'in_flight') OR d.updated_at >= $1))
       ORDER BY m.created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING created_at`,
    [cutoff, batchSize, resume.payloads ?? Number.MIN_SAFE_INTEGER],
  );
  const payloads = resumeAfter(cleared.rows, resume.payloads);
  return {
    attemptsDeleted: attempts.rowCount ?? 0,
    payloadsCleared: cleared.rows.length,
    resume: payloads === undefined ? {} : { payloads },
  };
}

const PLACEHOLDERS: RecordPurgePlaceholders = {
  cutoff: '$1',
  limit: '$2',
  from: '$3',
  lock: 'FOR UPDATE SKIP LOCKED',
};
const DELETE_FINISHED_DELIVERIES = deleteFinishedDeliveriesSql(PLACEHOLDERS);
const DELETE_BARE_MESSAGES = deleteBareMessagesSql(PLACEHOLDERS);
const DELETE_OLD_OPERATIONAL_EVENTS = deleteOldOperationalEventsSql(PLACEHOLDERS);
const DELETE_DELETED_ENDPOINTS = deleteDeletedEndpointsSql(PLACEHOLDERS);

/** Finished delivery rows, messages left without any, operational events, deleted endpoints left without any, older than the cutoff (see record-retention.ts). */
export async function purgeRecordsOlderThan(
  conn: PostgresConnection,
  cutoff: number,
  batchSize: number,
  resume: RecordPurgeResume = {},
): Promise<RecordPurgeResult> {
  requireTime('cutoff', cutoff);
  requirePositiveInt('batchSize', batchSize, 100_000);
  const from = (at: number | undefined) => [cutoff, batchSize, at ?? Number.MIN_SAFE_INTEGER];
  const deliveries = await conn.query<{ created_at: string }>(
    DELETE_FINISHED_DELIVERIES,
    from(resume.deliveries),
  );
  const messages = await conn.query<{ created_at: string }>(DELETE_BARE_MESSAGES, from(resume.messages));
  const operationalEvents = await conn.query(DELETE_OLD_OPERATIONAL_EVENTS, [cutoff, batchSize]);
  const endpoints = await conn.query(DELETE_DELETED_ENDPOINTS, [cutoff, batchSize]);
  return {
    deliveriesDeleted: deliveries.rows.length,
    messagesDeleted: messages.rows.length,
    operationalEventsDeleted: operationalEvents.rowCount ?? 0,
    endpointsDeleted: endpoints.rowCount ?? 0,
    resume: definedOnly({
      deliveries: resumeAfter(deliveries.rows, resume.deliveries),
      messages: resumeAfter(messages.rows, resume.messages),
    }),
  };
}
