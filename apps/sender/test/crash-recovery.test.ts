import { afterEach, describe, expect, it } from 'vitest';
import { callApi, publishMany, waitFor } from '../src/testing/api-client.js';
import { type CountingReceiver, startCountingReceiver } from '../src/testing/counting-receiver.js';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { loadSeedExample, seedTenantWithEndpoint, TEST_ADMIN_KEY } from '../src/testing/seed-data.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';
import type { Backend } from '../src/testing/temp-store.js';

const EVENTS = 3000;
const CONCURRENCY = 32;
const payload = loadSeedExample();

let receiver: CountingReceiver | null = null;
let backend: ProcessBackend | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await receiver?.close();
  await backend?.dispose();
  receiver = null;
  backend = null;
});

describe.each<Backend>(['sqlite', 'postgres'])('crash recovery (real processes) on %s', (kind) => {
  it('SIGKILL mid-delivery loses nothing; after a restart every message arrives, duplicates ≤ the in-flight bound', async () => {
    receiver = await startCountingReceiver({ delayMs: { min: 2, max: 5 } });
    backend = await prepareProcessBackend(kind);
    const store = await backend.openStore();
    const { tenantId } = await seedTenantWithEndpoint(store, receiver.url);
    await store.close();

    const env = {
      ...backend.env,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      TASKHOOKS_WORKER_CONCURRENCY: String(CONCURRENCY),
      TASKHOOKS_WORKER_BATCH: String(CONCURRENCY),
      // Short lease: the killed process's claims become claimable again within ~2 s.
      TASKHOOKS_MAX_TIMEOUT_MS: '1000',
      TASKHOOKS_LEASE_MS: '2000',
    };
    // Publish in the background and kill the sender mid-stream: some events delivered, some
    // waiting, some attempts in flight, and a publish call cut off half way.
    const first = await startSenderProcess('serve', env);
    const published: string[] = [];
    const publishing = (async () => {
      while (published.length < EVENTS) {
        published.push(...(await publishMany(first.url!, TEST_ADMIN_KEY, tenantId, payload, 100, 100)));
      }
    })().catch(() => 'cut off by the kill');
    await waitFor(
      () => receiver!.countsById.size >= 100 && published.length >= EVENTS / 3 && receiver!.unanswered() > 0,
      'a third of the events published, some delivered and some requests open',
      60_000,
      1,
    );
    first.child.kill('SIGKILL');
    const openAtKill = receiver.unanswered();
    const deliveredAtKill = receiver.countsById.size;
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(await publishing).toBe('cut off by the kill');
    const acknowledgedAtKill = published.length;
    expect(acknowledgedAtKill).toBeLessThan(EVENTS);

    // Restart on the same data and publish the rest, so EVENTS were acknowledged in total.
    const second = await startSenderProcess('serve', env);
    published.push(
      ...(await publishMany(second.url!, TEST_ADMIN_KEY, tenantId, payload, EVENTS - published.length, 100)),
    );
    expect(new Set(published).size).toBe(EVENTS);
    const check = await backend.openStore();
    try {
      // Everything stored — including a batch committed just before the kill but never acknowledged.
      await waitFor(
        async () => {
          const counts = await check.countDeliveries({ tenantId });
          return counts.pending + counts.in_flight === 0 && counts.succeeded >= EVENTS ? counts : undefined;
        },
        'every delivery to succeed after the restart',
        90_000,
        100,
      );
      const counts = await check.countDeliveries({ tenantId });
      expect(counts).toMatchObject({ pending: 0, in_flight: 0, failed: 0 });
      expect(receiver.countsById.size).toBe(counts.succeeded);
    } finally {
      await check.close();
    }

    const lost = published.filter((id) => !receiver!.countsById.has(id));
    const duplicates = receiver.totalRequests() - receiver.countsById.size;
    const delivered = published.filter((id) => receiver!.countsById.has(id)).length;
    console.log(
      `[crash-recovery ${kind}] sent=${EVENTS} delivered=${delivered} duplicates=${duplicates} ` +
        `(acknowledged before kill=${acknowledgedAtKill}, delivered before kill=${deliveredAtKill}, ` +
        `requests open at kill=${openAtKill}, unacknowledged but stored=${receiver.countsById.size - delivered}, bound=${CONCURRENCY})`,
    );
    expect(lost).toEqual([]);
    expect(delivered).toBe(EVENTS);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);

    // The restarted process is healthy and still accepts work after recovering.
    const after = await callApi(second.url!, TEST_ADMIN_KEY, 'events.publish', {
      tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload,
    });
    expect(after.status).toBe(200);
    expect((await second.stop('SIGTERM')).code).toBe(0);
  });
});
