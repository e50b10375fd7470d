import type pg from 'pg';
import { uuidv7 } from '../../ids/uuidv7.js';
import { StoreError } from '../shared/errors.js';
import { planFanOut } from '../shared/fan-out.js';
import {
  IdempotencyConflictError,
  idempotencyConflict,
  type OriginalRequest,
} from '../shared/idempotency.js';
import { type EndpointRow, toEndpoint } from '../shared/rows.js';
import type { Endpoint, Entitlement, NewMessage, PublishResult } from '../types.js';
import { type PostgresConnection, pgErrorCode } from './connection.js';
import { notifyIfDueSql } from './due-notifications.js';

async function loadTenant(client: pg.PoolClient, tenantId: string, index: number) {
  // Share-locked until commit, as in the bulk statement: an expiry waits for this transaction.
  const tenant = await client.query<{ entitlement: Entitlement }>(
    'SELECT entitlement FROM tenants WHERE id = $1 FOR SHARE',
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

/** One message at a time: the slow path, used to name the exact message behind a conflict. */
export function publishOneByOne(conn: PostgresConnection, messages: NewMessage[]): Promise<PublishResult[]> {
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
        const existing = await client.query<OriginalRequest & { id: string }>(
          'SELECT id, model, event, payload_json FROM messages WHERE tenant_id = $1 AND idempotency_key = $2',
          [message.tenantId, message.idempotencyKey],
        );
        const original = existing.rows[0]!;
        const conflict = idempotencyConflict(original, message);
        if (conflict) throw new IdempotencyConflictError(i, original.id, conflict);
        results.push({ messageId: original.id, duplicate: true, deliveriesCreated: 0, deliveriesSkipped: 0 });
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
