import { clearFailingSinceSql, disableFailingEndpointSql } from '../shared/endpoint-statements.js';
import { insertOperationalEventSql, operationalEventValues } from '../shared/operational-events.js';
import { type OperationalEventRow, toOperationalEvent } from '../shared/rows.js';
import { requirePositiveInt, requireTime } from '../shared/validate.js';
import type { FailingEndpointDisable, OperationalEvent } from '../types.js';
import type { PostgresConnection } from './connection.js';

export async function recordOperationalEvent(
  conn: PostgresConnection,
  event: OperationalEvent,
): Promise<void> {
  await conn.query(insertOperationalEventSql('postgres'), operationalEventValues(event));
}

export async function clearFailingSince(
  conn: PostgresConnection,
  endpointId: string,
  now: number,
): Promise<boolean> {
  requireTime('now', now);
  return (await conn.query(clearFailingSinceSql('postgres'), [now, endpointId])).rowCount === 1;
}

/** Disables the endpoint and records why in one transaction, if it is still failing since the cutoff. */
export async function disableFailingEndpoint(
  conn: PostgresConnection,
  input: FailingEndpointDisable,
  now: number,
): Promise<boolean> {
  const values = operationalEventValues(input.event);
  requireTime('now', now);
  const cutoff = requireTime('failingSinceCutoff', input.failingSinceCutoff);
  return conn.transaction(async (client) => {
    const changed = await client.query(disableFailingEndpointSql('postgres'), [
      input.reason,
      now,
      input.endpointId,
      cutoff,
    ]);
    if (changed.rowCount !== 1) return false;
    await client.query(insertOperationalEventSql('postgres'), values);
    return true;
  });
}

export async function listOperationalEvents(
  conn: PostgresConnection,
  limit: number,
  since?: number,
): Promise<OperationalEvent[]> {
  const { rows } = await conn.query<OperationalEventRow>(
    'SELECT * FROM operational_events WHERE created_at >= $2 ORDER BY created_at DESC, id DESC LIMIT $1',
    [
      requirePositiveInt('limit', limit, 10_000),
      since === undefined ? Number.MIN_SAFE_INTEGER : requireTime('since', since),
    ],
  );
  return rows.map(toOperationalEvent);
}
