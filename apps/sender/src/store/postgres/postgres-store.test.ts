import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../ids/uuidv7.js';
import { claimAll, completion, newEndpoint, newMessage, seedTenant, T0 } from '../contract/fixtures.js';
import { recentDeliveryCountsQuery } from '../shared/delivery-counts.js';
import { COUNT_QUEUED_DELIVERIES } from '../shared/queued-counts.js';
import { describeStoreContract } from '../store.contract.js';
import type { PublishResult, Store } from '../types.js';
import { CLAIM_SQL } from './deliveries.js';
import { PostgresStore } from './postgres-store.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Each harness gets its own schema so test files (and tests) never see each other's rows. */
async function createSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `th_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

// One migrated schema for the contract suite of this file; each test starts from empty tables.
let contractSchema: Promise<{ schema: string; drop: () => Promise<void> }> | undefined;
afterAll(async () => {
  if (contractSchema) await (await contractSchema).drop();
});

/**
 * A migrated store in a schema of its own (its rows must not reach other tests' claims), a tenant
 * with `endpoints` endpoints and one published message, and a raw client on the same schema.
 */
async function withOwnSchema(
  endpoints: number,
  fn: (ctx: {
    store: PostgresStore;
    client: pg.Client;
    tenantId: string;
    endpointIds: string[];
    message: ReturnType<typeof newMessage>;
  }) => Promise<void>,
): Promise<void> {
  const own = await createSchema();
  const store = new PostgresStore({ connectionString: DATABASE_URL, schema: own.schema, maxConnections: 2 });
  const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${own.schema}` });
  try {
    await store.migrate();
    const { tenantId, endpointIds } = await seedTenant(store, { endpoints });
    const message = newMessage(tenantId);
    await store.publishMessages([message]);
    await client.connect();
    await fn({ store, client, tenantId, endpointIds, message });
  } finally {
    await client.end().catch(() => {});
    await store.close();
    await own.drop();
  }
}

async function explain(client: pg.Client, sql: string, values: unknown[] = []): Promise<string> {
  const { rows } = await client.query(`EXPLAIN ${sql}`, values);
  return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
}

describeStoreContract('postgres', async () => {
  contractSchema ??= createSchema();
  const { schema } = await contractSchema;
  const store = new PostgresStore({ connectionString: DATABASE_URL, schema, maxConnections: 3 });
  await store.migrate();
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(
    `TRUNCATE ${[
      'api_keys',
      'operational_events',
      'attempts',
      'deliveries',
      'messages',
      'endpoints',
      'tenants',
    ]
      .map((t) => `${schema}.${t}`)
      .join(', ')}`,
  );
  await admin.end();
  const opened: Store[] = [store];
  return {
    store,
    reopen: async () => {
      const again = new PostgresStore({ connectionString: DATABASE_URL, schema, maxConnections: 3 });
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
    },
  };
});

