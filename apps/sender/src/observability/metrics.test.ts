import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryWorker } from '../delivery/worker.js';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { createSenderMetrics } from './metrics.js';
import { sample } from './testing/prometheus-text.js';

let temp: TempStore | null = null;
let receiver: TestReceiver | null = null;
afterEach(async () => {
  await temp?.close();
  await receiver?.close();
  temp = null;
  receiver = null;
});

describe('createSenderMetrics with a real store and worker', () => {
  it('reads queue depth from the store and circuit state from the worker at scrape time', async () => {
    temp = await openTempStore('sqlite');
    receiver = await startTestReceiver((_req, res) => res.writeHead(500).end('down'));
    const endpoint = await temp.addEndpoint(receiver.url('/down'), { preset: 'default' });
    await temp.publish(3);
    const worker = createDeliveryWorker({
      store: temp.store,
      workerId: 'metrics-test',
      circuitBreaker: { failureThreshold: 1, cooldownMs: 3_600_000 },
    });
    const metrics = createSenderMetrics({ store: temp.store, worker: () => worker });

    const before = await metrics.render();
    expect(sample(before, 'taskhooks_deliveries_queued{state="pending"}')).toBe(3);
    expect(before).not.toContain('taskhooks_endpoint_circuit_state{');

    const attempted = await worker.runOnce();
    expect(attempted).toBeGreaterThanOrEqual(1);
    const after = await metrics.render();
    expect(sample(after, `taskhooks_endpoint_circuit_state{endpoint_id="${endpoint.id}"}`)).toBe(2);
    // Failed attempts were rescheduled, so they still wait.
    expect(sample(after, 'taskhooks_deliveries_queued{state="pending"}')).toBe(3);
    expect(sample(after, 'taskhooks_deliveries_queued{state="in_flight"}')).toBe(0);
    await worker.stop({ graceMs: 100 });
  });

  it('a scrape while the store cannot answer drops the queue depth instead of repeating the last one', async () => {
    temp = await openTempStore('sqlite');
    await temp.addEndpoint('http://127.0.0.1:9/unused', { preset: 'default' });
    await temp.publish(2);
    let storeDown = false;
    const store = new Proxy(temp.store, {
      get(target, key, receiver) {
        if (key === 'countQueuedDeliveries' && storeDown)
          return () => Promise.reject(new Error('disk I/O error'));
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const errors: unknown[] = [];
    const metrics = createSenderMetrics({ store, worker: () => null, onCollectError: (e) => errors.push(e) });
    expect(sample(await metrics.render(), 'taskhooks_deliveries_queued{state="pending"}')).toBe(2);
    storeDown = true;
    const during = await metrics.render();
    expect(during).not.toContain('taskhooks_deliveries_queued{');
    expect(errors).toHaveLength(1);
  });

  it('the database clock offset reads NaN, not 0 or its last value, while the database cannot answer', async () => {
    temp = await openTempStore('postgres');
    let databaseDown = false;
    const real = temp.store;
    const store = new Proxy(real, {
      get(target, key, receiver) {
        if (key === 'measureClockOffset')
          return (clock: () => number) =>
            databaseDown ? Promise.reject(new Error('connection lost')) : target.measureClockOffset!(clock);
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const metrics = createSenderMetrics({ store, worker: () => null, clock: () => Date.now() + 2_500 });
    const name = 'taskhooks_database_clock_offset_seconds';
    expect(sample(await metrics.render(), name)).toBeCloseTo(-2.5, 0);
    databaseDown = true;
    expect(sample(await metrics.render(), name)).toBeNaN();
  });

  it('counts what it is told: published vs duplicate, delivered / failed / retried with latency', async () => {
    temp = await openTempStore('sqlite');
    const metrics = createSenderMetrics({ store: temp.store, worker: () => null });
    metrics.recordPublished([
      { messageId: 'a', duplicate: false, deliveriesCreated: 1, deliveriesSkipped: 0 },
      { messageId: 'a', duplicate: true, deliveriesCreated: 0, deliveriesSkipped: 0 },
    ]);
    metrics.recordAttempt({ outcome: 'retry_scheduled', durationMs: 30 });
    metrics.recordAttempt({ outcome: 'succeeded', durationMs: 120 });
    metrics.recordAttempt({ outcome: 'failed', durationMs: 10_000 });
    const text = await metrics.render();
    expect(sample(text, 'taskhooks_events_published_total')).toBe(1);
    expect(sample(text, 'taskhooks_events_duplicate_total')).toBe(1);
    expect(sample(text, 'taskhooks_deliveries_delivered_total')).toBe(1);
    expect(sample(text, 'taskhooks_deliveries_failed_total')).toBe(1);
    expect(sample(text, 'taskhooks_delivery_retries_total')).toBe(1);
    expect(sample(text, 'taskhooks_delivery_attempt_duration_seconds_count{outcome="succeeded"}')).toBe(1);
    expect(
      sample(text, 'taskhooks_delivery_attempt_duration_seconds_bucket{le="0.25",outcome="succeeded"}'),
    ).toBe(1);
    expect(
      sample(text, 'taskhooks_delivery_attempt_duration_seconds_bucket{le="0.1",outcome="succeeded"}'),
    ).toBe(0);
    expect(sample(text, 'taskhooks_worker_attempts_in_flight')).toBe(0);
  });
});
