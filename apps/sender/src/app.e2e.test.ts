import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyRequest } from '@taskhooks/signatures';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSenderApp, type SenderApp } from './app.js';
import { loadConfig } from './config/env.js';
import { getPreset } from './delivery/presets.js';
import { uuidv7 } from './ids/uuidv7.js';
import { type Backend, openTempStore, type TempStore } from './testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from './testing/test-receiver.js';

const seedExample = JSON.parse(
  readFileSync(
    join(
      import.meta.dirname,
      '../../../packages/contracts/src/models/plan-bound-v2/__fixtures__/seed-000-example.json',
    ),
    'utf8',
  ),
) as Record<string, unknown>;
const ADMIN = 'test-admin-key-0123456789abcdef';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

interface Harness {
  app: SenderApp;
  url: string;
  temp: TempStore;
  receiver: TestReceiver;
  endpointId: string;
}

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.app.stop({ graceMs: 1000 });
  await harness?.receiver.close();
  await harness?.temp.close().catch(() => {});
  harness = null;
});

async function start(backend: Backend, env: Record<string, string> = {}): Promise<Harness> {
  const temp = await openTempStore(backend);
  const receiver = await startTestReceiver((_req, res) => res.writeHead(204).end());
  const { policy, timeoutMs } = getPreset('default');
  const endpoint = await temp.store.createEndpoint(
    {
      id: uuidv7(),
      tenantId: temp.tenantId,
      url: receiver.url('/family-hook'),
      method: 'POST',
      description: 'family endpoint',
      model: 'plan_bound_v2',
      eventFilter: ['plan.*'],
      scheme: { scheme: 'standard-webhooks' },
      secretsSealed: JSON.stringify({ secrets: [SECRET], headers: {} }),
      retryPolicy: policy,
      timeoutMs,
      enabled: true,
    },
    Date.now(),
  );
  const config = loadConfig({
    PORT: '0',
    TASKHOOKS_ADMIN_KEY: ADMIN,
    TASKHOOKS_MAX_PAYLOAD_BYTES: '65536',
    ...env,
  });
  const app = await createSenderApp({
    config,
    api: true,
    worker: true,
    store: temp.store,
    logger: pino({ level: 'silent' }),
  });
  const { url } = await app.start();
  harness = { app, url: url!, temp, receiver, endpointId: endpoint.id };
  return harness;
}

