import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { newMessage, seedTenant } from '../contract/fixtures.js';
import { PostgresStore } from './postgres-store.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A migrated schema of its own and `count` stores (separate pools, like separate processes) on it. */
async function schemaWithStores(count: number): Promise<PostgresStore[]> {
  const schema = `th_notify_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  cleanups.push(() => admin(`DROP SCHEMA ${schema} CASCADE`));
  const stores = Array.from(
    { length: count },
    () => new PostgresStore({ connectionString: DATABASE_URL, schema, maxConnections: 2 }),
  );
  for (const store of stores) cleanups.push(() => store.close());
  await stores[0]!.migrate();
  return stores;
}

/** Resolves with how many wake-ups arrived within `ms`. */
function countFor(ms: number, counter: { n: number }): Promise<number> {
  return new Promise((resolve) => setTimeout(() => resolve(counter.n), ms));
}

async function waitUntil(check: () => boolean, maxMs = 5000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

it('wakes watchers in other processes when due deliveries are committed, on this schema only', async () => {
  const [publisher, worker] = await schemaWithStores(2);
  const [elsewhere] = await schemaWithStores(1);
  const { tenantId } = await seedTenant(publisher!, { endpoints: 1 });
  const other = await seedTenant(elsewhere!, { endpoints: 1 });

  const woken = { n: 0 };
  const unwatch = worker!.watchDueDeliveries(() => woken.n++);
  // LISTEN is set up asynchronously; publish until the first wake-up arrives (bounded).
  for (let i = 0; i < 50 && woken.n === 0; i++) {
    await publisher!.publishMessages([newMessage(tenantId)]);
    await waitUntil(() => woken.n > 0, 1_000);
  }
  expect(woken.n).toBeGreaterThan(0);
  // Every committed publish notifies once: let a late notification of an extra loop pass land
  // before counting, or it would be taken for a wake-up by the other schema.
  await new Promise((resolve) => setTimeout(resolve, 500));

  // Another schema's publish, or one that stores nothing due, wakes nobody here.
  const before = woken.n;
  await elsewhere!.publishMessages([newMessage(other.tenantId)]);
  expect(await countFor(300, woken)).toBe(before);
  await publisher!.publishMessages([newMessage(tenantId, { idempotencyKey: 'k' })]);
  expect(await waitUntil(() => woken.n > before, 2000)).toBe(true); // the first keyed publish is new
  const afterKeyed = woken.n;
  await publisher!.publishMessages([newMessage(tenantId, { idempotencyKey: 'k' })]); // duplicate
  // Everything leased to a local worker: nothing left for anyone else to claim.
  await publisher!.publishAndLease([newMessage(tenantId)], {
    workerId: 'local',
    now: Date.now(),
    leaseMs: 30_000,
    limit: 10,
  });
  expect(await countFor(300, woken)).toBe(afterKeyed);

  // Unsubscribed: no more wake-ups.
  await unwatch();
  await publisher!.publishMessages([newMessage(tenantId)]);
  expect(await countFor(300, woken)).toBe(afterKeyed);
});
