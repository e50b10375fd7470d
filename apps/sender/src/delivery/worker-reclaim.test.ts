import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, openTempStore, T0, type TempStore } from '../testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { createHttpDispatcher, type HttpDispatcher } from './http-dispatch.js';
import { createDeliveryWorker, type DeliveryWorker } from './worker.js';

const backends: Backend[] = ['sqlite', 'postgres'];

async function eventually(condition: () => boolean | Promise<boolean>, maxMs = 8000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

describe.each(backends)('%s', (backend) => {
  let temp: TempStore;
  let dispatcher: HttpDispatcher;
  let receiver: TestReceiver | null;
  let worker: DeliveryWorker | null;

  beforeEach(async () => {
    temp = await openTempStore(backend);
    dispatcher = createHttpDispatcher();
    receiver = null;
    worker = null;
  });
  afterEach(async () => {
    await worker?.stop({ graceMs: 0 });
    await dispatcher.close();
    await receiver?.close();
    await temp.close();
  });

  it('sends each row once when its own expired leases are claimed again while it holds them', async () => {
    let now = T0;
    let answerFirst: (() => void) | null = null;
    receiver = await startTestReceiver((_req, res) => {
      if (answerFirst === null) answerFirst = () => res.writeHead(204).end();
      else res.writeHead(204).end();
    });
    const endpoint = await temp.addEndpoint(receiver.url(), { preset: 'seed-003', timeoutMs: 1000 });
    await temp.publish(3, T0);
    worker = createDeliveryWorker({
      store: temp.store,
      workerId: 'w1',
      dispatcher,
      clock: () => now,
      concurrency: 4,
      maxInFlightPerEndpoint: 1,
      pollIntervalMs: 20,
      maxTimeoutMs: 1000,
      leaseMs: 3500,
    });
    worker.start();
    const w = worker;
    expect(await eventually(() => answerFirst !== null && w.stats().waiting === 2)).toBe(true);
    // All three leases (to T0 + 3.5 s) run out while one row is sent and two wait: the claim loop
    // gets the same rows back. They must not be queued a second time, started or handed back.
    now = T0 + 4000;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(w.stats()).toMatchObject({ inFlight: 1, waiting: 2 });
    expect((await temp.store.countDeliveries({ endpointId: endpoint.id })).in_flight).toBe(3);
    answerFirst!();
    const done = async () => (await temp.store.countDeliveries({ endpointId: endpoint.id })).succeeded === 3;
    expect(await eventually(done)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((request) => request.body)).size).toBe(3);
    const { items } = await temp.store.listDeliveries({ endpointId: endpoint.id });
    expect(items.map((delivery) => delivery.attemptCount)).toEqual([1, 1, 1]);
  });
});
