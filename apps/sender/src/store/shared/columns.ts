/** Column lists used to select joined rows unambiguously in both dialects. */

export const DELIVERY_COLUMNS = [
  'id',
  'tenant_id',
  'message_id',
  'endpoint_id',
  'event',
  'state',
  'attempt_count',
  'next_attempt_at',
  'lease_owner',
  'lease_expires_at',
  'last_status',
  'last_error',
  'created_at',
  'updated_at',
] as const;

export const MESSAGE_COLUMNS = [
  'id',
  'tenant_id',
  'model',
  'event',
  'payload_json',
  'idempotency_key',
  'created_at',
] as const;

export const ENDPOINT_COLUMNS = [
  'id',
  'tenant_id',
  'url',
  'method',
  'description',
  'model',
  'event_filter',
  'scheme',
  'secrets_sealed',
  'retry_policy',
  'timeout_ms',
  'enabled',
  'disabled_reason',
  'failing_since',
  'created_at',
  'updated_at',
] as const;

/** `e.url AS e_url, …` so a joined row can be split back into its parts with `unprefix`. */
export function prefixedColumns(alias: string, columns: readonly string[]): string {
  return columns.map((c) => `${alias}.${c} AS ${alias}_${c}`).join(', ');
}

export function unprefix<T>(row: Record<string, unknown>, alias: string): T {
  const prefix = `${alias}_`;
  const out: Record<string, unknown> = {};
  for (const key in row) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = row[key];
  return out as T;
}

/** The SELECT list of the claim result: delivery, message and endpoint of each claimed row. */
export const CLAIMED_COLUMNS = [
  prefixedColumns('d', DELIVERY_COLUMNS),
  prefixedColumns('m', MESSAGE_COLUMNS),
  prefixedColumns('e', ENDPOINT_COLUMNS),
].join(', ');
