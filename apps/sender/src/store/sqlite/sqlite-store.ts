import { pageSize, toPage } from '../shared/cursor.js';
import { countsByState, recentDeliveryCountsQuery } from '../shared/delivery-counts.js';
import { StoreError } from '../shared/errors.js';
import { deliveryConditions, messageConditions, Params, whereClause } from '../shared/filters.js';
import { COUNT_QUEUED_DELIVERIES, type QueuedDeliveryCounts } from '../shared/queued-counts.js';
import {
  type AttemptRow,
  type DeliveryRow,
  type MessageRow,
  type TenantRow,
  toAttempt,
  toDelivery,
  toMessage,
  toTenant,
} from '../shared/rows.js';
import { requireId, requireTime } from '../shared/validate.js';
import type {
  ApiKey,
  ApiKeyFilter,
  Attempt,
  ClaimedDelivery,
  ClaimOptions,
  CompleteDeliveryInput,
  Delivery,
  DeliveryFilter,
  DeliveryState,
  Endpoint,
  EndpointPatch,
  Entitlement,
  FailingEndpointDisable,
  LeasedPublish,
  Message,
  MessageFilter,
  NewApiKey,
  NewEndpoint,
  NewMessage,
  OperationalEvent,
  Page,
  PublishLease,
  PublishResult,
  PurgeResult,
  PurgeResume,
  RecordPurgeResult,
  RecordPurgeResume,
  Store,
  Tenant,
} from '../types.js';
import * as apiKeys from './api-keys.js';
import { completeDelivery, flushCompletions } from './completions.js';
import { SqliteConnection, type SqliteOptions } from './connection.js';
import * as deliveries from './deliveries.js';
import * as endpoints from './endpoints.js';
import * as operationalEvents from './operational-events.js';
import * as portalLinkUses from './portal-link-uses.js';
import * as publish from './publish.js';
import * as retention from './retention.js';

