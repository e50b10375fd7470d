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
import { type PostgresConnection, pgErrorCode } from './connection.js';

/** Endpoint rows on PostgreSQL. Deleted endpoints stay as rows (soft delete) until retention. */

export async function createEndpoint(
  conn: PostgresConnection,
  endpoint: NewEndpoint,
  now: number,
): Promise<Endpoint> {
  const rows = await writeEndpoint(conn, endpoint, now, insertEndpointStatement);
  return toEndpoint(rows[0]!);
}

/**
 * Checks `endpoint`, runs the INSERT that `statement` builds for it, and turns a missing tenant or a
 * taken id into a StoreError.
 */
async function writeEndpoint(
  conn: PostgresConnection,
  endpoint: NewEndpoint,
  now: number,
  statement: typeof insertEndpointStatement,
): Promise<EndpointRow[]> {
  checkNewEndpoint(endpoint);
  requireTime('now', now);
  const { sql, values } = statement(endpoint, now, 'postgres');
  try {
    return (await conn.query<EndpointRow>(sql, values)).rows;
  } catch (error) {
    if (pgErrorCode(error) === '23503') {
      throw new StoreError('not_found', `endpoint.tenantId: tenant ${endpoint.tenantId} does not exist`);
    }
    if (pgErrorCode(error) === '23505') {
      throw new StoreError('conflict', `endpoint.id: endpoint ${endpoint.id} already exists`);
    }
    throw error;
  }
}

export async function upsertEndpoint(
  conn: PostgresConnection,
  endpoint: NewEndpoint,
  now: number,
): Promise<Endpoint> {
  const rows = await writeEndpoint(conn, endpoint, now, upsertEndpointStatement);
  if (rows[0]) return toEndpoint(rows[0]);
  const owner = await conn.query<{ tenant_id: string }>('SELECT tenant_id FROM endpoints WHERE id = $1', [
    endpoint.id,
  ]);
  throw endpointOfAnotherTenant(endpoint, owner.rows[0]?.tenant_id);
}

export async function getEndpoint(
  conn: PostgresConnection,
  id: string,
  tenantId?: string,
): Promise<Endpoint | null> {
  const { rows } = await conn.query<EndpointRow>(
    'SELECT * FROM endpoints WHERE id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR tenant_id = $2)',
    [id, tenantId ?? null],
  );
  return rows[0] ? toEndpoint(rows[0]) : null;
}

export async function listEndpoints(conn: PostgresConnection, tenantId: string): Promise<Endpoint[]> {
  const { rows } = await conn.query<EndpointRow>(
    'SELECT * FROM endpoints WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at, id',
    [tenantId],
  );
  return rows.map(toEndpoint);
}

export async function updateEndpoint(
  conn: PostgresConnection,
  id: string,
  patch: EndpointPatch,
  now: number,
  tenantId?: string,
): Promise<Endpoint | null> {
  const update = updateEndpointStatement(id, patch, now, tenantId, 'postgres');
  const { rows } = await conn.query<EndpointRow>(update.sql, update.values);
  return rows[0] ? toEndpoint(rows[0]) : null;
}
