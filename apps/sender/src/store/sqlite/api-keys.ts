import { type ApiKeyRow, byCreation, checkNewApiKey, toApiKey } from '../shared/api-key-rows.js';
import { StoreError } from '../shared/errors.js';
import { requireTime } from '../shared/validate.js';
import type { ApiKey, ApiKeyFilter, NewApiKey } from '../types.js';
import type { SqliteConnection } from './connection.js';

export function createApiKey(conn: SqliteConnection, key: NewApiKey, now: number): ApiKey {
  checkNewApiKey(key);
  requireTime('now', now);
  return conn.write(() => {
    if (key.tenantId !== null && !conn.stmt('SELECT 1 FROM tenants WHERE id = ?').get(key.tenantId)) {
      throw new StoreError('not_found', `apiKey.tenantId: tenant ${key.tenantId} does not exist`);
    }
    if (conn.stmt('SELECT 1 FROM api_keys WHERE id = ? OR hash = ?').get(key.id, key.hash)) {
      throw new StoreError('conflict', `apiKey.id: an API key with this id or hash already exists`);
    }
    const row = conn
      .stmt(
        `INSERT INTO api_keys (id, tenant_id, prefix, hash, name, created_at, revoked_at, last_used_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?) RETURNING *`,
      )
      .get(key.id, key.tenantId, key.prefix, key.hash, key.name, now, key.createdBy ?? null) as ApiKeyRow;
    return toApiKey(row);
  });
}

export function findApiKeyByHash(conn: SqliteConnection, hash: string): ApiKey | null {
  const row = conn.stmt('SELECT * FROM api_keys WHERE hash = ?').get(hash) as ApiKeyRow | undefined;
  return row ? toApiKey(row) : null;
}

export function getApiKey(conn: SqliteConnection, id: string): ApiKey | null {
  const row = conn.stmt('SELECT * FROM api_keys WHERE id = ?').get(id) as ApiKeyRow | undefined;
  return row ? toApiKey(row) : null;
}

export function listApiKeys(conn: SqliteConnection, filter: ApiKeyFilter = {}): ApiKey[] {
  const rows = (
    filter.tenantId === undefined
      ? conn.stmt('SELECT * FROM api_keys ORDER BY created_at, id').all()
      : filter.tenantId === null
        ? conn.stmt('SELECT * FROM api_keys WHERE tenant_id IS NULL ORDER BY created_at, id').all()
        : conn.stmt('SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id').all(filter.tenantId)
  ) as ApiKeyRow[];
  return rows.map(toApiKey);
}

export function revokeApiKey(
  conn: SqliteConnection,
  id: string,
  now: number,
  tenantId: string | undefined,
): ApiKey | null {
  requireTime('now', now);
  const row = conn
    .stmt(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?)
       WHERE id = ? AND (? IS NULL OR tenant_id = ?) RETURNING *`,
    )
    .get(now, id, tenantId ?? null, tenantId ?? null) as ApiKeyRow | undefined;
  return row ? toApiKey(row) : null;
}

export function touchApiKey(conn: SqliteConnection, id: string, now: number): void {
  conn
    .stmt('UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)')
    .run(requireTime('now', now), id, now);
}

/**
 * Revokes every key `id` created, and every key those created, in one statement (a tenant scope
 * reaches that tenant's keys only). Keys already revoked keep their first revocation time and
 * are not returned.
 */
export function revokeKeysCreatedBy(
  conn: SqliteConnection,
  id: string,
  now: number,
  tenantId: string | undefined,
): ApiKey[] {
  requireTime('now', now);
  const rows = conn
    .stmt(
      `WITH RECURSIVE minted(id) AS (
         SELECT id FROM api_keys WHERE created_by = ?
         UNION SELECT k.id FROM api_keys k JOIN minted m ON k.created_by = m.id
       )
       UPDATE api_keys SET revoked_at = ?
       WHERE id IN (SELECT id FROM minted) AND revoked_at IS NULL AND (? IS NULL OR tenant_id = ?)
       RETURNING *`,
    )
    .all(id, now, tenantId ?? null, tenantId ?? null) as ApiKeyRow[];
  return rows.map(toApiKey).sort(byCreation);
}
