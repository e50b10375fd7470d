import type { NewEndpoint } from '../types.js';
import { Params } from './filters.js';

/** The INSERT of a new endpoint row and its parameters, in the given dialect (same columns on both backends). */
export function insertEndpointStatement(
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
    // SQLite stores booleans as 0/1 (CHECK enabled IN (0, 1)).
    enabled: dialect === 'sqlite' ? (endpoint.enabled ? 1 : 0) : endpoint.enabled,
    disabled_reason: endpoint.disabledReason ?? null,
    failing_since: null,
    created_at: now,
    updated_at: now,
  };
  const p = new Params(dialect);
  const placeholders = Object.values(columns).map((value) => p.add(value));
  return {
    sql: `INSERT INTO endpoints (${Object.keys(columns).join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING *`,
    values: p.values,
  };
}
