import type { ApiKey, NewApiKey } from '../types.js';
import { StoreError } from './errors.js';
import { requireId, requireString } from './validate.js';

export interface ApiKeyRow {
  id: string;
  tenant_id: string | null;
  prefix: string;
  hash: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
  created_by: string | null;
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    prefix: row.prefix,
    hash: row.hash,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    createdBy: row.created_by,
  };
}

export function checkNewApiKey(key: NewApiKey): void {
  requireId('apiKey.id', key.id);
  if (key.tenantId !== null) requireId('apiKey.tenantId', key.tenantId);
  if (key.createdBy != null) requireId('apiKey.createdBy', key.createdBy);
  requireId('apiKey.prefix', key.prefix);
  requireId('apiKey.hash', key.hash);
  requireString('apiKey.name', key.name);
  if (key.name.length > 200) throw new StoreError('invalid_input', 'apiKey.name: at most 200 characters');
}

/** Oldest first, as every listing of keys (UPDATE … RETURNING has no ORDER BY). */
export function byCreation(a: ApiKey, b: ApiKey): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
}
