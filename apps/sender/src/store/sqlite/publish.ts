import { uuidv7 } from '../../ids/uuidv7.js';
import { StoreError } from '../shared/errors.js';
import { planFanOut } from '../shared/fan-out.js';
import {
  IdempotencyConflictError,
  idempotencyConflict,
  type OriginalRequest,
} from '../shared/idempotency.js';
import { checkNewMessages } from '../shared/input.js';
import { leasedClaim, PublishLeaseBudget } from '../shared/publish-lease.js';
import { type EndpointRow, toEndpoint } from '../shared/rows.js';
import type {
  ClaimedDelivery,
  Endpoint,
  Entitlement,
  LeasedPublish,
  NewMessage,
  PublishLease,
  PublishResult,
} from '../types.js';
import type { SqliteConnection } from './connection.js';

/** Publishing on SQLite: messages and their fan-out in one durable transaction. */

export async function publishMessages(
  conn: SqliteConnection,
  messages: NewMessage[],
  lease: PublishLease | null = null,
): Promise<LeasedPublish> {
  checkNewMessages(messages);
  const budget = new PublishLeaseBudget(lease);
  if (messages.length === 0) return { results: [], leased: [] };
  return conn.writeDurable(() => {
    const tenants = new Map<string, { entitlement: Entitlement; endpoints: Endpoint[] }>();
    const results: PublishResult[] = [];
    const leased: ClaimedDelivery[] = [];
    messages.forEach((message, i) => {
      if (message.idempotencyKey !== null) {
        // Inside the transaction, so an earlier message of this same batch is found too.
        const existing = conn
          .stmt(
            'SELECT id, model, event, payload_json FROM messages WHERE tenant_id = ? AND idempotency_key = ?',
          )
          .get(message.tenantId, message.idempotencyKey) as (OriginalRequest & { id: string }) | undefined;
        if (existing) {
          // Throwing rolls the whole transaction back: nothing of a publish that reuses a key for
          // another request is stored (the group committer then commits the other callers again).
          const conflict = idempotencyConflict(existing, message);
          if (conflict) throw new IdempotencyConflictError(i, existing.id, conflict);
          results.push({
            messageId: existing.id,
            duplicate: true,
            deliveriesCreated: 0,
            deliveriesSkipped: 0,
          });
          return;
        }
      }
      let tenant = tenants.get(message.tenantId);
      if (!tenant) {
        const row = conn.stmt('SELECT entitlement FROM tenants WHERE id = ?').get(message.tenantId) as
          | { entitlement: Entitlement }
          | undefined;
        if (!row)
          throw new StoreError(
            'not_found',
            `messages[${i}].tenantId: tenant ${message.tenantId} does not exist`,
          );
        const endpoints = conn
          // In creation order, as PostgreSQL's planned publish: which deliveries a publish lease
          // takes is the same on both stores.
          .stmt(
            'SELECT * FROM endpoints WHERE tenant_id = ? AND deleted_at IS NULL AND enabled = 1 ORDER BY created_at, id',
          )
          .all(message.tenantId) as EndpointRow[];
        tenant = { entitlement: row.entitlement, endpoints: endpoints.map(toEndpoint) };
        tenants.set(message.tenantId, tenant);
      }
      const inserted = conn
        .stmt(
          `INSERT INTO messages (id, tenant_id, model, event, payload_json, idempotency_key, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        )
        .run(
          message.id,
          message.tenantId,
          message.model,
          message.event,
          message.payloadJson,
          message.idempotencyKey,
          message.createdAt,
        );
      if (inserted.changes === 0) {
        throw new StoreError('conflict', `messages[${i}].id: message ${message.id} already exists`);
      }
      const planned = planFanOut(message, tenant.endpoints, tenant.entitlement);
      const insertDelivery = conn.stmt(
        `INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, event, state, attempt_count,
           next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
      );
      for (const delivery of planned) {
        const id = uuidv7();
        const leasedTo = budget.take(message, delivery);
        insertDelivery.run(
          id,
          message.tenantId,
          message.id,
          delivery.endpointId,
          message.event,
          leasedTo ? 'in_flight' : delivery.state,
          delivery.nextAttemptAt,
          leasedTo?.owner ?? null,
          leasedTo?.expiresAt ?? null,
          message.createdAt,
          message.createdAt,
        );
        if (leasedTo) {
          const endpoint = tenant.endpoints.find((e) => e.id === delivery.endpointId)!;
          leased.push(leasedClaim(id, message, endpoint, leasedTo));
        }
      }
      const skipped = planned.filter((d) => d.state === 'skipped').length;
      results.push({
        messageId: message.id,
        duplicate: false,
        deliveriesCreated: planned.length - skipped,
        deliveriesSkipped: skipped,
      });
    });
    return { results, leased };
  });
}
