import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { createHttpDispatcher, type HttpDispatcher } from './http-dispatch.js';
import { getPreset } from './presets.js';
import { createDeliveryWorker, type DeliveryWorker } from './worker.js';
import type { DeliveryWorkerOptions } from './worker-api.js';

let temp: TempStore;
let dispatcher: HttpDispatcher;
let receivers: TestReceiver[];
let workers: DeliveryWorker[];

beforeEach(async () => {
  temp = await openTempStore();
  dispatcher = createHttpDispatcher();
  receivers = [];
  workers = [];
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceMs: 0 })));
  await dispatcher.close();
  await Promise.all(receivers.map((r) => r.close()));
  await temp.close();
});

async function track(receiver: Promise<TestReceiver>) {
  const r = await receiver;
  receivers.push(r);
  return r;
}

/** Starts a worker on the temp store that only wakes at its (long) poll interval unless woken. */
function startSleepyWorker(
  workerId: string,
  pollIntervalMs: number,
  overrides: Partial<DeliveryWorkerOptions> = {},
) {
  const worker = createDeliveryWorker({
    store: temp.store,
    workerId,
    dispatcher,
    pollIntervalMs,
    maxTimeoutMs: 10_000,
    ...overrides,
  });
  workers.push(worker);
  worker.start();
  return worker;
}