/** The embedded store: one process owns the database file. */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  private readonly conn: SqliteConnection;

  constructor(options: SqliteOptions) {
    this.conn = new SqliteConnection(options);
  }

  async migrate(): Promise<void> {
    this.conn.migrate();
  }

  async writeBlocker(): Promise<string | null> {
    return this.conn.writeBlocker();
  }

  async close(): Promise<void> {
    if (this.conn.db.open) flushCompletions(this.conn);
    await this.conn.close();
  }

  async createTenant(tenant: Omit<Tenant, 'createdAt' | 'updatedAt'>, now: number): Promise<Tenant> {
    requireId('tenant.id', tenant.id);
    requireTime('now', now);
    if (tenant.entitlement !== 'active' && tenant.entitlement !== 'expired') {
      throw new StoreError('invalid_input', 'tenant.entitlement: must be active or expired');
    }
    const result = this.conn
      .stmt(
        `INSERT INTO tenants (id, name, entitlement, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      )
      .run(tenant.id, tenant.name, tenant.entitlement, now, now);
    if (result.changes === 0)
      throw new StoreError('conflict', `tenant.id: tenant ${tenant.id} already exists`);
    return { ...tenant, createdAt: now, updatedAt: now };
  }

  async getTenant(id: string): Promise<Tenant | null> {
    const row = this.conn.stmt('SELECT * FROM tenants WHERE id = ?').get(id) as TenantRow | undefined;
    return row ? toTenant(row) : null;
  }

  async listTenants(): Promise<Tenant[]> {
    return (this.conn.stmt('SELECT * FROM tenants ORDER BY created_at, id').all() as TenantRow[]).map(
      toTenant,
    );
  }

  async setEntitlement(id: string, entitlement: Entitlement, now: number): Promise<Tenant | null> {
    if (entitlement !== 'active' && entitlement !== 'expired') {
      throw new StoreError('invalid_input', 'entitlement: must be active or expired');
    }
    requireTime('now', now);
    return this.conn.write(() => {
      const row = this.conn
        .stmt('UPDATE tenants SET entitlement = ?, updated_at = ? WHERE id = ? RETURNING *')
        .get(entitlement, now, id) as TenantRow | undefined;
      if (row && entitlement === 'expired') deliveries.skipWaitingOfTenant(this.conn, id, now);
      return row ? toTenant(row) : null;
    });
  }

  async createEndpoint(endpoint: NewEndpoint, now: number): Promise<Endpoint> {
    return endpoints.createEndpoint(this.conn, endpoint, now);
  }

  async upsertEndpoint(endpoint: NewEndpoint, now: number): Promise<Endpoint> {
    return endpoints.upsertEndpoint(this.conn, endpoint, now);
  }

  async getEndpoint(id: string, tenantId?: string): Promise<Endpoint | null> {
    return endpoints.getEndpoint(this.conn, id, tenantId);
  }

  async listEndpoints(tenantId: string): Promise<Endpoint[]> {
    return endpoints.listEndpoints(this.conn, tenantId);
  }

  async updateEndpoint(
    id: string,
    patch: EndpointPatch,
    now: number,
    tenantId?: string,
  ): Promise<Endpoint | null> {
    return endpoints.updateEndpoint(this.conn, id, patch, now, tenantId);
  }

  async deleteEndpoint(id: string, tenantId?: string): Promise<boolean> {
    return this.conn.write(() => deliveries.deleteEndpoint(this.conn, id, tenantId, Date.now()));
  }

  async publishMessages(messages: NewMessage[]): Promise<PublishResult[]> {
    return (await publish.publishMessages(this.conn, messages)).results;
  }

  async publishAndLease(messages: NewMessage[], lease: PublishLease): Promise<LeasedPublish> {
    return publish.publishMessages(this.conn, messages, lease);
  }

  async getMessage(id: string, tenantId?: string): Promise<Message | null> {
    const row = (
      tenantId === undefined
        ? this.conn.stmt('SELECT * FROM messages WHERE id = ?').get(id)
        : this.conn.stmt('SELECT * FROM messages WHERE id = ? AND tenant_id = ?').get(id, tenantId)
    ) as MessageRow | undefined;
    return row ? toMessage(row) : null;
  }

  async listMessages(filter: MessageFilter): Promise<Page<Message>> {
    const limit = pageSize(filter.limit);
    const p = new Params('sqlite');
    const where = whereClause(messageConditions(filter, p));
    const rows = this.conn
      .stmt(
        `SELECT m.* FROM messages m ${where} ORDER BY m.created_at DESC, m.id DESC LIMIT ${p.add(limit + 1)}`,
      )
      .all(...p.values) as MessageRow[];
    return toPage(rows.map(toMessage), limit);
  }

  async claimDueDeliveries(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    return deliveries.claimDueDeliveries(this.conn, options);
  }

  async completeDelivery(input: CompleteDeliveryInput): Promise<boolean> {
    return completeDelivery(this.conn, input);
  }

  async releaseDeliveries(
    workerId: string,
    deliveryIds: string[],
    now: number,
    retryAt?: number,
  ): Promise<number> {
    return deliveries.releaseDeliveries(this.conn, workerId, deliveryIds, now, retryAt);
  }

  async getDelivery(id: string, tenantId?: string): Promise<(Delivery & { attempts: Attempt[] }) | null> {
    const row = (
      tenantId === undefined
        ? this.conn.stmt('SELECT * FROM deliveries WHERE id = ?').get(id)
        : this.conn.stmt('SELECT * FROM deliveries WHERE id = ? AND tenant_id = ?').get(id, tenantId)
    ) as DeliveryRow | undefined;
    if (!row) return null;
    const attempts = this.conn
      .stmt('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY attempt_number, started_at')
      .all(id) as AttemptRow[];
    return { ...toDelivery(row), attempts: attempts.map(toAttempt) };
  }

  async listDeliveries(filter: DeliveryFilter): Promise<Page<Delivery>> {
    const limit = pageSize(filter.limit);
    const p = new Params('sqlite');
    const where = whereClause(deliveryConditions(filter, p));
    const rows = this.conn
      .stmt(
        `SELECT d.* FROM deliveries d ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ${p.add(limit + 1)}`,
      )
      .all(...p.values) as DeliveryRow[];
    return toPage(rows.map(toDelivery), limit);
  }

  async redeliver(id: string, now: number, tenantId?: string): Promise<Delivery | null> {
    return this.conn.write(() => deliveries.redeliver(this.conn, id, now, tenantId));
  }

  async recoverFailed(endpointId: string, since: number, now: number, tenantId?: string): Promise<number> {
    return deliveries.recoverFailed(this.conn, endpointId, since, now, tenantId);
  }

  async countDeliveries(
    filter: { tenantId?: string; endpointId?: string } = {},
  ): Promise<Record<DeliveryState, number>> {
    const p = new Params('sqlite');
    const where = whereClause(
      deliveryConditions({ tenantId: filter.tenantId, endpointId: filter.endpointId }, p),
    );
    return countsByState(
      this.conn
        .stmt(`SELECT d.state AS state, COUNT(*) AS n FROM deliveries d ${where} GROUP BY d.state`)
        .all(...p.values) as { state: DeliveryState; n: number }[],
    );
  }

  async countRecentDeliveries(
    scope: { endpointId: string; tenantId?: string },
    limit: number,
  ): Promise<Record<DeliveryState, number>> {
    const { sql, values } = recentDeliveryCountsQuery('sqlite', scope, limit);
    return countsByState(this.conn.stmt(sql).all(...values) as { state: DeliveryState; n: number }[]);
  }

  async countQueuedDeliveries(): Promise<QueuedDeliveryCounts> {
    return this.conn.stmt(COUNT_QUEUED_DELIVERIES).get() as QueuedDeliveryCounts;
  }

  async recordOperationalEvent(event: OperationalEvent): Promise<void> {
    operationalEvents.recordOperationalEvent(this.conn, event);
  }

  async clearFailingSince(endpointId: string, now: number): Promise<boolean> {
    return operationalEvents.clearFailingSince(this.conn, endpointId, now);
  }

  async disableFailingEndpoint(input: FailingEndpointDisable, now: number): Promise<boolean> {
    return operationalEvents.disableFailingEndpoint(this.conn, input, now);
  }

  async listOperationalEvents(limit: number, since?: number): Promise<OperationalEvent[]> {
    return operationalEvents.listOperationalEvents(this.conn, limit, since);
  }

  async purgeOlderThan(cutoff: number, batchSize: number, resume?: PurgeResume): Promise<PurgeResult> {
    return retention.purgeOlderThan(this.conn, cutoff, batchSize, resume);
  }

  async purgeRecordsOlderThan(
    cutoff: number,
    batchSize: number,
    resume?: RecordPurgeResume,
  ): Promise<RecordPurgeResult> {
    return retention.purgeRecordsOlderThan(this.conn, cutoff, batchSize, resume);
  }

  async markPortalLinkUsed(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    return portalLinkUses.markPortalLinkUsed(this.conn, nonce, expiresAt, now);
  }

  async createApiKey(key: NewApiKey, now: number): Promise<ApiKey> {
    return apiKeys.createApiKey(this.conn, key, now);
  }

  async findApiKeyByHash(hash: string): Promise<ApiKey | null> {
    return apiKeys.findApiKeyByHash(this.conn, hash);
  }

  async getApiKey(id: string): Promise<ApiKey | null> {
    return apiKeys.getApiKey(this.conn, id);
  }

  async listApiKeys(filter?: ApiKeyFilter): Promise<ApiKey[]> {
    return apiKeys.listApiKeys(this.conn, filter);
  }

  async revokeApiKey(id: string, now: number, tenantId?: string): Promise<ApiKey | null> {
    return apiKeys.revokeApiKey(this.conn, id, now, tenantId);
  }

  async revokeKeysCreatedBy(id: string, now: number, tenantId?: string): Promise<ApiKey[]> {
    return apiKeys.revokeKeysCreatedBy(this.conn, id, now, tenantId);
  }

  async touchApiKey(id: string, now: number): Promise<void> {
    return apiKeys.touchApiKey(this.conn, id, now);
  }
}
