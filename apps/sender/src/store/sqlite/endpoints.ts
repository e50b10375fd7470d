import {
  endpointOfAnotherTenant,
  insertEndpointStatement,
  updateEndpointStatement,
  upsertEndpointStatement,
} from '../shared/endpoint-statements.js';
import { StoreError } from '../shared/errors.js';
import { checkNewEndpoint } from '../shared/input.js';
import { type EndpointRow, toEndpoint } from '../shared/rows.js';
import { requireTime } from '../shared/validate.js';
import type { Endpoint, EndpointPatch, NewEndpoint } from '../types.js';
import type { SqliteConnection } from './connection.js';

/** Endpoint rows on SQLite. Deleted endpoints stay as rows (soft delete) until retention. */

const LIVE_ENDPOINT = 'deleted_at IS NULL';

export function createEndpoint(conn: SqliteConnection, endpoint: NewEndpoint, now: number): Endpoint {
  checkNewEndpoint(endpoint);
  requireTime('now', now);
  return conn.write(() => {
    requireTenant(conn, endpoint.tenantId);
    if (conn.stmt('SELECT 1 FROM endpoints WHERE id = ?').get(endpoint.id)) {
      throw new StoreError('conflict', `endpoint.id: endpoint ${endpoint.id} already exists`);
    }
    const insert = insertEndpointStatement(endpoint, now, 'sqlite');
    const row = conn.stmt(insert.sql).get(...insert.values) as EndpointRow;
    return toEndpoint(row);
  });
}

export function upsertEndpoint(conn: SqliteConnection, endpoint: NewEndpoint, now: number): Endpoint {
  checkNewEndpoint(endpoint);
  requireTime('now', now);
  return conn.write(() => {
    requireTenant(conn, endpoint.tenantId);
    const upsert = upsertEndpointStatement(endpoint, now, 'sqlite');
    const row = conn.stmt(upsert.sql).get(...upsert.values) as EndpointRow | undefined;
    if (!row) {
      const owner = conn.stmt('SELECT tenant_id FROM endpoints WHERE id = ?').get(endpoint.id) as
        | { tenant_id: string }
        | undefined;
      throw endpointOfAnotherTenant(endpoint, owner?.tenant_id);
    }
    return toEndpoint(row);
  });
}

function requireTenant(conn: SqliteConnection, tenantId: string): void {
  if (!conn.stmt('SELECT 1 FROM tenants WHERE id = ?').get(tenantId)) {
    throw new StoreError('not_found', `endpoint.tenantId: tenant ${tenantId} does not exist`);
  }
}

export function getEndpoint(conn: SqliteConnection, id: string, tenantId?: string): Endpoint | null {
  const row = (
    tenantId === undefined
      ? conn.stmt(`SELECT * FROM endpoints WHERE id = ? AND ${LIVE_ENDPOINT}`).get(id)
      : conn
          .stmt(`SELECT * FROM endpoints WHERE id = ? AND tenant_id = ? AND ${LIVE_ENDPOINT}`)
          .get(id, tenantId)
  ) as EndpointRow | undefined;
  return row ? toEndpoint(row) : null;
}

export function listEndpoints(conn: SqliteConnection, tenantId: string): Endpoint[] {
  const rows = conn
    .stmt(`SELECT * FROM endpoints WHERE tenant_id = ? AND ${LIVE_ENDPOINT} ORDER BY created_at, id`)
    .all(tenantId) as EndpointRow[];
  return rows.map(toEndpoint);
}

export function updateEndpoint(
  conn: SqliteConnection,
  id: string,
  patch: EndpointPatch,
  now: number,
  tenantId?: string,
): Endpoint | null {
  const update = updateEndpointStatement(id, patch, now, tenantId, 'sqlite');
  const row = conn.stmt(update.sql).get(...update.values) as EndpointRow | undefined;
  return row ? toEndpoint(row) : null;
}