/** Polls a condition (bounded); returns whether it became true. */
async function eventually(condition: () => boolean | Promise<boolean>, maxMs = 8000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

describe('delivery worker loop', () => {
  it('a hanging endpoint holds at most its cap of slots; the healthy endpoint is served meanwhile', async () => {
    const hanging = await track(startTestReceiver(() => {}));
    const healthy = await track(startTestReceiver((_req, res) => res.writeHead(204).end()));
    const hangingEndpoint = await temp.addEndpoint(hanging.url(), { preset: 'seed-003' });
    const healthyEndpoint = await temp.addEndpoint(healthy.url(), { preset: 'seed-003' });
    await temp.publish(6, Date.now()); // fans out: 6 deliveries to each endpoint

    const worker = createDeliveryWorker({
      store: temp.store,
      workerId: 'loop-1',
      dispatcher,
      concurrency: 4,
      maxInFlightPerEndpoint: 2,
      batchSize: 4,
      pollIntervalMs: 20,
      maxTimeoutMs: 10_000,
      leaseMs: 30_000,
    });
    workers.push(worker);
    worker.start();

    const healthyDone = async () =>
      (await temp.store.countDeliveries({ endpointId: healthyEndpoint.id })).succeeded === 6;
    expect(await eventually(healthyDone)).toBe(true);
    expect(healthy.requests).toHaveLength(6);
    expect(hanging.requests.length).toBeLessThanOrEqual(2);
    expect(worker.stats().inFlightByEndpoint[hangingEndpoint.id]).toBe(2);

    await worker.stop({ graceMs: 20 });
    // The two stuck attempts were aborted and handed back without an attempt being recorded.
    expect(await temp.store.countDeliveries({ endpointId: hangingEndpoint.id })).toMatchObject({
      pending: 6,
      in_flight: 0,
    });
    const { items } = await temp.store.listDeliveries({ endpointId: hangingEndpoint.id });
    expect(items.every((d) => d.attemptCount === 0)).toBe(true);
  });

  it('a busy endpoint keeps its surplus claims waiting (no release churn) and never exceeds its cap', async () => {
    let open = 0;
    let maxOpen = 0;
    const r = await track(
      startTestReceiver((_req, res) => {
        open++;
        maxOpen = Math.max(maxOpen, open);
        setTimeout(() => {
          open--;
          res.writeHead(204).end();
        }, 30);
      }),
    );
    const endpoint = await temp.addEndpoint(r.url(), { preset: 'seed-003' });
    await temp.publish(8, Date.now());
    const released: number[] = [];
    const store = new Proxy(temp.store, {
      get(target, key) {
        if (key === 'releaseDeliveries')
          return async (workerId: string, ids: string[], now: number) => {
            released.push(ids.length);
            return target.releaseDeliveries(workerId, ids, now);
          };
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const worker = createDeliveryWorker({
      store,
      workerId: 'loop-busy',
      dispatcher,
      concurrency: 8,
      batchSize: 8,
      maxInFlightPerEndpoint: 2,
      pollIntervalMs: 20,
      maxTimeoutMs: 10_000,
    });
    workers.push(worker);
    worker.start();
    // All 8 are claimed at once: 2 sending, 6 waiting under this worker's lease.
    expect(await eventually(() => worker.stats().waiting === 6)).toBe(true);
    expect((await temp.store.countDeliveries({ endpointId: endpoint.id })).in_flight).toBe(8);
    const done = async () => (await temp.store.countDeliveries({ endpointId: endpoint.id })).succeeded === 8;
    expect(await eventually(done)).toBe(true);
    expect(r.requests).toHaveLength(8);
    expect(maxOpen).toBe(2);
    expect(released).toEqual([]);
  });

  it('hands a waiting row back when its lease cannot hold a whole attempt plus the time to record it', async () => {
    const T0 = Date.UTC(2026, 1, 16, 1, 0, 0);
    let now = T0;
    const held: Array<() => void> = [];
    const r = await track(startTestReceiver((_req, res) => held.push(() => res.writeHead(204).end())));
    const endpoint = await temp.addEndpoint(r.url(), { preset: 'seed-003', timeoutMs: 1000 });
    await temp.publish(2, T0);
    // Lease 3.5 s, timeout 1 s: an attempt needs 1 s plus a recording margin of 1.25 s.
    const worker = createDeliveryWorker({
      store: temp.store,
      workerId: 'loop-margin',
      dispatcher,
      clock: () => now,
      concurrency: 4,
      maxInFlightPerEndpoint: 1,
      pollIntervalMs: 100_000,
      maxTimeoutMs: 1000,
      leaseMs: 3500,
    });
    workers.push(worker);
    worker.start();
    expect(await eventually(() => held.length === 1 && worker.stats().waiting === 1)).toBe(true);
    // The first answer comes when 1,001 ms of the waiting row's lease are left: enough for the
    // timeout alone, not for recording its outcome too, so another worker could take it meanwhile.
    now = T0 + 2499;
    held[0]!();
    const settled = async () => {
      const counts = await temp.store.countDeliveries({ endpointId: endpoint.id });
      return counts.succeeded === 1 && counts.pending === 1;
    };
    expect(await eventually(settled)).toBe(true);
    expect(r.requests).toHaveLength(1);
    const { items } = await temp.store.listDeliveries({ endpointId: endpoint.id, state: 'pending' });
    expect(items[0]).toMatchObject({ attemptCount: 0, leaseOwner: null });
  });

  it('wake() delivers a new publish without waiting for the next poll', async () => {
    const r = await track(startTestReceiver((_req, res) => res.writeHead(200).end()));
    await temp.addEndpoint(r.url(), { preset: 'seed-003' });
    const worker = startSleepyWorker('loop-2', 600_000);
    // Let the first (empty) claim finish so the loop is asleep for the long poll interval.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await temp.publish(1, Date.now());
    worker.wake();
    expect(await eventually(() => r.requests.length === 1)).toBe(true);
  });

  it('tries a retry when it is due, not at the next poll (seed 003: 1 s after the first attempt)', async () => {
    const arrivals: number[] = [];
    const r = await track(
      startTestReceiver((_req, res) => {
        arrivals.push(Date.now());
        res.writeHead(arrivals.length === 1 ? 500 : 204).end();
      }),
    );
    await temp.addEndpoint(r.url(), { preset: 'seed-003' });
    await temp.publish(1, Date.now());
    startSleepyWorker('loop-retry', 60_000);
    // The first claim finds the row; then the loop sleeps for a minute unless the retry wakes it.
    // "On time" means not at the next poll a minute later: the bound leaves a busy machine slack.
    expect(await eventually(() => r.requests.length === 2, 40_000)).toBe(true);
    const gap = arrivals[1]! - arrivals[0]!;
    expect(gap).toBeGreaterThanOrEqual(1_000);
    expect(gap).toBeLessThan(30_000);
  });

  it('wakes for every known retry on time, not only the earliest', async () => {
    // Two endpoints fail their first attempt together: one retries after 3 s, the other after 1 s.
    // The loop polls once a minute, so both retries arrive on time only if both alarms are kept.
    const arrivals = new Map<string, number[]>();
    const failFirst = (name: string) =>
      track(
        startTestReceiver((_req, res) => {
          const seen = arrivals.get(name) ?? [];
          seen.push(Date.now());
          arrivals.set(name, seen);
          res.writeHead(seen.length === 1 ? 503 : 204).end();
        }),
      );
    const slow = await failFirst('slow');
    const quick = await failFirst('quick');
    const policy = getPreset('seed-003').policy;
    await temp.addEndpoint(slow.url(), { retryPolicy: { ...policy, delaysMs: [3_000] }, timeoutMs: 2_000 });
    await temp.addEndpoint(quick.url(), { retryPolicy: { ...policy, delaysMs: [1_000] }, timeoutMs: 2_000 });
    await temp.publish(1, Date.now());
    startSleepyWorker('loop-alarms', 60_000);
    expect(await eventually(() => slow.requests.length === 2 && quick.requests.length === 2, 40_000)).toBe(
      true,
    );
    const gap = (name: string) => arrivals.get(name)![1]! - arrivals.get(name)![0]!;
    // Had the quick alarm been dropped, the quick retry would ride on the slow one's (3 s).
    expect(gap('quick')).toBeGreaterThanOrEqual(1_000);
    expect(gap('quick')).toBeLessThan(2_900);
    // Had the slow alarm been dropped, the slow retry would wait for the next poll (60 s).
    expect(gap('slow')).toBeGreaterThanOrEqual(3_000);
    expect(gap('slow')).toBeLessThan(30_000);
  });

  it('stop() lets an attempt in flight finish within the grace period and records it', async () => {
    const r = await track(
      startTestReceiver((_req, res) => {
        setTimeout(() => res.writeHead(200).end(), 100);
      }),
    );
    await temp.addEndpoint(r.url(), { preset: 'seed-003' });
    await temp.publish(1, Date.now());
    const worker = createDeliveryWorker({
      store: temp.store,
      workerId: 'loop-3',
      dispatcher,
      pollIntervalMs: 10,
    });
    worker.start();
    expect(await eventually(() => r.requests.length === 1)).toBe(true);
    await worker.stop({ graceMs: 5000 });
    expect(await temp.store.countDeliveries({ tenantId: temp.tenantId })).toMatchObject({
      succeeded: 1,
      in_flight: 0,
    });
    expect(() => worker.start()).toThrow(/cannot be restarted/);
  });

  it('stop() still gives attempts in flight their grace when handing the waiting rows back fails', async () => {
    const r = await track(
      startTestReceiver((_req, res) => {
        setTimeout(() => res.writeHead(200).end(), 300);
      }),
    );
    await temp.addEndpoint(r.url(), { preset: 'seed-003' });
    await temp.publish(3, Date.now());
    // The database refuses the hand-back (gone at shutdown); recording attempts still works.
    const store = new Proxy(temp.store, {
      get(target, key, receiver) {
        if (key === 'releaseDeliveries') return () => Promise.reject(new Error('database gone'));
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const worker = createDeliveryWorker({
      store,
      workerId: 'loop-release-fails',
      dispatcher,
      pollIntervalMs: 10,
      maxInFlightPerEndpoint: 1,
    });
    worker.start();
    expect(await eventually(() => r.requests.length === 1 && worker.stats().waiting === 2)).toBe(true);
    await expect(worker.stop({ graceMs: 5000 })).rejects.toThrow('database gone');
    // The attempt in flight finished and was recorded before stop() gave up.
    expect(await temp.store.countDeliveries({ tenantId: temp.tenantId })).toMatchObject({ succeeded: 1 });
  });

  it('rejects a lease without room to record an attempt after the longest timeout', () => {
    const withLease = (leaseMs: number) => () =>
      createDeliveryWorker({ store: temp.store, workerId: 'w', maxTimeoutMs: 10_000, leaseMs, dispatcher });
    // 1 ms over the timeout left no time to record the outcome: two workers sent the same row.
    expect(withLease(10_001)).toThrow('leaseMs (10001) must be at least maxTimeoutMs (10000) + 2000');
    expect(withLease(10_000)).toThrow('leaseMs (10000) must be at least maxTimeoutMs (10000) + 2000');
    expect(withLease(11_999)).toThrow(/leaseMs \(11999\)/);
    expect(withLease(12_000)).not.toThrow();
    // The default lease keeps the margin even for short timeouts.
    expect(() =>
      createDeliveryWorker({ store: temp.store, workerId: 'w', maxTimeoutMs: 500, dispatcher }),
    ).not.toThrow();
    expect(() => createDeliveryWorker({ store: temp.store, workerId: ' ', dispatcher })).toThrow(/workerId/);
  });
});
