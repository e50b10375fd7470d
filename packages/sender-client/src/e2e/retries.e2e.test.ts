import { afterEach, describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from '../../../../apps/sender/src/security/rate-limiter.js';
import { unusedPort } from '../../../../apps/sender/src/testing/test-receiver.js';
import {
  createSenderClient,
  type RetryInfo,
  SenderApiError,
  type SenderClient,
  SenderConnectionError,
} from '../index.js';
import { apiFailure } from '../testing/failure.js';
import { type FlakyProxy, type ProxyStep, startFlakyProxy } from '../testing/flaky-proxy.js';
import { planCompletedPayload } from '../testing/payloads.js';
import { ADMIN_KEY, type RealSender, startRealSender } from '../testing/real-sender.js';

let sender: RealSender | null = null;
let proxy: FlakyProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  await sender?.close();
  sender = null;
  proxy = null;
});

const fast = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 };

/** A real sender with a tenant, a client straight to it, and one through a proxy failing as `plan` says. */
async function setUp(
  plan: ProxyStep[],
  rateLimits?: ConstructorParameters<typeof TokenBucketRateLimiter>[0],
) {
  sender = await startRealSender(
    rateLimits
      ? {
          rateLimits: {
            publish: new TokenBucketRateLimiter(rateLimits),
            management: new TokenBucketRateLimiter({ capacity: 100, refillPerSecond: 100 }),
          },
        }
      : {},
  );
  const direct = createSenderClient({ url: sender.url, apiKey: ADMIN_KEY, tenantId: 'fam' });
  await direct.tenants.create({ id: 'fam', name: 'Fam' });
  proxy = await startFlakyProxy(sender.url, plan);
  const retries: RetryInfo[] = [];
  const flaky: SenderClient = createSenderClient({
    url: proxy.url,
    apiKey: ADMIN_KEY,
    tenantId: 'fam',
    retries: fast,
    onRetry: (info) => retries.push(info),
  });
  return { direct, flaky, proxy, retries };
}

const keysSent = (p: FlakyProxy) =>
  p.requests.map((r) => (JSON.parse(r.body) as { idempotencyKey?: string }).idempotencyKey);