async function call(h: Harness, procedure: string, input: unknown, key: string | null = ADMIN) {
  const response = await fetch(`${h.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as {
    result?: { data: unknown };
    error?: {
      message: string;
      data: { httpStatus: number; reason?: string; issues: { path: string; message: string }[] };
    };
  };
  return {
    status: response.status,
    data: body.result?.data as Record<string, unknown> | undefined,
    error: body.error,
  };
}

async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each<Backend>(['sqlite', 'postgres'])('sender end to end on %s', (backend) => {
  it('publishes through the API, delivers a signed request the receiver verifies, and logs the attempt', async () => {
    const h = await start(backend);
    const published = await call(h, 'events.publish', {
      tenantId: h.temp.tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload: seedExample,
    });
    expect(published.status).toBe(200);
    expect(published.data).toMatchObject({ duplicate: false, deliveriesCreated: 1, deliveriesSkipped: 0 });

    const request = await waitFor(() => h.receiver.requests[0], 'the delivery');
    expect(request.path).toBe('/family-hook');
    expect(JSON.parse(request.body)).toEqual(seedExample);
    const verified = await verifyRequest({
      scheme: { scheme: 'standard-webhooks' },
      headers: request.headers,
      body: request.body,
      secrets: [SECRET],
    });
    expect(verified.id).toBe(published.data?.messageId);

    const deliveries = await waitFor(async () => {
      const page = await h.temp.store.listDeliveries({ endpointId: h.endpointId });
      return page.items[0]?.state === 'succeeded' ? page.items : undefined;
    }, 'the delivery to be recorded as succeeded');
    const detail = await h.temp.store.getDelivery(deliveries[0]!.id);
    expect(detail?.attempts).toHaveLength(1);
    expect(detail?.attempts[0]).toMatchObject({ responseStatus: 204, outcome: 'succeeded' });
    expect(JSON.stringify(detail?.attempts[0]?.requestHeaders)).not.toContain(
      verified.id === undefined ? 'x' : 'v1,',
    );
  });

  it('rejects an invalid payload with 400 listing every failing path and stores nothing', async () => {
    const h = await start(backend);
    const broken = {
      ...seedExample,
      status: 'paused',
      summary: { ...(seedExample.summary as object), required_total: 'two' },
    };
    const result = await call(h, 'events.publish', {
      tenantId: h.temp.tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload: broken,
    });
    expect(result.status).toBe(400);
    expect(result.error?.data.reason).toBe('invalid_payload');
    expect(result.error?.data.issues.map((issue) => issue.path).sort()).toEqual([
      'payload.status',
      'payload.summary.required_total',
    ]);
    expect((await h.temp.store.listMessages({ tenantId: h.temp.tenantId })).items).toHaveLength(0);
  });

  it('answers 413 for an oversized payload and 401 without a key', async () => {
    const h = await start(backend);
    // Valid but too big: the contract passes, the size limit (64 KiB here) does not.
    const title = 'x'.repeat(40_000);
    const huge = {
      ...seedExample,
      plan_title: title,
      plan: { ...(seedExample.plan as object), title, name: title },
    };
    const tooBig = await call(h, 'events.publish', {
      tenantId: h.temp.tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload: huge,
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.error?.data.reason).toBe('payload_too_large');
    // A request body past the transport limit is refused before it is even parsed.
    const hugeBody = await call(h, 'events.publish', {
      tenantId: h.temp.tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload: { ...seedExample, plan_title: 'y'.repeat(300_000) },
    });
    expect(hugeBody.status).toBe(413);
    const anonymous = await call(
      h,
      'events.publish',
      { tenantId: h.temp.tenantId, model: 'plan_bound_v2', event: 'plan.failed', payload: seedExample },
      null,
    );
    expect(anonymous.status).toBe(401);
    const wrongKey = await call(
      h,
      'events.publish',
      { tenantId: h.temp.tenantId, model: 'plan_bound_v2', event: 'plan.failed', payload: seedExample },
      'nope',
    );
    expect(wrongKey.status).toBe(401);
    expect((await h.temp.store.listMessages({ tenantId: h.temp.tenantId })).items).toHaveLength(0);
  });

  it('honours idempotency keys: same key → same message id, one delivery', async () => {
    const h = await start(backend);
    const input = {
      tenantId: h.temp.tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload: seedExample,
      idempotencyKey: 'plan-id:failed',
    };
    const first = await call(h, 'events.publish', input);
    const second = await call(h, 'events.publish', input);
    expect(second.data?.messageId).toBe(first.data?.messageId);
    expect(second.data).toMatchObject({ duplicate: true, deliveriesCreated: 0 });
    await waitFor(() => h.receiver.requests.length === 1 || undefined, 'one delivery');
    const counts = await h.temp.store.countDeliveries({ tenantId: h.temp.tenantId });
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);

    // The key reused for a different event is refused, not acknowledged as a duplicate and dropped.
    const otherPlan = { ...seedExample, occurred_at: '2026-04-30T18:31:00' };
    const reused = await call(h, 'events.publish', { ...input, payload: otherPlan });
    expect(reused.status).toBe(409);
    expect(reused.error?.data.issues).toEqual([
      expect.objectContaining({
        path: 'idempotencyKey',
        code: 'idempotency_key_reused',
        message: expect.stringContaining(
          `first used for message ${first.data?.messageId}, whose payload differs`,
        ),
      }),
    ]);
    // A batch holding such an entry is refused whole, its keyless events included, so re-sending
    // the corrected batch cannot publish them twice.
    const { tenantId: _tenant, ...item } = input;
    const keyless = { ...item, idempotencyKey: undefined, payload: otherPlan };
    const batch = await call(h, 'events.publishBatch', {
      tenantId: h.temp.tenantId,
      events: [keyless, { ...item, payload: otherPlan }],
    });
    expect(batch.status).toBe(409);
    expect(batch.error?.message).toMatch(/nothing was stored/);
    expect(batch.error?.data.issues.map((issue) => [issue.path, issue.message])).toEqual([
      ['1.idempotencyKey', expect.stringMatching(/whose payload differs/)],
    ]);
    // One request using a key twice for different events stores nothing at all.
    const within = await call(h, 'events.publishBatch', {
      tenantId: h.temp.tenantId,
      events: [
        { ...item, idempotencyKey: 'k-3', payload: seedExample },
        { ...item, idempotencyKey: 'k-3', payload: otherPlan },
      ],
    });
    expect(within.status).toBe(409);
    expect(within.error?.message).toMatch(/nothing was stored/);
    expect(within.error?.data.issues.map((issue) => issue.path)).toEqual(['1.idempotencyKey']);
    const stored = (await h.temp.store.listMessages({ tenantId: h.temp.tenantId })).items;
    expect(stored.map((m) => m.idempotencyKey)).toEqual(['plan-id:failed']);

    // Publishes that share a group commit with a refused one are stored all the same.
    const concurrent = await Promise.all([
      call(h, 'events.publish', { ...input, payload: otherPlan }),
      ...Array.from({ length: 5 }, (_, i) =>
        call(h, 'events.publish', { ...input, idempotencyKey: `other-${i}`, payload: otherPlan }),
      ),
    ]);
    expect(concurrent.map((r) => r.status)).toEqual([409, 200, 200, 200, 200, 200]);
    expect((await h.temp.store.listMessages({ tenantId: h.temp.tenantId })).items).toHaveLength(6);
  });

  it('publishes a batch in one call and filters events per endpoint', async () => {
    const h = await start(backend);
    const submission = { event: 'submission.pending_review' };
    const batch = await call(h, 'events.publishBatch', {
      tenantId: h.temp.tenantId,
      events: [
        { model: 'plan_bound_v2', event: 'plan.failed', payload: seedExample },
        {
          model: 'plan_bound_v2',
          event: 'plan.failed',
          payload: { ...seedExample, occurred_at: '2026-04-30T18:31:00' },
        },
        { model: 'plan_bound_v2', event: 'submission.pending_review', payload: submission },
      ],
    });
    // The submission event is invalid (missing fields): the whole batch is refused, nothing stored.
    expect(batch.status).toBe(400);
    expect(batch.error?.data.issues.every((issue) => issue.path.startsWith('2.payload'))).toBe(true);
    expect((await h.temp.store.listMessages({ tenantId: h.temp.tenantId })).items).toHaveLength(0);

    const ok = await call(h, 'events.publishBatch', {
      tenantId: h.temp.tenantId,
      events: [
        { model: 'plan_bound_v2', event: 'plan.failed', payload: seedExample },
        {
          model: 'plan_bound_v2',
          event: 'plan.failed',
          payload: { ...seedExample, occurred_at: '2026-04-30T18:31:00' },
        },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.data?.results).toHaveLength(2);
    await waitFor(() => h.receiver.requests.length === 2 || undefined, 'two deliveries');
  });

  it('records events of an expired tenant as skipped and sends nothing; new events flow when access returns', async () => {
    const h = await start(backend);
    await h.temp.store.setEntitlement(h.temp.tenantId, 'expired', Date.now());
    const skipped = await call(h, 'events.publish', {
      tenantId: h.temp.tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload: seedExample,
    });
    expect(skipped.data).toMatchObject({ deliveriesCreated: 0, deliveriesSkipped: 1 });
    await h.temp.store.setEntitlement(h.temp.tenantId, 'active', Date.now());
    const sent = await call(h, 'events.publish', {
      tenantId: h.temp.tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload: { ...seedExample, occurred_at: '2026-04-30T18:45:00' },
    });
    expect(sent.data).toMatchObject({ deliveriesCreated: 1 });
    await waitFor(() => h.receiver.requests[0], 'the delivery after reactivation');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.receiver.requests).toHaveLength(1);
    expect(JSON.parse(h.receiver.requests[0]!.body).occurred_at).toBe('2026-04-30T18:45:00');
  });
});
