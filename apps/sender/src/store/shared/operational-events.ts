import type { OperationalEvent } from '../types.js';
import { requireId, requireTime } from './validate.js';

/** Operational events (endpoint failing, disabled, …): one INSERT for both backends and every caller. */
export function insertOperationalEventSql(dialect: 'sqlite' | 'postgres'): string {
  return dialect === 'sqlite'
    ? 'INSERT INTO operational_events (id, tenant_id, kind, detail_json, created_at) VALUES (?, ?, ?, ?, ?)'
    : 'INSERT INTO operational_events (id, tenant_id, kind, detail_json, created_at) VALUES ($1, $2, $3, $4, $5)';
}

/** The values of insertOperationalEventSql, checked. */
export function operationalEventValues(event: OperationalEvent): unknown[] {
  requireId('event.id', event.id);
  requireId('event.kind', event.kind);
  return [
    event.id,
    event.tenantId,
    event.kind,
    event.detailJson,
    requireTime('event.createdAt', event.createdAt),
  ];
}
