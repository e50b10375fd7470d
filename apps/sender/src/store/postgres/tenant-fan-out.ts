import { StoreError } from '../shared/errors.js';
import { type EndpointRow, toEndpoint } from '../shared/rows.js';
import type { Endpoint, Entitlement, NewMessage } from '../types.js';
import type { PostgresConnection } from './connection.js';

/**
 * Each publishing process keeps its tenants' fan-out inputs (entitlement and enabled endpoints) as
 * last read, with a fingerprint the publish statement re-checks in its own snapshot (publish.ts).
 */

export interface TenantFanOut {
  entitlement: Entitlement;
  endpoints: Endpoint[];
  /** TENANT_FINGERPRINT as of the same read as the rest. */
  fingerprint: string;
}

/**
 * What fan-out reads of a tenant, hashed in SQL: its entitlement and every column of its enabled,
 * live endpoints. An unchanged fingerprint means a fan-out planned from the older read is exactly
 * the one the current rows give.
 */
export const TENANT_FINGERPRINT = `md5(t.entitlement || ':' || coalesce((SELECT string_agg(x::text, ',' ORDER BY x.id)
  FROM endpoints x WHERE x.tenant_id = t.id AND x.deleted_at IS NULL AND x.enabled), ''))`;

const MAX_CACHED_TENANTS = 10_000;
const tenantCaches = new WeakMap<PostgresConnection, Map<string, TenantFanOut>>();

function tenantCache(conn: PostgresConnection): Map<string, TenantFanOut> {
  let cache = tenantCaches.get(conn);
  if (!cache) {
    cache = new Map();
    tenantCaches.set(conn, cache);
  }
  return cache;
}

/** Each tenant of the batch with its enabled endpoints, in one statement; refreshes the cache. */
export async function loadTenants(
  conn: PostgresConnection,
  messages: NewMessage[],
): Promise<Map<string, TenantFanOut>> {
  const ids = [...new Set(messages.map((m) => m.tenantId))];
  const { rows } = await conn.query<
    EndpointRow & { tenant_key: string; tenant_entitlement: Entitlement; tenant_fingerprint: string }
  >(
    `SELECT t.id AS tenant_key, t.entitlement AS tenant_entitlement, ${TENANT_FINGERPRINT} AS tenant_fingerprint,
       e.*
     FROM tenants t LEFT JOIN endpoints e ON e.tenant_id = t.id AND e.deleted_at IS NULL AND e.enabled
     WHERE t.id = ANY ($1::text[])
     ORDER BY e.created_at, e.id`,
    [ids],
  );
  const tenants = new Map<string, TenantFanOut>();
  for (const row of rows) {
    let tenant = tenants.get(row.tenant_key);
    if (!tenant) {
      tenant = { entitlement: row.tenant_entitlement, endpoints: [], fingerprint: row.tenant_fingerprint };
      tenants.set(row.tenant_key, tenant);
    }
    if (row.id !== null) tenant.endpoints.push(toEndpoint(row));
  }
  for (const [i, message] of messages.entries()) {
    if (!tenants.has(message.tenantId)) {
      throw new StoreError('not_found', `messages[${i}].tenantId: tenant ${message.tenantId} does not exist`);
    }
  }
  const cache = tenantCache(conn);
  for (const [id, tenant] of tenants) {
    cache.delete(id);
    if (cache.size >= MAX_CACHED_TENANTS) cache.delete(cache.keys().next().value!);
    cache.set(id, tenant);
  }
  return tenants;
}

/** The batch's tenants as this process last read them, or null when one was never read. */
export function cachedTenants(
  conn: PostgresConnection,
  messages: NewMessage[],
): Map<string, TenantFanOut> | null {
  const cache = tenantCache(conn);
  const tenants = new Map<string, TenantFanOut>();
  for (const message of messages) {
    const tenant = cache.get(message.tenantId);
    if (!tenant) return null;
    tenants.set(message.tenantId, tenant);
  }
  return tenants;
}
