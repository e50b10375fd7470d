// The PostgreSQL floor: the minimal schema in a scratch schema `floor_<random>` (dropped at the
// end), one connection, autocommit with the server's default synchronous_commit (on: each commit
// waits for its WAL flush). Per batch one statement publishes 100 messages with their leased
// deliveries and one completes them with their attempts: the fewest round trips a sender can make.
// The cost is this process's CPU (the pg client) plus every postgres process's (the backend, the
// WAL writer, …), which is where most of the work happens.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { uuidv7 } from '../../src/ids/uuidv7.js';
import { serviceCpuTimeMs } from '../process-stats.js';
import { msToUsPerEvent, selfCpuUs } from './cpu-clock.js';
import { attemptHeadersJson, inBatches, newStoreWork } from './store-floor.js';

export interface PostgresFloorCost {
  clientUs: number;
  serverUs: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

const SCHEMA = `
  CREATE TABLE message (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, model text NOT NULL,
    event text NOT NULL, payload_json text NOT NULL, created_at bigint NOT NULL);
  CREATE TABLE delivery (id uuid PRIMARY KEY, message_id uuid NOT NULL, endpoint_id uuid NOT NULL,
    state text NOT NULL, next_attempt_at bigint NOT NULL, attempts int NOT NULL, created_at bigint NOT NULL);
  CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state IN ('pending', 'in_flight');
  CREATE TABLE attempt (id uuid PRIMARY KEY, delivery_id uuid NOT NULL, status int, headers_json text,
    duration_ms real, outcome text NOT NULL, created_at bigint NOT NULL);`;

const PUBLISH = `
  WITH m AS (
    INSERT INTO message (id, tenant_id, model, event, payload_json, created_at)
    SELECT u.id, $3, 'plan_bound_v2', 'plan.failed', u.payload, $5
    FROM unnest($1::uuid[], $4::text[]) AS u(id, payload))
  INSERT INTO delivery (id, message_id, endpoint_id, state, next_attempt_at, attempts, created_at)
  SELECT d.id, d.message_id, $6, 'in_flight', $5 + 30000, 1, $5
  FROM unnest($2::uuid[], $1::uuid[]) AS d(id, message_id)`;

const COMPLETE = `
  WITH u AS (UPDATE delivery SET state = 'delivered' WHERE id = ANY($2::uuid[]))
  INSERT INTO attempt (id, delivery_id, status, headers_json, duration_ms, outcome, created_at)
  SELECT a.id, a.delivery_id, 204, a.headers, 1.7, 'delivered', $4
  FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS a(id, delivery_id, headers)`;

export async function measurePostgresFloor(
  payload: Record<string, unknown>,
  events: number,
  warmupEvents: number,
): Promise<PostgresFloorCost> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL });
  await client.connect();
  const schema = `floor_${randomBytes(4).toString('hex')}`;
  try {
    await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; ${SCHEMA}`);
    const work = newStoreWork(payload);

    const batch = async (count: number) => {
      const now = Date.now();
      const messageIds = Array.from({ length: count }, () => uuidv7());
      const deliveryIds = Array.from({ length: count }, () => uuidv7());
      const payloads = messageIds.map(() => work.payloadJson);
      await client.query({
        name: 'floor-publish',
        text: PUBLISH,
        values: [messageIds, deliveryIds, work.tenantId, payloads, now, work.endpointId],
      });
      const attemptIds = deliveryIds.map(() => uuidv7());
      const headers = deliveryIds.map((id) => attemptHeadersJson(id, now));
      await client.query({
        name: 'floor-complete',
        text: COMPLETE,
        values: [attemptIds, deliveryIds, headers, now],
      });
    };

    await inBatches(warmupEvents, batch);
    const serverBefore = serviceCpuTimeMs('postgres');
    const selfBefore = selfCpuUs();
    await inBatches(events, batch);
    return {
      clientUs: (selfCpuUs() - selfBefore) / events,
      serverUs: msToUsPerEvent(serverBefore, serviceCpuTimeMs('postgres'), events),
    };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client.end();
  }
}
