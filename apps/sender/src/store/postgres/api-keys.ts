import { type ApiKeyRow, byCreation, checkNewApiKey, toApiKey } from '../shared/api-key-rows.js';
import { StoreError } from '../shared/errors.js';
import { requireTime } from '../shared/validate.js';
import type { ApiKey, ApiKeyFilter, NewApiKey } from '../types.js';
import { type PostgresConnection, pgErrorCode } from './connection.js';

export async function createApiKey(conn: PostgresConnection, key: NewApiKey, now: number): Promise<ApiKey> {
  checkNewApiKey(key);
  requireTime('now', now);
  try {
    const { rows } = await conn.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, tenant_id, prefix, hash, name, created_at, revoked_at, last_used_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7) RETURNING *`,
      [key.id, key.tenantId, key.prefix, key.hash, key.name, now, key.createdBy ?? null],
    );
    return toApiKey(rows[0]!);
  } catch (error) {
    if (pgErrorCode(error) === '23503') {
      throw new StoreError('not_found', `apiKey.tenantId: tenant ${key.tenantId} does not exist`);
    }
    if (pgErrorCode(error) === '23505') {
      throw new StoreError('conflict', 'apiKey.id: an API key with this id or hash already exists');
    }
    throw error;
  }
}

export async function findApiKeyByHash(conn: PostgresConnection, hash: string): Promise<ApiKey | null> {
  const { rows } = await conn.query<ApiKeyRow>('SELECT * FROM api_keys WHERE hash = $1', [hash]);
  return rows[0] ? toApiKey(rows[0]) : null;
}

export async function getApiKey(conn: PostgresConnection, id: string): Promise<ApiKey | null> {
  const { rows } = await conn.query<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
  return rows[0] ? toApiKey(rows[0]) : null;
}

export async function listApiKeys(conn: PostgresConnection, filter: ApiKeyFilter = {}): Promise<ApiKey[]> {
  const { rows } =
    filter.tenantId === undefined
      ? await conn.query<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')
      : filter.tenantId === null
        ? await conn.query<ApiKeyRow>(
            'SELECT * FROM api_keys WHERE tenant_id IS NULL ORDER BY created_at, id',
          )
        : await conn.query<ApiKeyRow>('SELECT * FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id', [
            filter.tenantId,
          ]);
  return rows.map(toApiKey);
}

export async function revokeApiKey(
  conn: PostgresConnection,
  id: string,
  now: number,
  tenantId: string | undefined,
): Promise<ApiKey | null> {
  requireTime('now', now);
  const { rows } = await conn.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1)
     WHERE id = $2 AND ($3::text IS NULL OR tenant_id = $3) RETURNING *`,
    [now, id, tenantId ?? null],
  );
  return rows[0] ? toApiKey(rows[0]) : null;
}

export async function touchApiKey(conn: PostgresConnection, id: string, now: number): Promise<void> {
  await conn.query(
    'UPDATE api_keys SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)',
    [requireTime('now', now), id],
  );
}

/**
 * Revokes every key `id` created, and every key those created, in one statement (a tenant scope
 * reaches that tenant's keys only). Keys already revoked keep their first revocation time and
 * are not returned.
 */
export async function revokeKeysCreatedBy(
  conn: PostgresConnection,
  id: string,
  now: number,
  tenantId: string | undefined,
): Promise<ApiKey[]> {
  requireTime('now', now);
  const { rows } = await conn.query<ApiKeyRow>(
    `WITH RECURSIVE minted(id) AS (
       SELECT id FROM api_keys WHERE created_by = $1
       UNION SELECT k.id FROM api_keys k JOIN minted m ON k.created_by = m.id
     )
     UPDATE api_keys SET revoked_at = $2
     WHERE id IN (SELECT id FROM minted) AND revoked_at IS NULL AND ($3::text IS NULL OR tenant_id = $3)
     RETURNING *`,
    [id, now, tenantId ?? null],
  );
  return rows.map(toApiKey).sort(byCreation);
}
