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
import type { SqliteConnection } from './connection.js';

/** Retention on SQLite: short statements, each its own transaction, so the write lock is never held long. */

/** Attempts, and payloads of messages whose deliveries are all finished, older than the cutoff. */
export function purgeOlderThan(
  conn: SqliteConnection,
  cutoff: number,
  batchSize: number,
  resume: PurgeResume = {},
): PurgeResult {
  requireTime('cutoff', cutoff);
  requirePositiveInt('batchSize', batchSize, 100_000);
  const attemptsDeleted = conn
    .stmt('DELETE FROM attempts WHERE id IN (SELECT id FROM attempts WHERE started_at < ? LIMIT ?)')
    .run(cutoff, batchSize).changes;
  const cleared = conn
    .stmt(
      `UPDATE messages SET payload_json = NULL WHERE id IN (
         SELECT m.id FROM messages m WHERE m.payload_json IS NOT NULL AND m.created_at >= ? AND m.created_at < ?
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.id
             AND (d.state IN ('pending', 'in_flight') OR d.updated_at >= ?))
         ORDER BY m.created_at LIMIT ?)
       RETURNING created_at`,
    )
    .all(resume.payloads ?? Number.MIN_SAFE_INTEGER, cutoff, cutoff, batchSize) as { created_at: number }[];
  const payloads = resumeAfter(cleared, resume.payloads);
  return {
    attemptsDeleted,
    payloadsCleared: cleared.length,
    resume: payloads === undefined ? {} : { payloads },
  };
}

const PLACEHOLDERS: RecordPurgePlaceholders = { cutoff: '@cutoff', limit: '@limit', from: '@from', lock: '' };
export const DELETE_FINISHED_DELIVERIES = deleteFinishedDeliveriesSql(PLACEHOLDERS);
export const DELETE_BARE_MESSAGES = deleteBareMessagesSql(PLACEHOLDERS);
export const DELETE_OLD_OPERATIONAL_EVENTS = deleteOldOperationalEventsSql(PLACEHOLDERS);
export const DELETE_DELETED_ENDPOINTS = deleteDeletedEndpointsSql(PLACEHOLDERS);

/** Finished delivery rows, messages left without any, operational events, deleted endpoints left without any, older than the cutoff (see record-retention.ts). */
export function purgeRecordsOlderThan(
  conn: SqliteConnection,
  cutoff: number,
  batchSize: number,
  resume: RecordPurgeResume = {},
): RecordPurgeResult {
  requireTime('cutoff', cutoff);
  requirePositiveInt('batchSize', batchSize, 100_000);
  const params = { cutoff, limit: batchSize };
  const fromOf = (at: number | undefined) => ({ ...params, from: at ?? Number.MIN_SAFE_INTEGER });
  const deliveries = conn.stmt(DELETE_FINISHED_DELIVERIES).all(fromOf(resume.deliveries)) as {
    created_at: number;
  }[];
  const messages = conn.stmt(DELETE_BARE_MESSAGES).all(fromOf(resume.messages)) as { created_at: number }[];
  const operationalEventsDeleted = conn.stmt(DELETE_OLD_OPERATIONAL_EVENTS).run(params).changes;
  const endpointsDeleted = conn.stmt(DELETE_DELETED_ENDPOINTS).run(params).changes;
  return {
    deliveriesDeleted: deliveries.length,
    messagesDeleted: messages.length,
    operationalEventsDeleted,
    endpointsDeleted,
    resume: definedOnly({
      deliveries: resumeAfter(deliveries, resume.deliveries),
      messages: resumeAfter(messages, resume.messages),
    }),
  };
}
