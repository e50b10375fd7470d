import { clearFailingSinceSql, disableFailingEndpointSql } from '../shared/endpoint-statements.js';
import { insertOperationalEventSql, operationalEventValues } from '../shared/operational-events.js';
import { type OperationalEventRow, toOperationalEvent } from '../shared/rows.js';
import { requirePositiveInt, requireTime } from '../shared/validate.js';
import type { FailingEndpointDisable, OperationalEvent } from '../types.js';
import type { SqliteConnection } from './connection.js';

export function recordOperationalEvent(conn: SqliteConnection, event: OperationalEvent): void {
  conn.stmt(insertOperationalEventSql('sqlite')).run(...operationalEventValues(event));
}

export function clearFailingSince(conn: SqliteConnection, endpointId: string, now: number): boolean {
  requireTime('now', now);
  return conn.stmt(clearFailingSinceSql('sqlite')).run(now, endpointId).changes === 1;
}

/** Disables the endpoint and records why in one transaction, if it is still failing since the cutoff. */
export function disableFailingEndpoint(
  conn: SqliteConnection,
  input: FailingEndpointDisable,
  now: number,
): boolean {
  const values = operationalEventValues(input.event);
  requireTime('now', now);
  const cutoff = requireTime('failingSinceCutoff', input.failingSinceCutoff);
  return conn.write(() => {
    const changed = conn
      .stmt(disableFailingEndpointSql('sqlite'))
      .run(input.reason, now, input.endpointId, cutoff).changes;
    if (changed === 1) conn.stmt(insertOperationalEventSql('sqlite')).run(...values);
    return changed === 1;
  });
}

export function listOperationalEvents(
  conn: SqliteConnection,
  limit: number,
  since?: number,
): OperationalEvent[] {
  const rows = conn
    .stmt('SELECT * FROM operational_events WHERE created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?')
    .all(
      since === undefined ? Number.MIN_SAFE_INTEGER : requireTime('since', since),
      requirePositiveInt('limit', limit, 10_000),
    ) as OperationalEventRow[];
  return rows.map(toOperationalEvent);
}
