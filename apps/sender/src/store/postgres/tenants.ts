import { StoreError } from '../shared/errors.js';
import { type TenantRow, toTenant } from '../shared/rows.js';
import { requireId, requireTime } from '../shared/validate.js';
import type { Entitlement, Tenant } from '../types.js';
import type { PostgresConnection } from './connection.js';
import * as deliveries from './deliveries.js';

function checkEntitlement(field: string, value: unknown): void {
  if (value !== 'active' && value !== 'expired') {
    throw new StoreError('invalid_input', `${field}: must be active or expired`);
  }
}

export async function createTenant(
  conn: PostgresConnection,
  tenant: Omit<Tenant, 'createdAt' | 'updatedAt'>,
  now: number,
): Promise<Tenant> {
  requireId('tenant.id', tenant.id);
  requireTime('now', now);
  checkEntitlement('tenant.entitlement', tenant.entitlement);
  const { rows } = await conn.query<TenantRow>(
    `INSERT INTO tenants (id, name, entitlement, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (id) DO NOTHING RETURNING *`,
    [tenant.id, tenant.name, tenant.entitlement, now],
  );
  if (!rows[0]) throw new StoreError('conflict', `tenant.id: tenant ${tenant.id} already exists`);
  return toTenant(rows[0]);
}

/** Tenant rows by id, for a batched reader (many concurrent lookups, one query). */
export async function readTenantRows(
  conn: PostgresConnection,
  ids: string[],
): Promise<Map<string, TenantRow>> {
  const { rows } = await conn.query<TenantRow>('SELECT * FROM tenants WHERE id = ANY ($1::text[])', [ids]);
  return new Map(rows.map((row) => [row.id, row]));
}

export async function listTenants(conn: PostgresConnection): Promise<Tenant[]> {
  const { rows } = await conn.query<TenantRow>('SELECT * FROM tenants ORDER BY created_at, id');
  return rows.map(toTenant);
}

export async function setEntitlement(
  conn: PostgresConnection,
  id: string,
  entitlement: Entitlement,
  now: number,
): Promise<Tenant | null> {
  checkEntitlement('entitlement', entitlement);
  requireTime('now', now);
  return conn.transaction(async (client) => {
    // The bulk of the skipping first, before the tenant row is locked: publishes share-lock that
    // row, and would all wait (each holding a pool connection) for as long as a big skip takes.
    if (entitlement === 'expired') await deliveries.skipWaitingOfTenant(client, id, now);
    const { rows } = await client.query<TenantRow>(
      'UPDATE tenants SET entitlement = $1, updated_at = $2 WHERE id = $3 RETURNING *',
      [entitlement, now, id],
    );
    // Then what publishes that finished before the update stored meanwhile (a few rows at most).
    if (rows[0] && entitlement === 'expired') await deliveries.skipWaitingOfTenant(client, id, now);
    return rows[0] ? toTenant(rows[0]) : null;
  });
}
