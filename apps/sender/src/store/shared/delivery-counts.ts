import type { DeliveryState } from '../types.js';
import { Params } from './filters.js';
import { requireId, requirePositiveInt } from './validate.js';

/** Most deliveries a recent-outcome count may read: it runs per endpoint on every portal overview. */
export const MAX_RECENT_DELIVERIES = 10_000;

/** Zero for every state, then the counts a `GROUP BY state` returned. */
export function countsByState(
  rows: Iterable<{ state: DeliveryState; n: number }>,
): Record<DeliveryState, number> {
  const counts: Record<DeliveryState, number> = {
    pending: 0,
    in_flight: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
  };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

/**
 * States of an endpoint's `limit` newest deliveries. The inner query walks deliveries_by_endpoint_time
 * backwards and stops after `limit` rows, so its cost is bounded whatever the retained history:
 * counting all of an endpoint's rows (what the portal did before) read every one of them, on
 * SQLite synchronously on the event loop that also ingests and delivers.
 */
export function recentDeliveryCountsQuery(
  dialect: 'sqlite' | 'postgres',
  scope: { endpointId: string; tenantId?: string },
  limit: number,
): { sql: string; values: unknown[] } {
  const p = new Params(dialect);
  const where = [`d.endpoint_id = ${p.add(requireId('endpointId', scope.endpointId))}`];
  if (scope.tenantId !== undefined)
    where.push(`d.tenant_id = ${p.add(requireId('tenantId', scope.tenantId))}`);
  const sql = `SELECT recent.state AS state, CAST(COUNT(*) AS INTEGER) AS n FROM (
      SELECT d.state FROM deliveries d WHERE ${where.join(' AND ')}
      ORDER BY d.created_at DESC, d.id DESC LIMIT ${p.add(requirePositiveInt('limit', limit, MAX_RECENT_DELIVERIES))}
    ) recent GROUP BY recent.state`;
  return { sql, values: p.values };
}
