import { request } from 'node:http';
import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type ApiHarness, startApiHarness } from '../api/testing/api-harness.js';
import { TokenBucketRateLimiter } from '../security/rate-limiter.js';
import { type ErrorBody, restCall } from './testing/rest-call.js';

const createdExample = eventMetadata(getEventSchema('task_events_v1', 'task.created')).examples[0] as {
  data: { task: Record<string, unknown> };
};

/** A tRPC answer as these tests read it (one call, or entry 0 of a batched request). */
interface TrpcAnswer {
  result: { data: { messageId: string; duplicate: boolean } };
  error: TrpcError;
  0: { error: TrpcError; result: { data: { messageId: string; duplicate: boolean } } };
}
interface TrpcError {
  message: string;
  data: { reason?: string; issues: { path: string; code: string; message: string }[] };
}

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function setUp(options: Parameters<typeof startApiHarness>[1] = {}) {
  h = await startApiHarness('sqlite', options);
  for (const id of ['t1', 't2']) {
    await restCall(h.url, 'POST', '/api/tenants', { key: ADMIN_KEY, body: { id, name: id } });
  }
  const key = await restCall<{ key: string }>(h.url, 'POST', '/api/api-keys', {
    key: ADMIN_KEY,
    body: { tenantId: 't1', name: 'app' },
  });
  return { harness: h, token: key.json.key };
}

