import type { DeliveryFilter, MessageFilter } from '../types.js';
import { decodeCursor } from './cursor.js';
import { requireTime } from './validate.js';

/** Collects parameters and renders the dialect's placeholder (`?` or `$n`). */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'sqlite' ? '?' : `$${this.values.length}`;
  }
}

/**
 * WHERE conditions shared by list queries: `since` is inclusive, `until` exclusive, and the cursor
 * continues strictly after the last row of the previous page in (created_at, id) descending order.
 */
function timeAndCursor(
  alias: string,
  filter: { since?: number; until?: number; cursor?: string | null },
  p: Params,
): string[] {
  const where: string[] = [];
  if (filter.since !== undefined)
    where.push(`${alias}.created_at >= ${p.add(requireTime('since', filter.since))}`);
  if (filter.until !== undefined)
    where.push(`${alias}.created_at < ${p.add(requireTime('until', filter.until))}`);
  if (filter.cursor) {
    const position = decodeCursor(filter.cursor);
    where.push(`(${alias}.created_at, ${alias}.id) < (${p.add(position.createdAt)}, ${p.add(position.id)})`);
  }
  return where;
}

export function messageConditions(filter: MessageFilter, p: Params): string[] {
  const where: string[] = [];
  if (filter.tenantId !== undefined) where.push(`m.tenant_id = ${p.add(filter.tenantId)}`);
  if (filter.event !== undefined) where.push(`m.event = ${p.add(filter.event)}`);
  return [...where, ...timeAndCursor('m', filter, p)];
}

export function deliveryConditions(filter: DeliveryFilter, p: Params): string[] {
  const where: string[] = [];
  if (filter.tenantId !== undefined) where.push(`d.tenant_id = ${p.add(filter.tenantId)}`);
  if (filter.endpointId !== undefined) where.push(`d.endpoint_id = ${p.add(filter.endpointId)}`);
  if (filter.messageId !== undefined) where.push(`d.message_id = ${p.add(filter.messageId)}`);
  if (filter.state !== undefined) where.push(`d.state = ${p.add(filter.state)}`);
  if (filter.event !== undefined) where.push(`d.event = ${p.add(filter.event)}`);
  return [...where, ...timeAndCursor('d', filter, p)];
}

export function whereClause(conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
