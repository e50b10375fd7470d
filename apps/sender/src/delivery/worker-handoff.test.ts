import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../ids/uuidv7.js';
import { createPublisher } from '../ingest/publisher.js';
import { loadSeedExample } from '../testing/seed-data.js';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { createHttpDispatcher, type HttpDispatcher } from './http-dispatch.js';
import { createDeliveryWorker, type DeliveryWorker } from './worker.js';

// Publish → worker hand-over: new deliveries are stored leased to the local worker and started
// from memory. The worker here polls once a minute and is never woken, so anything delivered
// within the test's few seconds came through the hand-over, not through a claim.

const seed = loadSeedExample();
const event = { model: 'plan_bound_v2', event: 'plan.failed', payload: seed };
let temp: TempStore;
let dispatcher: HttpDispatcher;
let receiver: TestReceiver;
let worker: DeliveryWorker | null;

beforeEach(async () => {
  temp = await openTempStore();
  dispatcher = createHttpDispatcher();
  receiver = await startTestReceiver((_req, res) => res.writeHead(204).end());
  await temp.addEndpoint(receiver.url(), { preset: 'seed-003', model: 'plan_bound_v2' });
  worker = null;
});
afterEach(async () => {
  await worker?.stop({ graceMs: 0 });
  await dispatcher.close();
  await receiver.close();
  await temp.close();
});

async function eventually(condition: () => boolean | Promise<boolean>, maxMs = 8000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

async function startIdleWorker(concurrency: number): Promise<DeliveryWorker> {
  const started = createDeliveryWorker({
    store: temp.store,
    workerId: 'handoff-1',
    dispatcher,
    concurrency,
    batchSize: concurrency,
    pollIntervalMs: 60_000,
    maxTimeoutMs: 10_000,
    leaseMs: 30_000,
  });
  worker = started;
  expect(started.publishLease()).toBeNull(); // not started yet
  started.start();
  // The first claim found the store empty: from now on publishes may hand over.
  expect(await eventually(() => started.publishLease() !== null)).toBe(true);
  return started;
}

/** A seed-000 plan.failed message of the test tenant, published now, as the store takes it. */
function planMessage(id: string) {
  return {
    id,
    tenantId: temp.tenantId,
    model: 'plan_bound_v2',
    event: 'plan.failed',
    payloadJson: JSON.stringify(seed),
    idempotencyKey: null,
    createdAt: Date.now(),
  };
}

describe('publish hands new deliveries to the local worker', () => {
  it('delivers without a claim round: leased in the publish transaction, started from memory', async () => {
    const local = await startIdleWorker(8);
    const publisher = createPublisher({ store: temp.store, handoff: local });
    const [result] = await publisher.publish(temp.tenantId, [event]);
    expect(result!.deliveriesCreated).toBe(1);
    expect(await eventually(async () => (await temp.store.countDeliveries()).succeeded === 1)).toBe(true);
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).toEqual([result!.messageId]);
    const [delivery] = (await temp.store.listDeliveries({ messageId: result!.messageId })).items;
    expect(delivery).toMatchObject({ state: 'succeeded', attemptCount: 1, leaseOwner: null });
  });

  it('never runs more than its concurrency when slots filled up while a publish lease was committing', async () => {
    const held: Array<() => void> = [];
    let open = 0;
    let maxOpen = 0;
    const slow = await startTestReceiver((_req, res) => {
      maxOpen = Math.max(maxOpen, ++open);
      held.push(() => {
        open--;
        res.writeHead(204).end();
      });
    });
    try {
      // Only the slow receiver's endpoint receives from here on.
      for (const endpoint of await temp.store.listEndpoints(temp.tenantId))
        await temp.store.updateEndpoint(endpoint.id, { enabled: false }, Date.now());
      await temp.addEndpoint(slow.url(), { preset: 'seed-003', model: 'plan_bound_v2' });
      const local = await startIdleWorker(2);
      const message = () => planMessage(uuidv7());
      // A publish takes a lease for the 2 free slots…
      const lease = local.publishLease()!;
      expect(lease.limit).toBe(2);
      // …while the claim loop fills both with rows published another way…
      await temp.store.publishMessages([message(), message()]);
      local.wake();
      expect(await eventually(() => held.length === 2)).toBe(true);
      // …and then commits 2 deliveries leased to this worker: they must wait for a free slot.
      const { leased } = await temp.store.publishAndLease([message(), message()], lease);
      expect(leased).toHaveLength(2);
      local.adopt(leased, false);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(local.stats().inFlight).toBe(2);
      expect(maxOpen).toBe(2);
      // As the first two answer, the adopted ones start: all four arrive, never more than 2 at once.
      for (const release of held.splice(0)) release();
      expect(await eventually(() => held.length === 2)).toBe(true);
      for (const release of held.splice(0)) release();
      expect(await eventually(async () => (await temp.store.countDeliveries()).succeeded === 4)).toBe(true);
      expect(maxOpen).toBe(2);
    } finally {
      for (const release of held.splice(0)) release();
      await slow.close();
    }
  });

  it('leases no more than the free slots; the rest stay pending for the claim loop', async () => {
    const local = await startIdleWorker(2);
    const publisher = createPublisher({ store: temp.store, handoff: local });
    await publisher.publish(temp.tenantId, [event, event, event, event, event]);
    expect(await eventually(async () => (await temp.store.countDeliveries()).succeeded === 2)).toBe(true);
    expect(await temp.store.countDeliveries()).toMatchObject({ succeeded: 2, pending: 3, in_flight: 0 });
    expect(receiver.requests).toHaveLength(2);
    // Older due rows go first: until a claim drains them, publishes hand nothing over.
    expect(local.publishLease()).toBeNull();
    local.wake();
    expect(await eventually(async () => (await temp.store.countDeliveries()).succeeded === 5)).toBe(true);
    expect(receiver.requests).toHaveLength(5);
  });

  it('a hand-over whose lease no longer covers an attempt is released, not sent', async () => {
    const local = await startIdleWorker(4);
    // The publish took so long that less of the lease is left than the endpoint's 10 s timeout.
    const lease = { ...local.publishLease()!, now: Date.now() - 25_000 };
    const { leased } = await temp.store.publishAndLease(
      [planMessage('0190c0de-0000-7000-8000-0000000000b2')],
      lease,
    );
    expect(leased).toHaveLength(1);
    local.adopt(leased);
    expect(await eventually(async () => (await temp.store.countDeliveries()).pending === 1)).toBe(true);
    expect(receiver.requests).toHaveLength(0);
  });

  it('a stopped worker takes no leases, and a hand-over it can no longer run is released', async () => {
    const local = await startIdleWorker(4);
    const lease = local.publishLease()!;
    const { leased } = await temp.store.publishAndLease(
      [planMessage('0190c0de-0000-7000-8000-0000000000a1')],
      lease,
    );
    expect(leased).toHaveLength(1);
    await local.stop({ graceMs: 0 });
    expect(local.publishLease()).toBeNull();
    local.adopt(leased);
    expect(await eventually(async () => (await temp.store.countDeliveries()).pending === 1)).toBe(true);
    expect(receiver.requests).toHaveLength(0);
  });
});
