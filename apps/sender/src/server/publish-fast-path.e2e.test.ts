import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServices, Caller } from '../api/context.js';
import { createPublisher } from '../ingest/publisher.js';
import { TokenBucketRateLimiter } from '../security/rate-limiter.js';
import { loadSeedExample } from '../testing/seed-data.js';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { createSenderHttpServer } from './http-server.js';

// The fast path must be invisible: every request below goes to a server with it and to one
// without it (plain tRPC adapter), and the answers must match byte for byte (message ids aside).

const seed = loadSeedExample();
let temp: TempStore;
const servers: http.Server[] = [];

async function listen(services: ApiServices, publishFastPath: boolean): Promise<string> {
  const authenticate = (authorization: string | undefined): Caller | null => {
    if (authorization === 'Bearer admin') return { kind: 'admin', keyId: 'admin' };
    if (authorization === 'Bearer tenant')
      return { kind: 'tenant', tenantId: temp.tenantId, keyId: 'tenant' };
    if (authorization === 'Bearer stranger')
      return { kind: 'tenant', tenantId: '0190c0de-0000-7000-8000-000000000000', keyId: 'stranger' };
    return null;
  };
  const server = createSenderHttpServer({
    services,
    authenticate,
    maxBodyBytes: 32 * 1024,
    isReady: () => true,
    publishFastPath,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: string;
  contentLength: string | null;
}

async function send(base: string, request: Request): Promise<Answer> {
  const response = await fetch(`${base}${request.path}`, {
    method: request.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      ...(request.key === null ? {} : { authorization: `Bearer ${request.key ?? 'admin'}` }),
      ...request.headers,
    },
    ...(request.method === 'GET' ? {} : { body: request.body }),
  });
  const headers = Object.fromEntries(
    ['content-type', 'vary', 'retry-after', 'allow'].map((name) => [name, response.headers.get(name)]),
  );
  return {
    status: response.status,
    headers,
    body: await response.text(),
    contentLength: response.headers.get('content-length'),
  };
}

interface Request {
  path: string;
  body?: string;
  key?: string | null;
  method?: string;
  headers?: Record<string, string>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const withoutIds = (answer: Answer) => ({
  ...answer,
  contentLength: null,
  body: answer.body.replace(UUID, '<id>'),
});

let fast: string;
let trpc: string;

/** Sends `request` to both servers; returns the fast path's answer after checking they match. */
async function both(request: Request, options: { fastPathAnswers?: boolean } = {}): Promise<Answer> {
  const viaFast = await send(fast, request);
  const viaTrpc = await send(trpc, request);
  expect(withoutIds(viaFast)).toEqual(withoutIds(viaTrpc));
  // Proof of which code answered: the fast path sends a Content-Length, the adapter streams (chunked).
  expect(viaTrpc.contentLength).toBeNull();
  if (options.fastPathAnswers ?? true)
    expect(viaFast.contentLength).toBe(String(Buffer.byteLength(viaFast.body)));
  else expect(viaFast.contentLength).toBeNull();
  return viaFast;
}

const publish = (input: Record<string, unknown>) => ({
  path: '/trpc/events.publish',
  body: JSON.stringify({ model: 'plan_bound_v2', event: 'plan.failed', payload: seed, ...input }),
});

describe('publish fast path answers exactly like the tRPC adapter', () => {
  beforeAll(async () => {
    temp = await openTempStore('sqlite');
    const publisher = createPublisher({ store: temp.store, maxPayloadBytes: 16 * 1024 });
    const services = { store: temp.store, publisher, now: Date.now };
    fast = await listen(services, true);
    trpc = await listen(services, false);
  });
  afterAll(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    await temp.close();
  });

  it('successful publish and publishBatch (stored once per call)', async () => {
    const one = await both(publish({ tenantId: temp.tenantId }));
    expect(one.status).toBe(200);
    expect(JSON.parse(one.body).result.data).toMatchObject({ duplicate: false });
    const batch = await both({
      path: '/trpc/events.publishBatch',
      body: JSON.stringify({
        tenantId: temp.tenantId,
        events: [1, 2, 3].map(() => ({ model: 'plan_bound_v2', event: 'plan.failed', payload: seed })),
      }),
    });
    expect(JSON.parse(batch.body).result.data.results).toHaveLength(3);
    // A tenant key needs no tenantId; charset parameters are fine.
    const tenant = await both({
      ...publish({}),
      key: 'tenant',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(tenant.status).toBe(200);
    expect((await temp.store.listMessages({ tenantId: temp.tenantId, limit: 100 })).items).toHaveLength(10);
  });

  it('idempotency: the same key answers the same message id on both paths', async () => {
    const input = publish({ tenantId: temp.tenantId, idempotencyKey: 'fast-path-key' });
    const first = await send(fast, input);
    const again = await both(input);
    expect(JSON.parse(again.body).result.data).toEqual({
      ...JSON.parse(first.body).result.data,
      duplicate: true,
      deliveriesCreated: 0,
    });
  });

  it('validation, auth, tenancy and size errors', async () => {
    // Valid against the contract, past the publisher's 16 KiB payload limit, within the body limit.
    const title = 'x'.repeat(20_000);
    const bigButValid = {
      ...seed,
      plan_title: title,
      plan: { ...(seed.plan as object), title, name: title },
    };
    const stored = (await temp.store.listMessages({ tenantId: temp.tenantId, limit: 100 })).items.length;
    const cases: [Request, number][] = [
      [publish({ tenantId: temp.tenantId, payload: { ...seed, status: 42 } }), 400],
      [publish({ tenantId: temp.tenantId, model: 'nope_v9' }), 400],
      [publish({ tenantId: temp.tenantId, event: 'plan.completed' }), 400],
      [{ path: '/trpc/events.publish', body: JSON.stringify({ tenantId: temp.tenantId, event: 1 }) }, 400],
      [{ path: '/trpc/events.publish', body: '{"model": ' }, 400],
      [{ path: '/trpc/events.publish', body: '' }, 400],
      [
        { path: '/trpc/events.publishBatch', body: JSON.stringify({ tenantId: temp.tenantId, events: [] }) },
        400,
      ],
      [publish({}), 400],
      [publish({ tenantId: '0190c0de-0000-7000-8000-00000000beef' }), 404],
      [{ ...publish({ tenantId: '0190c0de-0000-7000-8000-00000000beef' }), key: 'tenant' }, 403],
      [{ ...publish({}), key: 'stranger' }, 404],
      [{ ...publish({ tenantId: temp.tenantId }), key: null }, 401],
      [{ ...publish({ tenantId: temp.tenantId }), key: 'wrong' }, 401],
      [publish({ tenantId: temp.tenantId, payload: bigButValid }), 413],
      [publish({ tenantId: temp.tenantId, payload: { ...seed, plan_title: 'y'.repeat(200_000) } }), 413],
    ];
    for (const [request, status] of cases) {
      const answer = await both(request);
      expect({ body: request.body?.slice(0, 80), status: answer.status }).toEqual({
        body: request.body?.slice(0, 80),
        status,
      });
      const { error } = JSON.parse(answer.body);
      expect(error.data.httpStatus).toBe(status);
      // Every error says why, in words: never just tRPC's code name (e.g. "PAYLOAD_TOO_LARGE").
      expect(error.message).not.toMatch(/^[A-Z_]+$/);
      if (status === 413) expect(error.data.reason).toBe('payload_too_large');
    }
    // Nothing stored by any failed call.
    expect((await temp.store.listMessages({ tenantId: temp.tenantId, limit: 100 })).items).toHaveLength(
      stored,
    );
  });

  it('leaves every other form to tRPC: batching, GET, other content types', async () => {
    const batched = await both(
      { path: '/trpc/events.publish?batch=1', body: JSON.stringify({ 0: JSON.parse(publish({}).body) }) },
      { fastPathAnswers: false },
    );
    expect(batched.status).toBe(400);
    const get = await both({ path: '/trpc/events.publish', method: 'GET' }, { fastPathAnswers: false });
    expect(get.status).toBe(405);
    const text = await both(
      { ...publish({ tenantId: temp.tenantId }), headers: { 'content-type': 'text/plain' } },
      { fastPathAnswers: false },
    );
    expect(text.status).toBe(415);
  });
});

describe('publish fast path: rate limiting', () => {
  beforeAll(async () => {
    temp = await openTempStore('sqlite');
    const publisher = createPublisher({ store: temp.store });
    // One bucket per server, so both see the same sequence: one call allowed, then 429.
    const limited = () => ({
      store: temp.store,
      publisher,
      now: Date.now,
      rateLimits: {
        publish: new TokenBucketRateLimiter({ capacity: 1, refillPerSecond: 0.01 }),
        management: new TokenBucketRateLimiter({ capacity: 1, refillPerSecond: 0.01 }),
      },
    });
    fast = await listen(limited(), true);
    trpc = await listen(limited(), false);
  });
  afterAll(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    await temp.close();
  });

  it('answers 429 with the same Retry-After', async () => {
    expect((await both(publish({ tenantId: temp.tenantId }))).status).toBe(200);
    const limited = await both(publish({ tenantId: temp.tenantId }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
