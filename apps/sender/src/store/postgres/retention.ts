import {
  deleteBareMessagesSql,
  deleteDeletedEndpointsSql,
  deleteFinishedDeliveriesSql,
  deleteOldOperationalEventsSql,
  type RecordPurgePlaceholders,
} from '../shared/record-retention.js';
import { requirePositiveInt, requireTime } from '../shared/validate.js';
import type { PurgeResult, RecordPurgeResult } from '../types.js';
import type { PostgresConnection } from './connection.js';

/** Retention on PostgreSQL: short autocommit statements; SKIP LOCKED so it never waits on (or blocks) live work. */

/** Attempts, and payloads of messages whose deliveries are all finished, older than the cutoff. */
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

const PLACEHOLDERS: RecordPurgePlaceholders = { cutoff: '$1', limit: '$2', lock: 'FOR UPDATE SKIP LOCKED' };
const DELETE_FINISHED_DELIVERIES = deleteFinishedDeliveriesSql(PLACEHOLDERS);
const DELETE_BARE_MESSAGES = deleteBareMessagesSql(PLACEHOLDERS);
const DELETE_OLD_OPERATIONAL_EVENTS = deleteOldOperationalEventsSql(PLACEHOLDERS);
const DELETE_DELETED_ENDPOINTS = deleteDeletedEndpointsSql(PLACEHOLDERS);

/** Finished delivery rows, messages left without any, operational events, deleted endpoints left without any, older than the cutoff (see record-retention.ts). */
export async function purgeRecordsOlderThan(
  conn: PostgresConnection,
  cutoff: number,
  batchSize: number,
): Promise<RecordPurgeResult> {
  requireTime('cutoff', cutoff);
  requirePositiveInt('batchSize', batchSize, 100_000);
  const deliveries = await conn.query(DELETE_FINISHED_DELIVERIES, [cutoff, batchSize]);
  const messages = await conn.query(DELETE_BARE_MESSAGES, [cutoff, batchSize]);
  const operationalEvents = await conn.query(DELETE_OLD_OPERATIONAL_EVENTS, [cutoff, batchSize]);
  const endpoints = await conn.query(DELETE_DELETED_ENDPOINTS, [cutoff, batchSize]);
  return {
    deliveriesDeleted: deliveries.rowCount ?? 0,
    messagesDeleted: messages.rowCount ?? 0,
    operationalEventsDeleted: operationalEvents.rowCount ?? 0,
    endpointsDeleted: endpoints.rowCount ?? 0,
  };
}