/** POSTs `bytes` of a JSON string in 64 KiB writes with node:http (as a streaming client would). */
function postStreaming(
  url: string,
  key: string,
  bytes: number,
  declareLength: boolean,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        ...(declareLength ? { 'content-length': bytes } : {}),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const writeMore = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

function expectErrorShape(json: unknown, code: string) {
  const body = json as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(Array.isArray(body.error.issues)).toBe(true);
  return body.error;
}

describe('REST errors: one shape, the right status', () => {
  it('400 names each bad field: unknown event, missing url, bad JSON, bad query, path/body conflict', async () => {
    const { harness, token } = await setUp();
    const badEvent = await restCall(harness.url, 'POST', '/api/webhooks', {
      key: token,
      body: { url: harness.receiver.url(), events: ['task.created', 'task.exploded'] },
    });
    expect(badEvent.status).toBe(400);
    const eventError = expectErrorShape(badEvent.json, 'invalid_request');
    expect(eventError.issues.map((i) => i.path)).toEqual(['events.1']);
    expect(eventError.message).toContain('task.completed');

    const noUrl = await restCall(harness.url, 'POST', '/api/webhooks', { key: token, body: { events: [] } });
    expect(noUrl.status).toBe(400);
    expect(expectErrorShape(noUrl.json, 'invalid_request').issues.map((i) => i.path)).toEqual(['url']);

    const badJson = await restCall(harness.url, 'POST', '/api/events', {
      key: token,
      rawBody: '{"model": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(expectErrorShape(badJson.json, 'invalid_request').message).toMatch(/not valid JSON/);

    const badPayload = await restCall(harness.url, 'POST', '/api/events', {
      key: token,
      body: { model: 'task_events_v1', event: 'task.created', payload: { event: 'task.created' } },
    });
    expect(badPayload.status).toBe(400);
    const payloadError = expectErrorShape(badPayload.json, 'invalid_payload');
    expect(payloadError.issues.map((i) => i.path)).toEqual(['payload.timestamp', 'payload.data']);

    const created = await restCall<{ id: string }>(harness.url, 'POST', '/api/webhooks', {
      key: token,
      body: { url: harness.receiver.url(), events: [] },
    });
    const badLimit = await restCall(
      harness.url,
      'GET',
      `/api/webhooks/${created.json.id}/deliveries?limit=lots`,
      {
        key: token,
      },
    );
    expect(badLimit.status).toBe(400);
    expect(expectErrorShape(badLimit.json, 'invalid_request').issues[0]?.path).toBe('limit');
    const typo = await restCall(
      harness.url,
      'GET',
      `/api/webhooks/${created.json.id}/deliveries?state=failed`,
      {
        key: token,
      },
    );
    expect(typo.status).toBe(400);
    expect(expectErrorShape(typo.json, 'invalid_request').message).toContain('state');
    const okQuery = await restCall<{ items: unknown[] }>(
      harness.url,
      'GET',
      `/api/webhooks/${created.json.id}/deliveries?limit=5&status=failed&since=2026-01-01T00:00:00Z`,
      { key: token },
    );
    expect(okQuery.status).toBe(200);
    expect(okQuery.json.items).toEqual([]);

    const contradicting = await restCall(harness.url, 'PATCH', `/api/webhooks/${created.json.id}`, {
      key: token,
      body: { active: false, enabled: true },
    });
    expect(contradicting.status).toBe(400);
    expect(expectErrorShape(contradicting.json, 'invalid_request').issues[0]?.path).toBe('active');
    const otherId = await restCall(harness.url, 'PATCH', `/api/endpoints/${created.json.id}`, {
      key: token,
      body: { endpointId: 'someone-else', enabled: false },
    });
    expect(otherId.status).toBe(400);
    expect(expectErrorShape(otherId.json, 'invalid_request').issues[0]?.path).toBe('endpointId');
  });

  it('401 without or with a wrong key, 403 for admin-only calls, 404 across tenants, 409 on a taken id', async () => {
    const { harness, token } = await setUp();
    for (const key of [null, 'th_wrong_key_0123456789']) {
      const answer = await restCall(harness.url, 'GET', '/api/webhooks', { key });
      expect(answer.status).toBe(401);
      expectErrorShape(answer.json, 'unauthorized');
    }
    const adminOnly = await restCall(harness.url, 'GET', '/api/tenants', { key: token });
    expect(adminOnly.status).toBe(403);
    expectErrorShape(adminOnly.json, 'forbidden');
    const otherTenant = await restCall(harness.url, 'GET', '/api/webhooks?tenantId=t2', { key: token });
    expect(otherTenant.status).toBe(403);

    const t2Webhook = await restCall<{ id: string }>(harness.url, 'POST', '/api/webhooks', {
      key: ADMIN_KEY,
      body: { tenantId: 't2', url: harness.receiver.url(), events: [] },
    });
    expect(t2Webhook.status).toBe(201);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { active: false }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await restCall(harness.url, method, `/api/webhooks/${t2Webhook.json.id}`, {
        key: token,
        body,
      });
      expect(answer.status).toBe(404);
      expectErrorShape(answer.json, 'not_found');
    }
    const stillThere = await restCall<{ active: boolean }>(
      harness.url,
      'GET',
      `/api/webhooks/${t2Webhook.json.id}`,
      {
        key: ADMIN_KEY,
      },
    );
    expect(stillThere.json.active).toBe(true);

    const noRoute = await restCall(harness.url, 'GET', '/api/nothing-here', { key: token });
    expect(noRoute.status).toBe(404);
    expectErrorShape(noRoute.json, 'not_found');
    const wrongMethod = await restCall(harness.url, 'PUT', '/api/webhooks', { key: token, body: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, GET');

    const taken = await restCall(harness.url, 'POST', '/api/tenants', {
      key: ADMIN_KEY,
      body: { id: 't1', name: 'x' },
    });
    expect(taken.status).toBe(409);
    expect(expectErrorShape(taken.json, 'conflict').issues[0]?.path).toBe('id');
  });

  it('413 for an oversized body, 415 for a non-JSON body', async () => {
    const { harness, token } = await setUp({ env: { TASKHOOKS_MAX_PAYLOAD_BYTES: '1024' } });
    const huge = await restCall(harness.url, 'POST', '/api/events', {
      key: token,
      body: { model: 'task_events_v1', event: 'task.created', payload: { filler: 'x'.repeat(100_000) } },
    });
    expect(huge.status).toBe(413);
    expectErrorShape(huge.json, 'payload_too_large');
    // Within the body limit but over the payload limit: the publisher's own check answers 413.
    const overPayload = await restCall(harness.url, 'POST', '/api/events', {
      key: token,
      body: {
        model: 'task_events_v1',
        event: 'task.created',
        payload: {
          ...createdExample,
          data: { task: { ...createdExample.data.task, title: 'y'.repeat(2000) } },
        },
      },
    });
    expect(overPayload.status).toBe(413);
    expectErrorShape(overPayload.json, 'payload_too_large');

    const form = await restCall(harness.url, 'POST', '/api/webhooks', {
      key: token,
      rawBody: 'url=http://x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);

    // A client still streaming a much larger body (declared or chunked) reads the 413, not a
    // broken pipe; a few rounds, as the race depends on socket timing.
    for (const declared of [true, false, true, false, true, false]) {
      const streamed = await postStreaming(`${harness.url}/api/webhooks`, token, 8 * 1024 * 1024, declared);
      expect(streamed.status).toBe(413);
      expectErrorShape(JSON.parse(streamed.body), 'payload_too_large');
    }
    expectErrorShape(form.json, 'unsupported_media_type');
  });

  it('a path parameter that is not valid percent-encoding is a 400 naming it, before any key is checked', async () => {
    const { harness, token } = await setUp();
    for (const [path, param] of [
      ['/api/webhooks/%E0%A4%A', 'id'],
      ['/api/webhooks/%/deliveries', 'id'],
      ['/api/endpoints/%FF', 'endpointId'],
    ] as const) {
      for (const key of [null, token]) {
        const answer = await restCall(harness.url, 'GET', path, { key });
        expect(answer.status).toBe(400);
        expectErrorShape(answer.json, 'invalid_request');
        expect(answer.json).toMatchObject({
          error: { issues: [{ path: param, code: 'invalid_encoding' }] },
        });
      }
    }
    // The server is still up, and a well-formed escape still decodes.
    expect((await restCall(harness.url, 'GET', '/livez')).status).toBe(200);
    expect((await restCall(harness.url, 'GET', '/api/webhooks/no%20such', { key: token })).status).toBe(404);
  });

  it('429 with Retry-After when the key’s bucket is empty', async () => {
    const { harness, token } = await setUp({
      rateLimits: {
        publish: new TokenBucketRateLimiter({ capacity: 2, refillPerSecond: 0.01 }),
        management: new TokenBucketRateLimiter({ capacity: 100, refillPerSecond: 100 }),
      },
    });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof restCall>> | undefined;
    for (let i = 0; i < 3; i++) {
      last = await restCall(harness.url, 'POST', '/api/events', {
        key: token,
        body: { model: 'task_events_v1', event: 'task.created', payload: createdExample },
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expectErrorShape(last!.json, 'rate_limited');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('the Idempotency-Key header makes a repeated publish a duplicate of the first', async () => {
    const { harness, token } = await setUp();
    const publish = () =>
      restCall<{ messageId: string; duplicate: boolean }>(harness.url, 'POST', '/api/events', {
        key: token,
        body: { model: 'task_events_v1', event: 'task.created', payload: createdExample },
        headers: { 'Idempotency-Key': 'task-42-created' },
      });
    const first = await publish();
    const second = await publish();
    expect(first.json.duplicate).toBe(false);
    expect(second.json).toMatchObject({ duplicate: true, messageId: first.json.messageId });
  });

  it('the Idempotency-Key header keys a batch per entry, and tRPC calls too', async () => {
    const { harness, token } = await setUp();
    const task = (title: string) => ({
      model: 'task_events_v1',
      event: 'task.created',
      payload: { ...createdExample, data: { task: { ...createdExample.data.task, title } } },
    });
    type Batch = { results: { messageId: string; duplicate: boolean }[] };
    const batch = () =>
      restCall<Batch>(harness.url, 'POST', '/api/events/batch', {
        key: token,
        body: { events: [task('a'), { ...task('b'), idempotencyKey: 'own-key' }] },
        headers: { 'Idempotency-Key': 'import-7' },
      });
    const first = await batch();
    expect(first.status).toBe(200);
    const again = await batch();
    expect(again.json.results.map((r) => r.duplicate)).toEqual([true, true]);
    expect(again.json.results.map((r) => r.messageId)).toEqual(first.json.results.map((r) => r.messageId));
    const keys = (await harness.store.listMessages({ tenantId: 't1' })).items.map((m) => m.idempotencyKey);
    expect(keys.sort()).toEqual(['import-7:0', 'own-key']);
    // The same header on another batch: the refused key is reported on the header, not on a body
    // field the request does not have.
    const reused = await restCall<ErrorBody>(harness.url, 'POST', '/api/events/batch', {
      key: token,
      body: { events: [task('z')] },
      headers: { 'Idempotency-Key': 'import-7' },
    });
    expect(reused.status).toBe(409);
    expect(reused.json.error.issues).toEqual([
      expect.objectContaining({
        path: 'Idempotency-Key',
        code: 'idempotency_key_reused',
        message: expect.stringMatching(
          /^entry 0: key "import-7:0" .* \(the key comes from the Idempotency-Key header\)$/,
        ),
      }),
    ]);

    // tRPC: the header applies to a plain call; a batched HTTP request of calls is refused, not ignored.
    const trpc = (path: string, body: unknown, key = 'trpc-1') =>
      fetch(`${harness.url}/trpc/${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, json: (await response.json()) as TrpcAnswer }));
    const one = await trpc('events.publish', task('c'));
    const two = await trpc('events.publish', task('c'));
    expect(one.status).toBe(200);
    expect(two.json.result.data).toMatchObject({
      duplicate: true,
      messageId: one.json.result.data.messageId,
    });
    const batched = await trpc('events.publish,events.publish?batch=1', { 0: task('d'), 1: task('e') });
    expect(batched.status).toBe(400);
    expect(batched.json[0].error.message).toMatch(
      /Idempotency-Key header: this HTTP request batches several tRPC calls/,
    );
    const tooLong = await restCall<ErrorBody>(harness.url, 'POST', '/api/events', {
      key: token,
      body: task('f'),
      headers: { 'Idempotency-Key': 'k'.repeat(201) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.issues).toEqual([
      expect.objectContaining({ path: 'Idempotency-Key', message: 'must be 1–200 characters, got 201' }),
    ]);
    // `<key>:<i>` must fit 200 characters too: refused up front, naming the header.
    const longForBatch = await restCall<ErrorBody>(harness.url, 'POST', '/api/events/batch', {
      key: token,
      body: { events: [task('g'), task('h')] },
      headers: { 'Idempotency-Key': 'k'.repeat(199) },
    });
    expect(longForBatch.status).toBe(400);
    expect(longForBatch.json.error.issues).toEqual([
      expect.objectContaining({
        path: 'Idempotency-Key',
        message: expect.stringMatching(/^must be 1–198 characters for this batch/),
      }),
    ]);
    // Two header lines would be joined by Node into one key "aa, bb": refused instead.
    const twice = await new Promise<number>((resolve, reject) => {
      const req = request(`${harness.url}/api/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': ['aa', 'bb'],
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify(task('i')));
    });
    expect(twice).toBe(400);
    // tRPC's batch link sends a single call as a batch of one: the header applies to it; and a
    // batch of calls that each carry their own key does not need it.
    const single = await trpc('events.publish?batch=1', { 0: task('j') }, 'trpc-2');
    const singleAgain = await trpc('events.publish?batch=1', { 0: task('j') }, 'trpc-2');
    expect(single.status).toBe(200);
    expect(singleAgain.json[0]).toMatchObject({
      result: { data: { duplicate: true, messageId: single.json[0].result.data.messageId } },
    });
    // tRPC decodes the path: an encoded comma still makes two calls.
    const encoded = await trpc(
      'events.publish%2Cevents.publish?batch=1',
      { 0: task('m'), 1: task('n') },
      'trpc-3',
    );
    expect(encoded.status).toBe(400);
    const ownKeys = await trpc('events.publish,events.publish?batch=1', {
      0: { ...task('k'), idempotencyKey: 'own-k' },
      1: { ...task('l'), idempotencyKey: 'own-l' },
    });
    expect(ownKeys.status).toBe(200);
    expect((await harness.store.listMessages({ tenantId: 't1' })).items).toHaveLength(6);
  });

  it('tRPC errors read like REST ones: a summary message, issues for bad JSON, the closest union branch', async () => {
    const { harness } = await setUp();
    const trpc = (path: string, body: string) =>
      fetch(`${harness.url}/trpc/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body,
      }).then(async (response) => ({ status: response.status, json: (await response.json()) as TrpcAnswer }));
    const create = (fields: object) =>
      trpc(
        'endpoints.create',
        JSON.stringify({ tenantId: 't1', model: 'plan_bound_v2', url: 'http://127.0.0.1:1/x', ...fields }),
      );

    const preset = await create({ retry: { preset: 'seed-9' } });
    expect(preset.status).toBe(400);
    expect(preset.json.error.message).toMatch(
      /^invalid input: retry\.preset: Invalid option: expected one of "default"\|"seed-000"/,
    );
    expect(preset.json.error.message).not.toContain('"code"');
    expect(preset.json.error.data.issues).toEqual([
      expect.objectContaining({ path: 'retry.preset', code: 'invalid_value' }),
    ]);
    const misspelt = await create({ retry: { custom: { maxAttempts: 2, delaysMs: [5], jiter: 0.1 } } });
    expect(misspelt.json.error.data.issues.map((i) => i.path)).toEqual(['retry.custom.jiter']);

    const badJson = await trpc('endpoints.create', '{"tenantId": "t1",');
    expect(badJson.status).toBe(400);
    expect(badJson.json.error.message).toMatch(/^request body is not valid JSON/);
    expect(badJson.json.error.data).toMatchObject({
      reason: 'invalid_request',
      issues: [expect.objectContaining({ path: '', code: 'invalid_json' })],
    });
    // The publish fast path answers the same.
    const badPublish = await trpc('events.publish', '{"model": ');
    expect(badPublish.status).toBe(400);
    expect(badPublish.json.error.message).toMatch(/^request body is not valid JSON/);
    expect(badPublish.json.error.data.issues).toEqual([expect.objectContaining({ code: 'invalid_json' })]);
  });

  it('a batch of one names its entry, and a listing window that ends before it starts is refused', async () => {
    const { harness, token } = await setUp();
    const batch = await restCall<ErrorBody>(harness.url, 'POST', '/api/events/batch', {
      key: token,
      body: { events: [{ model: 'task_events_v1', event: 'task.created', payload: { data: {} } }] },
    });
    expect(batch.status).toBe(400);
    expect(batch.json.error.issues.length).toBeGreaterThan(0);
    for (const issue of batch.json.error.issues) expect(issue.path).toMatch(/^0\.payload/);

    const window = await restCall<ErrorBody>(
      harness.url,
      'GET',
      '/api/messages?since=2026-05-02T00:00:00Z&until=2026-05-01T00:00:00Z',
      { key: token },
    );
    expect(window.status).toBe(400);
    expect(window.json.error.issues).toEqual([
      expect.objectContaining({
        path: 'since',
        code: 'invalid_range',
        message: expect.stringMatching(/after until \(2026-05-01T00:00:00\.000Z\)/),
      }),
    ]);
    // Past what a Date can show, the bound is named as the number it is (it used to answer 500).
    const far = await restCall<ErrorBody>(
      harness.url,
      'GET',
      '/api/messages?since=8640000000000001&until=1',
      {
        key: token,
      },
    );
    expect(far.status).toBe(400);
    expect(far.json.error.message).toBe('since: 8640000000000001 is after until (1970-01-01T00:00:00.001Z)');
    const sameInstant = await restCall(harness.url, 'GET', '/api/messages?since=1000&until=1000', {
      key: token,
    });
    expect(sameInstant.status).toBe(200);
  });

  it('tRPC queries whose fields are all optional need no input', async () => {
    const { harness, token } = await setUp();
    for (const path of ['endpoints.list', 'messages.list', 'apiKeys.list', 'tenants.get']) {
      const response = await fetch(`${harness.url}/trpc/${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect([path, response.status]).toEqual([path, 200]);
    }
    const page = (await (
      await fetch(`${harness.url}/trpc/messages.list`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { result: { data: { items: unknown[] } } };
    expect(page.result.data.items).toEqual([]);
  });

  it('says what is wrong in words that fit the case: an array payload, a scheme in development mode', async () => {
    const { harness, token } = await setUp();
    const arrayPayload = await restCall<ErrorBody>(harness.url, 'POST', '/api/events', {
      key: token,
      body: { model: 'task_events_v1', event: 'task.created', payload: [] },
    });
    expect(arrayPayload.status).toBe(400);
    expect(arrayPayload.json.error.issues).toEqual([
      expect.objectContaining({
        path: 'payload',
        message: 'expected a JSON object, received an array',
      }),
    ]);
    const ftp = await restCall<ErrorBody>(harness.url, 'POST', '/api/webhooks', {
      key: token,
      body: { url: 'ftp://127.0.0.1/hook' },
    });
    expect(ftp.status).toBe(400);
    expect(ftp.json.error.message).toMatch(/url scheme ftp: is not allowed; use http: or https:$/);
  });

  it("a stored payload that is not JSON is an internal error, not the caller's bad JSON", async () => {
    const { harness, token } = await setUp();
    const published = await restCall<{ messageId: string }>(harness.url, 'POST', '/api/events', {
      key: token,
      body: { model: 'task_events_v1', event: 'task.created', payload: createdExample },
    });
    const db = new Database(harness.sqlitePath!);
    db.prepare('UPDATE messages SET payload_json = ? WHERE id = ?').run(
      '{not json',
      published.json.messageId,
    );
    db.close();
    const response = await fetch(
      `${harness.url}/trpc/messages.get?input=${encodeURIComponent(JSON.stringify({ messageId: published.json.messageId }))}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = (await response.json()) as TrpcAnswer;
    expect(response.status).toBe(500);
    expect(body.error.message).not.toMatch(/request body is not valid JSON/);
    expect(body.error.data.reason).not.toBe('invalid_request');
  });
});