describe('postgres specifics', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const stores: PostgresStore[] = [];
  const open = (max = 4) => {
    const store = new PostgresStore({ connectionString: DATABASE_URL, schema, maxConnections: max });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    ({ schema, drop } = await createSchema());
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await drop();
  });

  it('lets several processes migrate at once and applies each migration once', async () => {
    const racers = [open(1), open(1), open(1), open(1)];
    await Promise.all(racers.map((s) => s.migrate()));
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(
      `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
    );
    await client.end();
    expect(rows).toEqual([
      { version: 1, name: 'init' },
      { version: 2, name: 'api_keys' },
      { version: 3, name: 'deliveries_by_endpoint_time' },
      { version: 4, name: 'portal_link_uses' },
      { version: 5, name: 'api_key_creator' },
    ]);
  });

  it('writes a completion still waiting for company when the store closes, instead of dropping it', async () => {
    // Not from open(): this test closes it itself.
    const store = new PostgresStore({ connectionString: DATABASE_URL, schema, maxConnections: 2 });
    await store.migrate();
    const { tenantId } = await seedTenant(store);
    const message = newMessage(tenantId);
    await store.publishMessages([message]);
    const claimed = (await claimAll(store, 'worker-close', T0)).find((c) => c.message.id === message.id)!;
    // Not awaited, and its linger timer never fires: only close() can write it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const completed = store.completeDelivery(completion(claimed, 'worker-close', 'succeeded', T0 + 5));
    try {
      await store.close();
    } finally {
      vi.useRealTimers();
    }
    await expect(completed).resolves.toBe(true);
    const delivery = await open().getDelivery(claimed.delivery.id);
    expect(delivery?.state).toBe('succeeded');
    expect(delivery?.attempts.map((a) => a.outcome)).toEqual(['succeeded']);
  });

  it('counts the queue through the partial indexes of unfinished rows, not the retained history', async () => {
    await withOwnSchema(1, async ({ store, client, tenantId, endpointIds, message }) => {
      // 20,000 finished deliveries: a history the count must not read.
      await client.query(
        `INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, event, state, attempt_count, created_at, updated_at)
         SELECT 'history-' || n, $1, $2, $3, 'plan.completed', 'succeeded', 1, n, n FROM generate_series(1, 20000) AS n`,
        [tenantId, message.id, endpointIds[0]],
      );
      await client.query('ANALYZE deliveries');
      const plan = await explain(client, COUNT_QUEUED_DELIVERIES);
      expect(plan).toMatch(/deliveries_due/);
      expect(plan).toMatch(/deliveries_leases/);
      expect(plan).not.toMatch(/Seq Scan on deliveries/);
      expect(await store.countQueuedDeliveries()).toEqual({ pending: 1, in_flight: 0 });
      await claimAll(store, 'w', T0);
      expect(await store.countQueuedDeliveries()).toEqual({ pending: 0, in_flight: 1 });
    });
  });

  it('keeps the claim on hashed look-ups of unsendable endpoints and expired tenants with many endpoints', async () => {
    await withOwnSchema(1, async ({ store, client, tenantId, message }) => {
      // 100,000 endpoints and as many tenants, a few disabled or expired: folding the expired tenants
      // into the endpoint look-up (an OR) once made the planner give up its hashed set here and
      // re-scan endpoints per row (853 ms per claim instead of 146 ms at ~260k endpoints).
      await client.query(
        `INSERT INTO tenants (id, name, entitlement, created_at, updated_at)
         SELECT 'tenant-' || n, 't', CASE WHEN n % 1000 = 0 THEN 'expired' ELSE 'active' END, 0, 0
         FROM generate_series(1, 100000) AS n`,
      );
      await client.query(
        `INSERT INTO endpoints (id, tenant_id, url, method, description, model, event_filter, scheme,
           secrets_sealed, retry_policy, timeout_ms, enabled, created_at, updated_at)
         SELECT 'endpoint-' || n, 'tenant-' || n, 'http://127.0.0.1:9/', 'POST', '', 'plan_bound_v2', '[]',
           '{}', '', '{}', 10000, n % 1000 <> 0, 0, 0 FROM generate_series(1, 100000) AS n`,
      );
      await client.query('ANALYZE tenants');
      await client.query('ANALYZE endpoints');
      const plan = await explain(client, CLAIM_SQL, [T0, [], 100, 'w', T0 + 60_000]);
      // Each scan of deliveries filters on two small hashed sets of its own; the expired tenants are
      // not a filter inside the endpoints scan (whose row estimate then grew to half the table).
      const deliveryFilters = plan.match(
        /Filter: \(\(NOT \(hashed SubPlan \d+\)\) AND \(NOT \(hashed SubPlan \d+\)\)/g,
      );
      expect(deliveryFilters).toHaveLength(2);
      expect(plan).not.toMatch(/OR \(hashed SubPlan/);
      // The filters still hold: the message's endpoint is sendable until its tenant's access expires.
      expect((await claimAll(store, 'w', T0)).map((c) => c.message.id)).toEqual([message.id]);
      await client.query(
        `UPDATE deliveries SET state = 'pending', lease_owner = NULL, lease_expires_at = NULL`,
      );
      await client.query(`UPDATE tenants SET entitlement = 'expired' WHERE id = $1`, [tenantId]);
      expect(await claimAll(store, 'w', T0)).toEqual([]);
    });
  });

  it("counts an endpoint's newest deliveries through a time index, not its whole history", async () => {
    // The published message left one pending delivery to each endpoint: the newest rows.
    await withOwnSchema(2, async ({ store, client, tenantId, endpointIds, message }) => {
      const [busy, quiet] = endpointIds as [string, string];
      // History: 19,998 finished deliveries of the busy endpoint and 202 of the quiet one spread among
      // them (every 100th), so reading by time alone would wade through the busy one's rows; 1 in 3 failed.
      await client.query(
        `INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, event, state, attempt_count, created_at, updated_at)
         SELECT 'history-' || n, $1, $2, CASE WHEN n % 100 = 0 THEN $4 ELSE $3 END, 'plan.completed',
           CASE WHEN n % 3 = 0 THEN 'failed' ELSE 'succeeded' END, 1, n, n FROM generate_series(1, 20200) AS n`,
        [tenantId, message.id, busy, quiet],
      );
      await client.query('ANALYZE deliveries');
      const plans: string[] = [];
      for (const endpointId of [busy, quiet]) {
        for (const scope of [{ endpointId }, { endpointId, tenantId }]) {
          const { sql, values } = recentDeliveryCountsQuery('postgres', scope, 100);
          plans.push(await explain(client, sql, values));
        }
      }
      for (const plan of plans) {
        // A LIMIT over a backward walk of an index in created_at order: bounded by the window.
        expect(plan).toMatch(/Limit[\s\S]*Index Scan Backward using deliveries_by_(endpoint_)?time/);
        expect(plan).not.toMatch(/Seq Scan on deliveries/);
        expect(plan).not.toMatch(/Sort Key: d\.created_at/);
      }
      // For the quiet endpoint only its own index keeps the walk to its rows.
      expect(plans[2]).toMatch(/Index Scan Backward using deliveries_by_endpoint_time/);
      expect(plans[3]).toMatch(/Index Scan Backward using deliveries_by_endpoint_time/);

      // The busy endpoint: its pending delivery, then its 99 newest finished ones (n = 20,199 down to
      // 20,101), every third failed.
      expect(await store.countRecentDeliveries({ endpointId: busy, tenantId }, 100)).toEqual({
        pending: 1,
        in_flight: 0,
        succeeded: 66,
        failed: 33,
        skipped: 0,
      });
      expect(await store.countRecentDeliveries({ endpointId: quiet, tenantId }, 1000)).toEqual({
        pending: 1,
        in_flight: 0,
        succeeded: 135,
        failed: 67,
        skipped: 0,
      });
    });
  });

  it('claims 2,000 deliveries from two pools in parallel, each exactly once', async () => {
    const a = open(4);
    const b = open(4);
    await a.migrate();
    const { tenantId } = await seedTenant(a, { endpoints: 4 });
    for (let batch = 0; batch < 5; batch++) {
      // 5 × 100 messages × 4 endpoints = 2,000 deliveries
      await a.publishMessages(
        Array.from({ length: 100 }, (_, i) => newMessage(tenantId, { createdAt: T0 + batch * 100 + i })),
      );
    }
    expect((await a.countDeliveries({ tenantId })).pending).toBe(2000);

    const claimedBy = new Map<string, string>();
    const duplicates: string[] = [];
    // Leases far longer than the test: any second claim of a row would be a double delivery.
    const worker = async (store: Store, workerId: string) => {
      for (;;) {
        const claimed = await store.claimDueDeliveries({
          workerId,
          now: T0 + 10_000,
          limit: 25,
          leaseMs: 3_600_000,
        });
        if (claimed.length === 0) return;
        for (const c of claimed) {
          if (claimedBy.has(c.delivery.id)) duplicates.push(c.delivery.id);
          claimedBy.set(c.delivery.id, workerId);
          expect(c.delivery.leaseOwner).toBe(workerId);
        }
      }
    };
    // b opens its connections first: a cold pool could lose every claim to a's warm one.
    await Promise.all([b.countDeliveries({ tenantId }), b.countDeliveries({ tenantId })]);
    await Promise.all([worker(a, 'a1'), worker(a, 'a2'), worker(b, 'b1'), worker(b, 'b2')]);

    expect(duplicates).toEqual([]);
    expect(claimedBy.size).toBe(2000);
    expect(await a.countDeliveries({ tenantId })).toMatchObject({ pending: 0, in_flight: 2000 });
    // Both pools did real work, so the run exercised contention rather than one pool draining everything.
    const perPool = { a: 0, b: 0 };
    for (const owner of claimedBy.values()) perPool[owner.startsWith('a') ? 'a' : 'b']++;
    expect(perPool.a).toBeGreaterThan(0);
    expect(perPool.b).toBeGreaterThan(0);
  });

  it('stores one message when two pools publish the same idempotency key at once', async () => {
    const a = open(2);
    const b = open(2);
    await a.migrate();
    const { tenantId } = await seedTenant(a, { endpoints: 2 });
    const keys = Array.from({ length: 20 }, () => `key-${uuidv7()}`);
    const publishAll = (store: Store) =>
      Promise.all(keys.map((key) => store.publishMessages([newMessage(tenantId, { idempotencyKey: key })])));
    const [fromA, fromB] = await Promise.all([publishAll(a), publishAll(b)]);
    keys.forEach((_, i) => {
      const ra = fromA[i]![0]!;
      const rb = fromB[i]![0]!;
      expect(ra.messageId).toBe(rb.messageId);
      expect([ra.duplicate, rb.duplicate].sort()).toEqual([false, true]);
    });
    expect((await a.countDeliveries({ tenantId })).pending).toBe(keys.length * 2);
  });

  it('refuses, after two pools publish one key at once for different payloads, the one that lost', async () => {
    const a = open(2);
    const b = open(2);
    await a.migrate();
    const { tenantId } = await seedTenant(a, { endpoints: 1 });
    const keys = Array.from({ length: 20 }, () => `key-${uuidv7()}`);
    const publishAll = (store: Store, payloadJson: string) =>
      Promise.allSettled(
        keys.map((key) =>
          store.publishMessages([newMessage(tenantId, { idempotencyKey: key, payloadJson })]),
        ),
      );
    const [fromA, fromB] = await Promise.all([publishAll(a, '{"from":"a"}'), publishAll(b, '{"from":"b"}')]);
    // The loser is refused in its statement when the winner committed first, or told after it
    // when both ran at once (ON CONFLICT waited for the winner and skipped the row).
    const outcome = (settled: PromiseSettledResult<PublishResult[]>) =>
      settled.status === 'rejected'
        ? `refused:${(settled.reason as { conflict?: string }).conflict}`
        : settled.value[0]!.conflict
          ? `told:${settled.value[0]!.conflict}`
          : settled.value[0]!.duplicate
            ? 'duplicate'
            : 'stored';
    keys.forEach((_, i) => {
      const outcomes = [outcome(fromA[i]!), outcome(fromB[i]!)];
      const loser = outcomes.filter((o) => o !== 'stored');
      expect(loser).toHaveLength(1);
      expect(['refused:payload', 'told:payload']).toContain(loser[0]);
    });
    expect((await a.countDeliveries({ tenantId })).pending).toBe(keys.length);
  });

  it('redeliver and recover that race an expiry either see it or are seen by it, never leaving rows waiting', async () => {
    const a = open(2);
    await a.migrate();
    const { tenantId, endpointIds } = await seedTenant(a, { endpoints: 1 });
    await a.publishMessages([newMessage(tenantId), newMessage(tenantId)]);
    // Earlier tests left rows of their own tenants in this schema: take this tenant's only.
    const claimed = (await claimAll(a, 'w', T0 + 10)).filter((claim) => claim.message.tenantId === tenantId);
    expect(claimed).toHaveLength(2);
    for (const claim of claimed) await a.completeDelivery(completion(claim, 'w', 'failed', T0 + 11));
    const expiry = new pg.Client({ connectionString: DATABASE_URL });
    await expiry.connect();
    try {
      await expiry.query(`SET search_path TO ${schema}`);
      for (const [name, run] of [
        ['redeliver', () => a.redeliver(claimed[0]!.delivery.id, T0 + 20)],
        ['recoverFailed', () => a.recoverFailed(endpointIds[0]!, T0, T0 + 20)],
      ] as const) {
        // What setEntitlement(expired) does, held open before its commit.
        await expiry.query('BEGIN');
        await expiry.query(`UPDATE tenants SET entitlement = 'expired' WHERE id = $1`, [tenantId]);
        await expiry.query(
          `UPDATE deliveries SET state = 'skipped' WHERE state = 'pending' AND tenant_id = $1`,
          [tenantId],
        );
        const settled = vi.fn();
        // The outcome is captured at once: the call may reject before COMMIT's own reply arrives,
        // and a rejection nobody handles yet is reported by Node as unhandled.
        const outcome = (run as () => Promise<unknown>)().then(
          () => {
            settled();
            return { error: undefined };
          },
          (error: unknown) => {
            settled();
            return { error };
          },
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect([name, settled.mock.calls.length]).toEqual([name, 0]); // waits for the expiry to commit
        await expiry.query('COMMIT');
        expect((await outcome).error).toMatchObject({ message: expect.stringMatching(/access has expired/) });
        const counts = await a.countDeliveries({ tenantId });
        expect([name, counts.pending, counts.failed]).toEqual([name, 0, 2]);
        await a.setEntitlement(tenantId, 'active', T0 + 30);
      }
    } finally {
      await expiry.end();
    }
  });

  it('a publish racing an expiry is stored either before it (and skipped by it) or after it, never leased past it', async () => {
    const setUp = open(2);
    await setUp.migrate();
    const { tenantId } = await seedTenant(setUp, { endpoints: 1 });
    const expiry = new pg.Client({ connectionString: DATABASE_URL });
    await expiry.connect();
    try {
      await expiry.query(`SET search_path TO ${schema}`);
      // cached: the publisher read the tenant (active) before; fresh: it reads it during the race.
      for (const variant of ['cached', 'fresh'] as const) {
        const publisher = open(2);
        if (variant === 'cached') await publisher.publishMessages([newMessage(tenantId)]);
        // What setEntitlement(expired) does, held open before its commit.
        await expiry.query('BEGIN');
        await expiry.query(`UPDATE tenants SET entitlement = 'expired' WHERE id = $1`, [tenantId]);
        await expiry.query(
          `UPDATE deliveries SET state = 'skipped' WHERE state = 'pending' AND tenant_id = $1`,
          [tenantId],
        );
        const race = publisher.publishAndLease([newMessage(tenantId)], {
          workerId: 'w',
          now: T0,
          leaseMs: 30_000,
          limit: 10,
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await expiry.query('COMMIT');
        const { results, leased } = await race;
        expect([variant, results[0]]).toEqual([
          variant,
          expect.objectContaining({ deliveriesCreated: 0, deliveriesSkipped: 1 }),
        ]);
        expect([variant, leased]).toEqual([variant, []]);
        const counts = await setUp.countDeliveries({ tenantId });
        expect([variant, counts.pending, counts.in_flight]).toEqual([variant, 0, 0]);
        await setUp.setEntitlement(tenantId, 'active', T0 + 1);
      }
    } finally {
      await expiry.end();
    }
  });

  it('a publish whose endpoints keep changing under it ends in the transaction, which cannot lose', async () => {
    const a = open(2);
    const b = open(2);
    await a.migrate();
    const { tenantId, endpointIds } = await seedTenant(a, { endpoints: 1 });
    // Another process changes the endpoint right after each fresh read of the tenants: every
    // fingerprint-checked plan loses.
    const conn = (a as unknown as { conn: { query: (...args: unknown[]) => Promise<unknown> } }).conn;
    const query = conn.query.bind(conn);
    let changes = 0;
    conn.query = async (...args: unknown[]) => {
      const result = await query(...args);
      if (String(args[0]).includes('AS tenant_fingerprint')) {
        changes++;
        await b.updateEndpoint(endpointIds[0]!, { description: `change ${changes}` }, T0 + changes);
      }
      return result;
    };
    const [stored] = await a.publishMessages([newMessage(tenantId)]);
    expect(stored).toMatchObject({ duplicate: false, deliveriesCreated: 1 });
    expect(changes).toBe(3);
  });

  it('fans out to the endpoints as they are now after another process changed them (no stale fan-out)', async () => {
    const a = open(2);
    const b = open(2);
    await a.migrate();
    const { tenantId, endpointIds } = await seedTenant(a, { endpoints: 2 });
    const created = async () => (await a.publishMessages([newMessage(tenantId)]))[0]!.deliveriesCreated;
    expect(await created()).toBe(2); // a has now read (and keeps) the tenant's endpoints
    await b.updateEndpoint(endpointIds[0]!, { enabled: false }, T0 + 1);
    expect(await created()).toBe(1);
    await b.setEntitlement(tenantId, 'expired', T0 + 2);
    const [skipped] = await a.publishMessages([newMessage(tenantId)]);
    expect(skipped).toMatchObject({ deliveriesCreated: 0, deliveriesSkipped: 1 });
    await b.setEntitlement(tenantId, 'active', T0 + 3);
    await b.updateEndpoint(endpointIds[0]!, { enabled: true }, T0 + 4);
    await b.createEndpoint(newEndpoint(tenantId), T0 + 5);
    expect(await created()).toBe(3);
    await b.deleteEndpoint(endpointIds[1]!);
    expect(await created()).toBe(2);
  });

  it("measures the database server's clock against the caller's, in ms, positive when the database is ahead", async () => {
    const store = open(1);
    const local = await store.measureClockOffset(Date.now);
    // Same host: the clocks agree to within the round trip.
    expect(Math.abs(local.offsetMs)).toBeLessThanOrEqual(local.roundTripMs / 2 + 50);
    expect(local.roundTripMs).toBeGreaterThanOrEqual(0);
    const behind = await store.measureClockOffset(() => Date.now() - 90_000);
    expect(behind.offsetMs).toBeGreaterThan(89_000);
    expect(behind.offsetMs).toBeLessThan(91_000);
    const ahead = await store.measureClockOffset(() => Date.now() + 90_000);
    expect(ahead.offsetMs).toBeLessThan(-89_000);
    expect(ahead.offsetMs).toBeGreaterThan(-91_000);
  });

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() => new PostgresStore({ connectionString: DATABASE_URL, schema: 'x; DROP TABLE y' })).toThrow(
      /schema/,
    );
  });
});
