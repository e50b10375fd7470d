import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/ids/uuidv7.js';
import type { Store } from '../src/store/types.js';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { loadSeedExample, seedTenantWithEndpoint, TEST_ADMIN_KEY } from '../src/testing/seed-data.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';
import type { Backend } from '../src/testing/temp-store.js';
import { unusedPort } from '../src/testing/test-receiver.js';

const DAY = 24 * 60 * 60 * 1000;
const OLD = 1200; // more than two purge batches (500 rows each)
const RECENT = 40;
const ANCIENT = 30; // past the 30-day default of TASKHOOKS_RECORD_RETENTION_DAYS
const payloadJson = JSON.stringify(loadSeedExample());

let backend: ProcessBackend | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await backend?.dispose();
  backend = null;
});

/** Publishes `count` messages at `at` and records one successful attempt for each, as a worker would have. */
async function deliveredAt(store: Store, tenantId: string, count: number, at: number): Promise<string[]> {
  const messages = Array.from({ length: count }, () => ({
    id: uuidv7(),
    tenantId,
    model: 'plan_bound_v2',
    event: 'plan.failed',
    payloadJson,
    idempotencyKey: null,
    createdAt: at,
  }));
  await store.publishMessages(messages);
  const claimed = await store.claimDueDeliveries({
    workerId: 'seed',
    now: at + 1,
    limit: count,
    leaseMs: 60_000,
  });
  expect(claimed).toHaveLength(count);
  await Promise.all(
    claimed.map(({ delivery }) =>
      store.completeDelivery({
        deliveryId: delivery.id,
        leaseOwner: 'seed',
        state: 'succeeded',
        nextAttemptAt: null,
        now: at + 50,
        attempt: {
          id: uuidv7(),
          deliveryId: delivery.id,
          attemptNumber: 1,
          startedAt: at + 10,
          durationMs: 40,
          requestHeaders: {},
          responseStatus: 204,
          responseBodyExcerpt: '',
          outcome: 'succeeded',
          error: null,
        },
      }),
    ),
  );
  return messages.map((m) => m.id);
}

describe.each<Backend>(['sqlite', 'postgres'])('retention purge in the real process on %s', (kind) => {
  it('purges attempts and payloads older than TASKHOOKS_RETENTION_DAYS in batches, whole rows after 30 days, keeps recent ones', async () => {
    backend = await prepareProcessBackend(kind);
    const store = await backend.openStore();
    const now = Date.now();
    let oldIds: string[];
    let recentIds: string[];
    let ancientIds: string[];
    try {
      const { tenantId } = await seedTenantWithEndpoint(
        store,
        `http://127.0.0.1:${await unusedPort()}/hook`,
        { now: now - 60 * DAY },
      );
      oldIds = await deliveredAt(store, tenantId, OLD, now - 8 * DAY);
      recentIds = await deliveredAt(store, tenantId, RECENT, now - 6 * DAY);
      ancientIds = await deliveredAt(store, tenantId, ANCIENT, now - 31 * DAY);
      for (const [kind, age] of [
        ['endpoint.disabled', 31 * DAY],
        ['endpoint.failing', 6 * DAY],
      ] as const) {
        await store.recordOperationalEvent({
          id: uuidv7(),
          tenantId,
          kind,
          detailJson: '{}',
          createdAt: now - age,
        });
      }
    } finally {
      await store.close();
    }

    // The purge runs when the process starts (and every 10 minutes after).
    const sender = await startSenderProcess('serve', {
      ...backend.env,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      TASKHOOKS_RETENTION_DAYS: '7',
    });
    const purge = await sender.waitForLog((line) => line.msg === 'retention purge', 'the retention purge');
    expect(purge).toMatchObject({
      attemptsDeleted: OLD + ANCIENT,
      payloadsCleared: OLD + ANCIENT,
      deliveriesDeleted: ANCIENT,
      messagesDeleted: ANCIENT,
      operationalEventsDeleted: 1,
    });
    expect((await sender.stop('SIGTERM')).code).toBe(0);

    const check = await backend.openStore();
    try {
      expect((await check.listOperationalEvents(10)).map((e) => e.kind)).toEqual(['endpoint.failing']);
      for (const id of [oldIds[0]!, oldIds[OLD - 1]!]) {
        const message = await check.getMessage(id);
        expect(message?.payloadJson).toBeNull();
        const [delivery] = (await check.listDeliveries({ messageId: id })).items;
        expect(delivery?.state).toBe('succeeded'); // the delivery record itself stays
        expect((await check.getDelivery(delivery!.id))?.attempts).toHaveLength(0);
      }
      for (const id of [ancientIds[0]!, ancientIds[ANCIENT - 1]!]) {
        expect(await check.getMessage(id)).toBeNull();
        expect((await check.listDeliveries({ messageId: id })).items).toEqual([]);
      }
      for (const id of [recentIds[0]!, recentIds[RECENT - 1]!]) {
        expect((await check.getMessage(id))?.payloadJson).toBe(payloadJson);
        const [delivery] = (await check.listDeliveries({ messageId: id })).items;
        expect((await check.getDelivery(delivery!.id))?.attempts).toHaveLength(1);
      }
    } finally {
      await check.close();
    }
  });
});
