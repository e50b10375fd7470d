import {
  deleteBareMessagesSql,
  deleteDeletedEndpointsSql,
  deleteFinishedDeliveriesSql,
  deleteOldOperationalEventsSql,
  type RecordPurgePlaceholders,
} from '../shared/record-retention.js';
import { requirePositiveInt, requireTime } from '../shared/validate.js';
import type { PurgeResult, RecordPurgeResult } from '../types.js';
import type { SqliteConnection } from './connection.js';

/** Retention on SQLite: short statements, each its own transaction, so the write lock is never held long. */

/** Attempts, and payloads of messages whose deliveries are all finished, older than the cutoff. */
export function purgeOlderThan(conn: SqliteConnection, cutoff: number, batchSize: number): PurgeResult {
  requireTime('cutoff', cutoff);
  requirePositiveInt('batchSize', batchSize, 100_000);
  const attemptsDeleted = conn
    .stmt('DELETE FROM attempts WHERE id IN (SELECT id FROM attempts WHERE started_at < ? LIMIT ?)')
    .run(cutoff, batchSize).changes;
  const payloadsCleared = conn
    .stmt(
      `UPDATE messages SET payload_json = NULL WHERE id IN (
         SELECT m.id FROM messages m WHERE m.payload_json IS NOT NULL AND m.created_at < ?
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.id
             AND (d.state IN ('pending', 'in_flight') OR d.updated_at >= ?))
         LIMIT ?)`,
    )
    .run(cutoff, cutoff, batchSize).changes;
  return { attemptsDeleted, payloadsCleared };
}

const PLACEHOLDERS: RecordPurgePlaceholders = { cutoff: '@cutoff', limit: '@limit', lock: '' };
export const DELETE_FINISHED_DELIVERIES = deleteFinishedDeliveriesSql(PLACEHOLDERS);
export const DELETE_BARE_MESSAGES = deleteBareMessagesSql(PLACEHOLDERS);
export const DELETE_OLD_OPERATIONAL_EVENTS = deleteOldOperationalEventsSql(PLACEHOLDERS);
export const DELETE_DELETED_ENDPOINTS = deleteDeletedEndpointsSql(PLACEHOLDERS);

/** Finished delivery rows, messages left without any, operational events, deleted endpoints left without any, older than the cutoff (see record-retention.ts). */
export function purgeRecordsOlderThan(
  conn: SqliteConnection,
  cutoff: number,
  batchSize: number,
): RecordPurgeResult {
  requireTime('cutoff', cutoff);
  requirePositiveInt('batchSize', batchSize, 100_000);
  const params = { cutoff, limit: batchSize };
  const deliveriesDeleted = conn.stmt(DELETE_FINISHED_DELIVERIES).run(params).changes;
  const messagesDeleted = conn.stmt(DELETE_BARE_MESSAGES).run(params).changes;
  const operationalEventsDeleted = conn.stmt(DELETE_OLD_OPERATIONAL_EVENTS).run(params).changes;
  const endpointsDeleted = conn.stmt(DELETE_DELETED_ENDPOINTS).run(params).changes;
  return { deliveriesDeleted, messagesDeleted, operationalEventsDeleted, endpointsDeleted };
}
