import { type ClockOffset, DATABASE_CLOCK_SQL, measureClockOffset } from '../shared/clock-offset.js';
import { pageSize, toPage } from '../shared/cursor.js';
import { countsByState, recentDeliveryCountsQuery } from '../shared/delivery-counts.js';
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
import { createBatchedReader } from './batched-reads.js';
import { completeDelivery, drainCompletions } from './completions.js';
import { PostgresConnection, type PostgresOptions } from './connection.js';
import * as deliveries from './deliveries.js';
import { DueListener } from './due-notifications.js';
import * as endpoints from './endpoints.js';
import * as operationalEvents from './operational-events.js';
import * as portalLinkUses from './portal-link-uses.js';
import { publishMessages } from './publish.js';
import * as retention from './retention.js';
import * as tenants from './tenants.js';

/** The scale-out store: any number of sender processes share one database. */
export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly conn: PostgresConnection;
  private readonly dueListener: DueListener;
  private readonly readTenant: (id: string) => Promise<TenantRow | null>;

  constructor(options: PostgresOptions) {
    this.conn = new PostgresConnection(options);
    this.readTenant = createBatchedReader((ids) => tenants.readTenantRows(this.conn, ids));
    this.dueListener = new DueListener({
      connectionString: options.connectionString,
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    });
  }

  async migrate(): Promise<void> {
    return this.conn.migrate();
  }

  async writeBlocker(): Promise<string | null> {
    const { rows } = await this.conn.query<{ read_only: string }>(
      `SELECT current_setting('transaction_read_only') AS read_only`,
    );
    return rows[0]?.read_only === 'on'
      ? 'read-only (a standby, or default_transaction_read_only is on)'
      : null;
  }

  async close(): Promise<void> {
    await drainCompletions(this.conn);
    await this.dueListener.close();
    return this.conn.close();
  }

  watchDueDeliveries(onDue: () => void): () => Promise<void> {
    return this.dueListener.subscribe(onDue);
  }

  measureClockOffset(clock: () => number): Promise<ClockOffset> {
    const readDatabaseMs = async () =>
      (await this.conn.query<{ ms: number }>(DATABASE_CLOCK_SQL)).rows[0]!.ms;
    return measureClockOffset(readDatabaseMs, clock);
  }

  async createTenant(tenant: Omit<Tenant, 'createdAt' | 'updatedAt'>, now: number): Promise<Tenant> {
    return tenants.createTenant(this.conn, tenant, now);
  }

  async getTenant(id: string): Promise<Tenant | null> {
    // Each caller gets its own object, as with a query of its own.
    const row = await this.readTenant(id);
    return row ? toTenant(row) : null;
  }

  async listTenants(): Promise<Tenant[]> {
    return tenants.listTenants(this.conn);
  }

  async setEntitlement(id: string, entitlement: Entitlement, now: number): Promise<Tenant | null> {
    return tenants.setEntitlement(this.conn, id, entitlement, now);
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
    return deliveries.deleteEndpoint(this.conn, id, tenantId, Date.now());
  }

  async publishMessages(messages: NewMessage[]): Promise<PublishResult[]> {
    return (await publishMessages(this.conn, messages)).results;
  }

  async publishAndLease(messages: NewMessage[], lease: PublishLease): Promise<LeasedPublish> {
    return publishMessages(this.conn, messages, lease);
  }

  async getMessage(id: string, tenantId?: string): Promise<Message | null> {
    const { rows } = await this.conn.query<MessageRow>(
      'SELECT * FROM messages WHERE id = $1 AND ($2::text IS NULL OR tenant_id = $2)',
      [id, tenantId ?? null],
    );
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async listMessages(filter: MessageFilter): Promise<Page<Message>> {
    const limit = pageSize(filter.limit);
    const p = new Params('postgres');
    const where = whereClause(messageConditions(filter, p));
    const { rows } = await this.conn.query<MessageRow>(
      `SELECT m.* FROM messages m ${where} ORDER BY m.created_at DESC, m.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
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
    const { rows } = await this.conn.query<DeliveryRow>(
      'SELECT * FROM deliveries WHERE id = $1 AND ($2::text IS NULL OR tenant_id = $2)',
      [id, tenantId ?? null],
    );
    if (!rows[0]) return null;
    const attempts = await this.conn.query<AttemptRow>(
      'SELECT * FROM attempts WHERE delivery_id = $1 ORDER BY attempt_number, started_at',
      [id],
    );
    return { ...toDelivery(rows[0]), attempts: attempts.rows.map(toAttempt) };
  }

  async listDeliveries(filter: DeliveryFilter): Promise<Page<Delivery>> {
    const limit = pageSize(filter.limit);
    const p = new Params('postgres');
    const where = whereClause(deliveryConditions(filter, p));
    const { rows } = await this.conn.query<DeliveryRow>(
      `SELECT d.* FROM deliveries d ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    return toPage(rows.map(toDelivery), limit);
  }

  async redeliver(id: string, now: number, tenantId?: string): Promise<Delivery | null> {
    return deliveries.redeliver(this.conn, id, now, tenantId);
  }

  async recoverFailed(endpointId: string, since: number, now: number, tenantId?: string): Promise<number> {
    return deliveries.recoverFailed(this.conn, endpointId, since, now, tenantId);
  }

  async countDeliveries(
    filter: { tenantId?: string; endpointId?: string } = {},
  ): Promise<Record<DeliveryState, number>> {
    const p = new Params('postgres');
    const where = whereClause(
      deliveryConditions({ tenantId: filter.tenantId, endpointId: filter.endpointId }, p),
    );
    const { rows } = await this.conn.query<{ state: DeliveryState; n: number }>(
      `SELECT d.state, COUNT(*) AS n FROM deliveries d ${where} GROUP BY d.state`,
      p.values,
    );
    return countsByState(rows);
  }

  async countRecentDeliveries(
    scope: { endpointId: string; tenantId?: string },
    limit: number,
  ): Promise<Record<DeliveryState, number>> {
    const { sql, values } = recentDeliveryCountsQuery('postgres', scope, limit);
    return countsByState((await this.conn.query<{ state: DeliveryState; n: number }>(sql, values)).rows);
  }

  async countQueuedDeliveries(): Promise<QueuedDeliveryCounts> {
    return (await this.conn.query<QueuedDeliveryCounts>(COUNT_QUEUED_DELIVERIES)).rows[0]!;
  }

  async recordOperationalEvent(event: OperationalEvent): Promise<void> {
    return operationalEvents.recordOperationalEvent(this.conn, event);
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
