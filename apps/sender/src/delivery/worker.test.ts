import { verifyRequest } from '@taskhooks/signatures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationalEvent } from '../store/types.js';
import { type Backend, openTempStore, T0, type TempStore } from '../testing/temp-store.js';
import { startTestReceiver, type TestReceiver, unusedPort } from '../testing/test-receiver.js';
import { createHttpDispatcher, type HttpDispatcher } from './http-dispatch.js';
import { createDeliveryWorker, type DeliveryWorkerOptions } from './worker.js';

const backends: Backend[] = ['sqlite', 'postgres'];

describe.each(backends)('%s', (backend) => {
  let temp: TempStore;
  let dispatcher: HttpDispatcher;
  let receivers: TestReceiver[];
  let now: number;

  beforeEach(async () => {
    temp = await openTempStore(backend);
    dispatcher = createHttpDispatcher();
    receivers = [];
    now = T0;
  });
  afterEach(async () => {
    await dispatcher.close();
    await Promise.all(receivers.map((r) => r.close()));
    await temp.close();
  });

  async function receiver(statuses: Array<number | [number, Record<string, string>]>) {
    let i = 0;
    const r = await startTestReceiver((_req, res) => {
      const next = statuses[Math.min(i++, statuses.length - 1)]!;
      const [status, headers] = Array.isArray(next) ? next : [next, {}];
      res.writeHead(status, headers).end(`answer ${i}`);
    });
    receivers.push(r);
    return r;
  }

  function worker(overrides: Partial<DeliveryWorkerOptions> = {}) {
    return createDeliveryWorker({
      store: temp.store,
      workerId: 'worker-1',
      dispatcher,
      clock: () => now,
      random: () => 0,
      maxTimeoutMs: 10_000,
      leaseMs: 20_000,
      ...overrides,
    });
  }

  async function onlyDelivery() {
    const page = await temp.store.listDeliveries({ tenantId: temp.tenantId });
    expect(page.items).toHaveLength(1);
    return (await temp.store.getDelivery(page.items[0]!.id))!;
  }

  describe('delivery worker end-to-end (real store + real HTTP)', () => {
    it('delivers signed requests that verify on the receiver, and logs redacted attempts', async () => {
      const r = await receiver([200]);
      await temp.addEndpoint(r.url('/hook'), { preset: 'seed-003', scheme: { scheme: 'hmac-sha256-hex' } });
      const ids = await temp.publish(3);
      expect(await worker().runOnce()).toBe(3);

      expect(r.requests).toHaveLength(3);
      for (const request of r.requests) {
        await verifyRequest({
          scheme: { scheme: 'hmac-sha256-hex' },
          headers: request.headers,
          body: request.body,
          secrets: ['hmac-secret'],
        });
        expect(ids).toContain(request.headers['webhook-id']);
      }
      expect(await temp.store.countDeliveries({ tenantId: temp.tenantId })).toMatchObject({
        succeeded: 3,
        pending: 0,
      });
      const page = await temp.store.listDeliveries({ tenantId: temp.tenantId });
      const delivery = (await temp.store.getDelivery(page.items[0]!.id))!;
      expect(delivery.attempts).toHaveLength(1);
      expect(delivery.attempts[0]).toMatchObject({
        attemptNumber: 1,
        outcome: 'succeeded',
        responseStatus: 200,
        error: null,
      });
      expect(delivery.attempts[0]!.responseBodyExcerpt).toMatch(/^answer \d$/);
      expect(delivery.attempts[0]!.requestHeaders['x-taskhooks-signature']).toBe('[redacted]');
      expect(JSON.stringify(delivery.attempts)).not.toContain('hmac-secret');
    });

    it('records an answer whose body holds NUL bytes once, with U+FFFD in their place', async () => {
      // PostgreSQL's text refused U+0000: the outcome was never written and the delivery went out
      // again after every lease, to a receiver that had answered 200.
      const r = await startTestReceiver((_req, res) => res.writeHead(200).end('ok\u0000done'));
      receivers.push(r);
      await temp.addEndpoint(r.url('/hook'), { preset: 'seed-003' });
      await temp.publish(1);
      expect(await worker().runOnce()).toBe(1);
      const delivery = await onlyDelivery();
      expect(delivery).toMatchObject({ state: 'succeeded', attemptCount: 1 });
      expect(delivery.attempts[0]!.responseBodyExcerpt).toBe('ok\uFFFDdone');
      now += 60_000; // well past the lease: nothing is left to send again
      expect(await worker().runOnce()).toBe(0);
      expect(r.requests).toHaveLength(1);
    });

    it('seed-002: 503 is retried 15 s later, then succeeds', async () => {
      const r = await receiver([503, 200]);
      await temp.addEndpoint(r.url(), { preset: 'seed-002' });
      await temp.publish(1);
      const w = worker();
      expect(await w.runOnce()).toBe(1);
      let delivery = await onlyDelivery();
      expect(delivery).toMatchObject({
        state: 'pending',
        attemptCount: 1,
        nextAttemptAt: T0 + 15_000,
        lastStatus: 503,
      });
      expect(delivery.attempts[0]).toMatchObject({ outcome: 'retry_scheduled' });
      expect(delivery.attempts[0]!.error).toContain('attempt 2 of 5 in 15 s');

      now = T0 + 14_999;
      expect(await w.runOnce()).toBe(0);
      now = T0 + 15_000;
      expect(await w.runOnce()).toBe(1);
      delivery = await onlyDelivery();
      expect(delivery).toMatchObject({ state: 'succeeded', attemptCount: 2 });
      expect(delivery.attempts.map((a) => a.attemptNumber)).toEqual([1, 2]);
      expect(r.requests).toHaveLength(2);
    });

    it("seed 000: a retry due after the tenant's access expired is not sent", async () => {
      const r = await receiver([503, 200]);
      await temp.addEndpoint(r.url(), { preset: 'seed-002' });
      await temp.publish(1);
      const w = worker();
      expect(await w.runOnce()).toBe(1);
      expect(await onlyDelivery()).toMatchObject({ state: 'pending', nextAttemptAt: T0 + 15_000 });
      await temp.store.setEntitlement(temp.tenantId, 'expired', T0 + 1_000);
      now = T0 + 15_000;
      expect(await w.runOnce()).toBe(0);
      expect(r.requests).toHaveLength(1);
      expect(await onlyDelivery()).toMatchObject({ state: 'skipped', attemptCount: 1 });
    });

    it('honours Retry-After on 429', async () => {
      const r = await receiver([[429, { 'retry-after': '120' }]]);
      await temp.addEndpoint(r.url(), { preset: 'seed-002' });
      await temp.publish(1);
      await worker().runOnce();
      expect(await onlyDelivery()).toMatchObject({
        state: 'pending',
        nextAttemptAt: T0 + 120_000,
        lastStatus: 429,
      });
    });

    it('seed-002: a 404 fails at once; seed-003: a 500 gives up after 3 attempts (1 s, 5 s)', async () => {
      const notFound = await receiver([404]);
      const broken = await receiver([500]);
      await temp.addEndpoint(notFound.url(), { preset: 'seed-002' });
      await temp.addEndpoint(broken.url(), { preset: 'seed-003' });
      await temp.publish(1);
      const w = worker();
      for (const at of [T0, T0 + 1000, T0 + 6000, T0 + 60_000]) {
        now = at;
        await w.runOnce();
      }
      expect(notFound.requests).toHaveLength(1);
      expect(broken.requests).toHaveLength(3);
      const { items } = await temp.store.listDeliveries({ tenantId: temp.tenantId });
      const states = await Promise.all(items.map((d) => temp.store.getDelivery(d.id)));
      const byStatus = new Map(states.map((d) => [d!.lastStatus, d!]));
      expect(byStatus.get(404)).toMatchObject({ state: 'failed', attemptCount: 1 });
      expect(byStatus.get(404)!.lastError).toContain('not retried by this policy');
      expect(byStatus.get(500)).toMatchObject({ state: 'failed', attemptCount: 3 });
      expect(byStatus.get(500)!.attempts.map((a) => a.startedAt)).toEqual([T0, T0 + 1000, T0 + 6000]);
      expect(byStatus.get(500)!.lastError).toContain('gave up after 3 of 3 attempts');
    });

    it('records a timeout and schedules a retry', async () => {
      const r = await startTestReceiver(() => {
        /* never answers */
      });
      receivers.push(r);
      await temp.addEndpoint(r.url(), { preset: 'seed-002', timeoutMs: 150 });
      await temp.publish(1);
      await worker().runOnce();
      const delivery = await onlyDelivery();
      expect(delivery).toMatchObject({ state: 'pending', lastStatus: null, nextAttemptAt: T0 + 15_000 });
      expect(delivery.lastError).toMatch(/^timeout: /);
    });

    it('a request that cannot be built fails without sending anything, naming the cause but not the secret', async () => {
      const r = await receiver([200]);
      await temp.addEndpoint(r.url(), {
        secretsSealed: JSON.stringify({ secrets: ['s'], headers: { Host: 'very-secret-host-value' } }),
      });
      await temp.publish(1);
      await worker().runOnce();
      const delivery = await onlyDelivery();
      expect(delivery).toMatchObject({ state: 'failed', attemptCount: 1 });
      expect(delivery.lastError).toContain('config: invalid custom headers: Host: host cannot be set');
      expect(delivery.lastError).not.toContain('very-secret-host-value');
      expect(r.requests).toHaveLength(0);
    });

    it('drops the outcome when the lease was lost mid-attempt', async () => {
      let stolen = 0;
      const r = await startTestReceiver((_req, res) => {
        // Another worker claims the delivery after our lease (20 s) expired, while we are still sending.
        void temp.store
          .claimDueDeliveries({ workerId: 'worker-2', now: T0 + 30_000, limit: 10, leaseMs: 20_000 })
          .then((claimed) => {
            stolen = claimed.length;
            res.writeHead(200).end();
          });
      });
      receivers.push(r);
      await temp.addEndpoint(r.url());
      await temp.publish(1);
      const attempts: string[] = [];
      await worker({ onAttempt: (_c, outcome) => attempts.push(outcome.kind) }).runOnce();
      expect(stolen).toBe(1);
      expect(attempts).toEqual([]);
      expect(await onlyDelivery()).toMatchObject({
        state: 'in_flight',
        leaseOwner: 'worker-2',
        attemptCount: 0,
        attempts: [],
      });
    });

    it('opens the circuit for a dead endpoint and probes it after the cool-down', async () => {
      const port = await unusedPort();
      await temp.addEndpoint(`http://127.0.0.1:${port}/hook`, { preset: 'default' });
      await temp.publish(4);
      const w = worker({ circuitBreaker: { failureThreshold: 2, cooldownMs: 30_000 }, batchSize: 2 });
      expect(await w.runOnce()).toBe(2);
      expect(w.stats().circuits).toEqual([
        expect.objectContaining({ state: 'open', consecutiveFailures: 2 }),
      ]);
      now = T0 + 10_000; // retries and the two untouched deliveries are due, but the circuit is open
      expect(await w.runOnce()).toBe(0);
      now = T0 + 30_000;
      expect(await w.runOnce()).toBe(1); // half-open: one probe only
      expect(await temp.store.countDeliveries({ tenantId: temp.tenantId })).toMatchObject({
        pending: 4,
        in_flight: 0,
      });
    });

    it('keeps a seed schedule exact for a dead endpoint: no circuit breaker delays its retries', async () => {
      const port = await unusedPort();
      await temp.addEndpoint(`http://127.0.0.1:${port}/hook`, { preset: 'seed-003' });
      await temp.publish(4);
      const w = worker({ circuitBreaker: { failureThreshold: 2, cooldownMs: 30_000 } });
      expect(await w.runOnce()).toBe(4);
      expect(w.stats().circuits).toEqual([]);
      now = T0 + 1_000;
      expect(await w.runOnce()).toBe(4);
      now = T0 + 6_000;
      expect(await w.runOnce()).toBe(4);
      const { items } = await temp.store.listDeliveries({ tenantId: temp.tenantId });
      for (const { id } of items) {
        const delivery = await temp.store.getDelivery(id);
        expect(delivery?.state).toBe('failed');
        expect(delivery?.attempts.map((a) => a.startedAt)).toEqual([T0, T0 + 1_000, T0 + 6_000]);
      }
    });

    it('disables an endpoint that keeps failing and reports it', async () => {
      const port = await unusedPort();
      const endpoint = await temp.addEndpoint(`http://127.0.0.1:${port}/hook`, { preset: 'seed-003' });
      await temp.publish(2);
      const events: OperationalEvent[] = [];
      const w = worker({
        disableAfterMs: 5000,
        onOperationalEvent: (e) => void events.push(e),
        batchSize: 1,
      });
      await w.runOnce();
      expect((await temp.store.getEndpoint(endpoint.id))!.failingSince).toBe(T0);
      now = T0 + 5000;
      await w.runOnce();
      expect((await temp.store.getEndpoint(endpoint.id))!).toMatchObject({
        enabled: false,
        failingSince: T0,
      });
      expect(events.map((e) => e.kind)).toEqual(['endpoint.disabled']);
      now = T0 + 60_000;
      expect(await w.runOnce()).toBe(0); // nothing is claimed for a disabled endpoint
    });
  });
});
