import { afterEach, expect, it } from 'vitest';
import { uuidv7 } from '../src/ids/uuidv7.js';
import { waitFor } from '../src/testing/api-client.js';
import { type CountingReceiver, startCountingReceiver } from '../src/testing/counting-receiver.js';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { loadSeedExample, seedTenantWithEndpoint } from '../src/testing/seed-data.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';

const EVENTS = 2000;
const payloadJson = JSON.stringify(loadSeedExample());

let receiver: CountingReceiver | null = null;
let backend: ProcessBackend | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await receiver?.close();
  await backend?.dispose();
  receiver = null;
  backend = null;
});

it('two `taskhooks worker` processes on one PostgreSQL share the work and never send a delivery twice', async () => {
  // Slow enough that both workers hold leases at the same time.
  receiver = await startCountingReceiver({ delayMs: { min: 1, max: 3 } });
  backend = await prepareProcessBackend('postgres');
  const store = await backend.openStore();
  const { tenantId } = await seedTenantWithEndpoint(store, receiver.url);

  const env = {
    ...backend.env,
    TASKHOOKS_WORKER_CONCURRENCY: '16',
    TASKHOOKS_WORKER_BATCH: '16',
  };
  const workers = await Promise.all([startSenderProcess('worker', env), startSenderProcess('worker', env)]);

  const messageIds: string[] = [];
  try {
    for (let i = 0; i < EVENTS; i += 500) {
      const batch = Array.from({ length: 500 }, () => ({
        id: uuidv7(),
        tenantId,
        model: 'plan_bound_v2',
        event: 'plan.failed',
        payloadJson,
        idempotencyKey: null,
        createdAt: Date.now(),
      }));
      await store.publishMessages(batch);
      messageIds.push(...batch.map((m) => m.id));
    }
    await waitFor(
      async () => (await store.countDeliveries({ tenantId })).succeeded === EVENTS,
      'every delivery to succeed',
      120_000,
      100,
    );
  } finally {
    await store.close();
  }

  // The receiver saw each message exactly once, never two copies at the same moment.
  expect(receiver.totalRequests()).toBe(EVENTS);
  expect(messageIds.every((id) => receiver!.countsById.get(id) === 1)).toBe(true);
  expect(receiver.maxConcurrentSameId()).toBe(1);

  // The database agrees: one attempt row per delivery.
  const perDelivery = await backend.sql<{ attempts: number; deliveries: number }>(
    `SELECT count(*)::int AS deliveries, coalesce(max(n), 0)::int AS attempts
     FROM (SELECT d.id, count(a.id) AS n FROM deliveries d LEFT JOIN attempts a ON a.delivery_id = d.id
           GROUP BY d.id) per_delivery`,
  );
  expect(perDelivery[0]).toEqual({ deliveries: EVENTS, attempts: 1 });
  const [{ total }] = (await backend.sql<{ total: number }>(
    'SELECT count(*)::int AS total FROM attempts',
  )) as [{ total: number }];
  expect(total).toBe(EVENTS);

  // Both processes did part of the work, and both stop gracefully.
  const stopped = await Promise.all(workers.map((w) => w.stop('SIGTERM')));
  expect(stopped.map((s) => s.code)).toEqual([0, 0]);
  const recorded = workers.map((w) => {
    const line = w.logs.find((l) => l.msg === 'delivery worker stopped');
    return Number(line?.attemptsRecorded);
  });
  console.log(`[scale-out] events=${EVENTS} attempts per worker=${recorded.join(' + ')}`);
  expect(recorded.every((n) => n > 0)).toBe(true);
  expect(recorded[0]! + recorded[1]!).toBe(EVENTS);
}, 180_000); // the drain wait (up to 120 s) fires first, with its message