describe('the client retries its own transient failures', () => {
  it('503 from a proxy: retried with backoff until the sender answers, one key for every attempt', async () => {
    const { direct, flaky, proxy, retries } = await setUp(['unavailable', 'unavailable']);
    const result = await flaky.publish('plan_bound_v2', 'plan.completed', planCompletedPayload());
    expect(result.duplicate).toBe(false);
    expect(proxy.requests).toHaveLength(3);
    expect(proxy.forwarded).toBe(1);
    expect(new Set(keysSent(proxy)).size).toBe(1);
    expect(retries.map((r) => [r.retry, r.procedure])).toEqual([
      [1, 'events.publish'],
      [2, 'events.publish'],
    ]);
    expect((await direct.messages.list({ tenantId: 'fam' })).items).toHaveLength(1);
  });

  it('an answer lost after the sender stored the event: the retry is a duplicate, not a second event', async () => {
    const { direct, flaky, proxy } = await setUp(['forward_then_unavailable', 'drop']);
    const result = await flaky.publish('plan_bound_v2', 'plan.completed', planCompletedPayload());
    expect(proxy.requests).toHaveLength(3);
    expect(proxy.forwarded).toBe(2);
    expect(result.duplicate).toBe(true);
    const messages = (await direct.messages.list({ tenantId: 'fam' })).items;
    expect(messages.map((m) => m.id)).toEqual([result.messageId]);

    // Batches carry a key per entry, generated once per call: same protection.
    const batchProxy = await startFlakyProxy(sender!.url, ['forward_then_unavailable']);
    const batchClient = createSenderClient({
      url: batchProxy.url,
      apiKey: ADMIN_KEY,
      tenantId: 'fam',
      retries: fast,
    });
    const batch = await batchClient.publishBatch([
      { model: 'plan_bound_v2', event: 'plan.completed', payload: planCompletedPayload('p2') },
      { model: 'plan_bound_v2', event: 'plan.completed', payload: planCompletedPayload('p3') },
    ]);
    await batchProxy.close();
    expect(batch.results.map((r) => r.duplicate)).toEqual([true, true]);
    expect((await direct.messages.list({ tenantId: 'fam' })).items).toHaveLength(3);
  });

  it('an answer cut off mid-body: retried like a lost answer (same key), never a raw fetch error', async () => {
    const { direct, flaky, proxy } = await setUp(['forward_then_cut']);
    const result = await flaky.publish('plan_bound_v2', 'plan.completed', planCompletedPayload());
    expect(proxy.forwarded).toBe(2);
    expect(new Set(keysSent(proxy)).size).toBe(1);
    expect(result.duplicate).toBe(true);
    expect((await direct.messages.list({ tenantId: 'fam' })).items.map((m) => m.id)).toEqual([
      result.messageId,
    ]);

    // Not repeatable (a tenant key is created once): the cut answer is a SenderConnectionError.
    const cutProxy = await startFlakyProxy(sender!.url, ['forward_then_cut']);
    const cutClient = createSenderClient({
      url: cutProxy.url,
      apiKey: ADMIN_KEY,
      tenantId: 'fam',
      retries: fast,
    });
    const failed = await cutClient.apiKeys.create({ tenantId: 'fam', name: 'once' }).catch((e: unknown) => e);
    await cutProxy.close();
    expect(failed).toBeInstanceOf(SenderConnectionError);
  });

  it('a refusal cut off mid-body still counts as a refusal: even a call that is not repeatable is retried', async () => {
    const { flaky, proxy, retries } = await setUp(['cut_429']);
    const created = await flaky.apiKeys.create({ tenantId: 'fam', name: 'once' });
    expect(created.key).toMatch(/^thk_/);
    expect(proxy.forwarded).toBe(1);
    expect(retries.map((r) => r.reason)).toEqual(['rate_limited']);
  });

  it('a 200 that is not the API’s answer (a login page) is a SenderApiError saying so, not a SyntaxError', async () => {
    const { flaky } = await setUp(['html_200']);
    const failed = await flaky.endpoints.list({ tenantId: 'fam' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SenderApiError);
    expect(failed).toMatchObject({ status: 200, reason: 'invalid_response' });
    expect((failed as Error).message).toContain('"<html>login</html>"');
  });

  it('never repeats a non-repeatable call after an ambiguous failure, nor any call after a 4xx', async () => {
    const { direct, flaky, proxy } = await setUp(['forward_then_unavailable']);
    const created = await apiFailure(
      flaky.endpoints.create({ tenantId: 'fam', url: sender!.receiver.url('/x'), model: 'plan_bound_v2' }),
    );
    expect(created).toBeInstanceOf(SenderApiError);
    expect(created).toMatchObject({ status: 503, reason: 'unavailable', attempts: 1 });
    expect(proxy.requests).toHaveLength(1);
    // It did reach the sender once — which is exactly why repeating it could have made two.
    expect((await direct.endpoints.list({ tenantId: 'fam' })).items).toHaveLength(1);

    const invalid = await apiFailure(
      flaky.call('events.publish', {
        tenantId: 'fam',
        model: 'plan_bound_v2',
        event: 'plan.completed',
        payload: {},
      }),
    );
    expect(invalid).toMatchObject({ status: 400, reason: 'invalid_payload', attempts: 1 });
    expect(proxy.requests).toHaveLength(2);
  });

  it('429 from the sender’s rate limiter: waits the Retry-After it was given, then succeeds', async () => {
    // Slow refill (Retry-After 4 s): a busy machine's round trip between the two publishes must not
    // refill the bucket and spare the second one its 429.
    const { flaky, retries } = await setUp([], { capacity: 1, refillPerSecond: 0.25 });
    await flaky.publish('plan_bound_v2', 'plan.completed', planCompletedPayload('a'));
    const second = await flaky.publish('plan_bound_v2', 'plan.completed', planCompletedPayload('b'));
    expect(second.duplicate).toBe(false);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.reason).toBe('rate_limited');
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(3000);
  });

  it('gives up with a typed error: retries exhausted, retries off, or nobody listening', async () => {
    const { flaky, proxy } = await setUp([
      'unavailable',
      'unavailable',
      'unavailable',
      'unavailable',
      'unavailable',
    ]);
    await expect(flaky.messages.list({ tenantId: 'fam' })).rejects.toMatchObject({
      status: 503,
      attempts: 4,
    });
    expect(proxy.requests).toHaveLength(4);

    const noRetries = createSenderClient({ url: proxy.url, apiKey: ADMIN_KEY, retries: 0 });
    await expect(noRetries.messages.list({ tenantId: 'fam' })).rejects.toMatchObject({
      status: 503,
      attempts: 1,
    });

    const closed = createSenderClient({
      url: `http://127.0.0.1:${await unusedPort()}`,
      apiKey: ADMIN_KEY,
      retries: fast,
    });
    const error = await closed.messages.list({ tenantId: 'fam' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SenderConnectionError);
    expect(error).toMatchObject({ attempts: 4, procedure: 'messages.list' });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});
