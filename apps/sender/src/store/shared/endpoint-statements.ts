import type { EndpointPatch, NewEndpoint } from '../types.js';
import { StoreError } from './errors.js';
import { Params } from './filters.js';
import { checkEndpointPatch, ENDPOINT_PATCH_COLUMNS, JSON_ENDPOINT_FIELDS } from './input.js';
import { requireTime } from './validate.js';

/** Endpoint writes whose SQL is the same on both backends but for placeholders and booleans. */

function insertEndpointRow(
  endpoint: NewEndpoint,
  now: number,
  dialect: 'sqlite' | 'postgres',
): { sql: string; values: unknown[] } {
  const columns = {
    id: endpoint.id,
    tenant_id: endpoint.tenantId,
    url: endpoint.url,
    method: endpoint.method,
    description: endpoint.description,
    model: endpoint.model,
    event_filter: JSON.stringify(endpoint.eventFilter),
    scheme: JSON.stringify(endpoint.scheme),
    secrets_sealed: endpoint.secretsSealed,
    retry_policy: JSON.stringify(endpoint.retryPolicy),
    timeout_ms: endpoint.timeoutMs,
    enabled: storedBoolean(endpoint.enabled, dialect),
    disabled_reason: endpoint.disabledReason ?? null,
    failing_since: null,
    created_at: now,
    updated_at: now,
  };
  const p = new Params(dialect);
  const placeholders = Object.values(columns).map((value) => p.add(value));
  return {
    sql: `INSERT INTO endpoints (${Object.keys(columns).join(', ')}) VALUES (${placeholders.join(', ')})`,
    values: p.values,
  };
}

/** The INSERT of a new endpoint row and its parameters, in the given dialect (same columns on both backends). */
export function insertEndpointStatement(
  endpoint: NewEndpoint,
  now: number,
  dialect: 'sqlite' | 'postgres',
): { sql: string; values: unknown[] } {
  const insert = insertEndpointRow(endpoint, now, dialect);
  return { sql: `${insert.sql} RETURNING *`, values: insert.values };
}

/**
 * Creates the endpoint, or sets an existing row with its id to these fields (restoring it if it was
 * deleted), in one statement so that processes applying the same configuration at once agree.
 * A live endpoint keeps its failing period unless it is switched on again or gets another URL (the
 * old URL's failures say nothing of the new one); its tenant never changes: a row of another tenant
 * is left alone and nothing is returned.
 */
export function upsertEndpointStatement(
  endpoint: NewEndpoint,
  now: number,
  dialect: 'sqlite' | 'postgres',
): { sql: string; values: unknown[] } {
  const insert = insertEndpointRow(endpoint, now, dialect);
  const on = storedBoolean(true, dialect);
  // Every field a caller sets; the failing period is decided below.
  const replaced = [
    ...Object.values(ENDPOINT_PATCH_COLUMNS).filter((column) => column !== 'failing_since'),
    'updated_at',
  ];
  const sets = [
    ...replaced.map((column) => `${column} = excluded.${column}`),
    `failing_since = CASE WHEN endpoints.deleted_at IS NULL AND endpoints.enabled = ${on} AND excluded.enabled = ${on}
       AND endpoints.url = excluded.url THEN endpoints.failing_since ELSE NULL END`,
    'deleted_at = NULL',
  ];
  return {
    sql: `${insert.sql} ON CONFLICT (id) DO UPDATE SET ${sets.join(', ')}
      WHERE endpoints.tenant_id = excluded.tenant_id RETURNING *`,
    values: insert.values,
  };
}

/** The error for an upsert whose id is taken by an endpoint (live or deleted) of another tenant. */
export function endpointOfAnotherTenant(
  endpoint: NewEndpoint,
  ownerTenantId: string | undefined,
): StoreError {
  return new StoreError(
    'conflict',
    `endpoint.id: endpoint ${endpoint.id} belongs to tenant ${ownerTenantId ?? '(unknown)'}, not ${endpoint.tenantId}`,
  );
}

/** The UPDATE of a live endpoint's patched fields (and `updated_at`), optionally scoped to a tenant. */
export function updateEndpointStatement(
  id: string,
  patch: EndpointPatch,
  now: number,
  tenantId: string | undefined,
  dialect: 'sqlite' | 'postgres',
): { sql: string; values: unknown[] } {
  checkEndpointPatch(patch);
  const p = new Params(dialect);
  const sets: string[] = [];
  for (const [field, column] of Object.entries(ENDPOINT_PATCH_COLUMNS) as [keyof EndpointPatch, string][]) {
    const value = patch[field];
    if (value === undefined) continue;
    const stored = JSON_ENDPOINT_FIELDS.has(field)
      ? JSON.stringify(value)
      : field === 'enabled'
        ? storedBoolean(value as boolean, dialect)
        : value;
    sets.push(`${column} = ${p.add(stored)}`);
  }
  sets.push(`updated_at = ${p.add(requireTime('now', now))}`);
  const conditions = [`id = ${p.add(id)}`, 'deleted_at IS NULL'];
  if (tenantId !== undefined) conditions.push(`tenant_id = ${p.add(tenantId)}`);
  return {
    sql: `UPDATE endpoints SET ${sets.join(', ')} WHERE ${conditions.join(' AND ')} RETURNING *`,
    values: p.values,
  };
}

/** SQLite stores booleans as 0/1 (CHECK enabled IN (0, 1)). */
function storedBoolean(value: boolean, dialect: 'sqlite' | 'postgres'): boolean | number {
  return dialect === 'sqlite' ? (value ? 1 : 0) : value;
}

/**
 * Ends an endpoint's failing period after a success, and writes nothing when none is running: a
 * success reported from a stale view would otherwise bump updated_at, and with it the fan-out
 * fingerprint every publisher checks. Parameters: updated_at, id.
 */
export function clearFailingSinceSql(dialect: 'sqlite' | 'postgres'): string {
  return dialect === 'sqlite'
    ? 'UPDATE endpoints SET failing_since = NULL, updated_at = ? WHERE id = ? AND failing_since IS NOT NULL'
    : 'UPDATE endpoints SET failing_since = NULL, updated_at = $1 WHERE id = $2 AND failing_since IS NOT NULL';
}

/**
 * Switches a failing endpoint off only if it is still on: of several workers (processes) that
 * reach the failing period together, exactly one changes the row and records the operational event.
 * The stored failing_since must still be old enough: a worker's view can be stale (a success
 * written by another attempt or process cleared it), and that view must neither disable the
 * endpoint nor overwrite failing_since. Parameters: reason, updated_at, id, failing-since cutoff.
 */
export function disableFailingEndpointSql(dialect: 'sqlite' | 'postgres'): string {
  return dialect === 'sqlite'
    ? `UPDATE endpoints SET enabled = 0, disabled_reason = ?, updated_at = ?
       WHERE id = ? AND enabled = 1 AND deleted_at IS NULL
         AND failing_since IS NOT NULL AND failing_since <= ?`
    : `UPDATE endpoints SET enabled = false, disabled_reason = $1, updated_at = $2
       WHERE id = $3 AND enabled AND deleted_at IS NULL
         AND failing_since IS NOT NULL AND failing_since <= $4`;
}
