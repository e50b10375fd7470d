import { describe, expect, it } from 'vitest';
import { taskEventExample } from '../../test/support/payloads.js';
import { secret, signDelivery } from '../../test/support/sign.js';
import type { DedupeStore } from '../dedupe/dedupe-store.js';
import type { EventDelivery, UnknownDelivery } from '../delivery/delivery.js';
import { WebhookError } from '../errors/webhook-error.js';
import { createReceiver } from './create-receiver.js';

const model = 'task_events_v1';

function receiverWithLog() {
  const seen: EventDelivery<typeof model>[] = [];
  const errors: WebhookError[] = [];
  const receiver = createReceiver({ secret, model })
    .on(['task.created', 'task.deleted'], (delivery) => {
      seen.push(delivery);
    })
    .onError((error) => {
      errors.push(error);
    });
  return { receiver, seen, errors };
}

describe('createReceiver().receive', () => {
  it('verifies, validates and hands the typed delivery to the handler', async () => {
    const { receiver, seen } = receiverWithLog();
    const signed = await signDelivery(taskEventExample('task.created'), { id: 'msg_created_1' });
    const result = await receiver.receive({ ...signed, method: 'POST' });

    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ ok: true, outcome: 'handled', id: 'msg_created_1' });
    expect(seen).toHaveLength(1);
    const delivery = seen[0]!;
    expect(delivery).toMatchObject({ known: true, id: 'msg_created_1', model, event: 'task.created' });
    expect(delivery.timestamp).toBe(Number(signed.headers['webhook-timestamp']));
    if (delivery.event !== 'task.created') throw new Error('narrowing');
    expect(delivery.payload.data.task.title).toBe('Call dentist');
    // The signature header is a credential-like value: handlers (and their logs) see it redacted.
    expect(delivery.headers['webhook-signature']).toBe('[redacted]');
    expect(delivery.headers['webhook-id']).toBe('msg_created_1');
  });

  it('runs `on` and `onAny` handlers in registration order', async () => {
    const order: string[] = [];
    const receiver = createReceiver({ secret, model })
      .onAny((d) => {
        order.push(`any:${d.event}`);
      })
      .on('task.deleted', async (d) => {
        await Promise.resolve();
        order.push(`deleted:${d.payload.data.task_id}`);
      })
      .on('task.created', () => {
        order.push('created');
      });
    await receiver.receive(await signDelivery(taskEventExample('task.deleted')));
    expect(order).toEqual(['any:task.deleted', 'deleted:42']);
  });

  it('refuses a tampered body with 401 before parsing, and reports it to onError', async () => {
    const { receiver, seen, errors } = receiverWithLog();
    const signed = await signDelivery(taskEventExample('task.created'));
    const result = await receiver.receive({
      ...signed,
      body: signed.body.replace('Call dentist', 'Call mom'),
    });

    expect(result.status).toBe(401);
    expect(result.error?.code).toBe('bad_signature');
    expect(JSON.parse(result.body).error.code).toBe('bad_signature');
    expect(seen).toHaveLength(0);
    expect(errors.map((e) => e.code)).toEqual(['bad_signature']);
  });

  it('answers 500, not 401, when the code passes something else than the request headers', async () => {
    const { receiver, seen } = receiverWithLog();
    const signed = await signDelivery(taskEventExample('task.created'));
    for (const headers of [undefined, null, 'content-type: application/json']) {
      const result = await receiver.receive({ ...signed, headers: headers as never });
      // A 4xx would make the sender drop the delivery for a bug on this side.
      expect(result.status).toBe(500);
      expect(JSON.parse(result.body).error.message).toBe(
        'The receiver is misconfigured; the delivery was not processed.',
      );
    }
    expect(seen).toHaveLength(0);
  });

  it('refuses a signed body that is not JSON with 400 invalid_json', async () => {
    const { receiver } = receiverWithLog();
    const result = await receiver.receive(await signDelivery(null, { body: '{"event": "task.created",' }));
    expect(result.status).toBe(400);
    expect(result.error?.code).toBe('invalid_json');
    expect(result.error?.message).toMatch(/not valid JSON/);
  });

  it('names the unexpected token of a long non-JSON body without quoting the body', async () => {
    const { receiver } = receiverWithLog();
    const body = `{"event": "task.created", "data": {"note": "call Ana at 555-0100"}, "flag": broken}`;
    const result = await receiver.receive(await signDelivery(null, { body }));
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe("The verified body is not valid JSON: Unexpected token 'b'");
    expect(result.body).not.toContain('555-0100');
  });

  it('refuses a payload that breaks the contract with 400, naming the field', async () => {
    const { receiver, seen } = receiverWithLog();
    const payload = taskEventExample('task.created');
    (payload.data as { task: { priority: unknown } }).task.priority = 'high';
    const result = await receiver.receive(await signDelivery(payload));
    expect(result.status).toBe(400);
    expect(result.error?.code).toBe('invalid_payload');
    expect(result.error?.issues.map((i) => i.path)).toEqual(['data.task.priority']);
    expect(JSON.parse(result.body).error.message).toContain('data.task.priority');
    expect(seen).toHaveLength(0);
  });

  it('keeps unknown fields and unknown enum-like values (lenient contract)', async () => {
    const { receiver, seen } = receiverWithLog();
    const payload = taskEventExample('task.created');
    payload.source = 'api-v3';
    (payload.data as { task: Record<string, unknown> }).task.color = 'red';
    const result = await receiver.receive(await signDelivery(payload));
    expect(result.status).toBe(200);
    expect(seen[0]?.payload).toMatchObject({ source: 'api-v3', data: { task: { color: 'red' } } });
  });

  it('acknowledges a duplicate delivery id without calling handlers again', async () => {
    const { receiver, seen } = receiverWithLog();
    const signed = await signDelivery(taskEventExample('task.created'), { id: 'msg_dup' });
    expect((await receiver.receive(signed)).outcome).toBe('handled');
    const again = await receiver.receive(signed);
    expect(again.status).toBe(200);
    expect(again.outcome).toBe('duplicate');
    expect(seen).toHaveLength(1);
  });

  it('runs concurrent attempts of one delivery id only once', async () => {
    let calls = 0;
    const receiver = createReceiver({ secret, model }).on('task.created', async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const signed = await signDelivery(taskEventExample('task.created'), { id: 'msg_race' });
    const results = await Promise.all([
      receiver.receive(signed),
      receiver.receive(signed),
      receiver.receive(signed),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['duplicate', 'duplicate', 'handled']);
    expect(calls).toBe(1);
  });

  it('answers 500 when a handler throws and does not remember the id, so the retry runs', async () => {
    let attempts = 0;
    const errors: WebhookError[] = [];
    const receiver = createReceiver({ secret, model })
      .on('task.created', () => {
        attempts++;
        if (attempts === 1) throw new Error('database is down');
      })
      .onError((e) => {
        errors.push(e);
      });
    const signed = await signDelivery(taskEventExample('task.created'), { id: 'msg_retry' });

    const first = await receiver.receive(signed);
    expect(first.status).toBe(500);
    expect(first.error?.code).toBe('handler_failed');
    expect(first.error?.message).toContain('database is down');
    expect(first.body).not.toContain('database is down'); // internals stay out of the response
    expect(errors[0]?.deliveryId).toBe('msg_retry');

    expect((await receiver.receive(signed)).outcome).toBe('handled');
    expect((await receiver.receive(signed)).outcome).toBe('duplicate');
    expect(attempts).toBe(2);
  });

  it('passes events outside the model to onUnknown as raw JSON and acknowledges them', async () => {
    const unknown: UnknownDelivery<typeof model>[] = [];
    const receiver = createReceiver({ secret, model }).onUnknown((d) => {
      unknown.push(d);
    });
    const payload = { event: 'task.archived', timestamp: '2026-03-01T00:00:00Z', data: { task_id: 7 } };
    const result = await receiver.receive(await signDelivery(payload, { id: 'msg_unknown' }));
    expect(result.status).toBe(200);
    expect(result.outcome).toBe('unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({
      known: false,
      reason: 'unknown_event',
      event: 'task.archived',
      payload,
    });
  });

  it('acknowledges unknown events by default, without any handler', async () => {
    const { receiver, seen } = receiverWithLog();
    const result = await receiver.receive(await signDelivery({ event: 'task.archived' }));
    expect(result.status).toBe(200);
    expect(result.outcome).toBe('unknown');
    expect(seen).toHaveLength(0);
  });

  it('answers `ignored` for a valid event nobody listens to', async () => {
    const { receiver } = receiverWithLog();
    const result = await receiver.receive(await signDelivery(taskEventExample('task.completed')));
    expect(result.status).toBe(200);
    expect(result.outcome).toBe('ignored');
  });

  it('refuses a parsed body with body_already_parsed, naming the fix', async () => {
    const { receiver } = receiverWithLog();
    const signed = await signDelivery(taskEventExample('task.created'));
    const result = await receiver.receive({ body: JSON.parse(signed.body), headers: signed.headers });
    expect(result.status).toBe(500);
    expect(result.error?.code).toBe('body_already_parsed');
    expect(result.error?.message).toMatch(/parsed before verification: pass the raw body/);
    expect(result.error?.message).toMatch(/express\.raw/);
  });

  it('takes the raw bytes in any binary view, and a byte order mark the same way as text or bytes', async () => {
    const { receiver, seen } = receiverWithLog();
    const payload = taskEventExample('task.created');
    const views = [
      (b: Uint8Array) => new DataView(b.buffer),
      (b: Uint8Array) => new Int8Array(b.buffer),
      (b: Uint8Array) => new Uint8ClampedArray(b.buffer),
    ];
    for (const view of views) {
      const signed = await signDelivery(payload);
      const result = await receiver.receive({
        body: view(new TextEncoder().encode(signed.body)),
        headers: signed.headers,
      });
      expect(result.status).toBe(200);
    }
    for (const asBytes of [false, true]) {
      const signed = await signDelivery(payload, { body: `\uFEFF${JSON.stringify(payload)}` });
      const body = asBytes ? new TextEncoder().encode(signed.body) : signed.body;
      expect((await receiver.receive({ body, headers: signed.headers })).status).toBe(200);
    }
    expect(seen).toHaveLength(5);
  });

  it('refuses other methods with 405 and an Allow header', async () => {
    const { receiver } = receiverWithLog();
    const result = await receiver.receive({ body: '', headers: {}, method: 'GET' });
    expect(result.status).toBe(405);
    expect(result.headers.allow).toBe('POST, PUT, PATCH');
  });

  it('answers 500 without running handlers when the dedupe store fails', async () => {
    const broken: DedupeStore = {
      has: async () => {
        throw new Error('redis: connection refused');
      },
      add: async () => {},
    };
    let calls = 0;
    const receiver = createReceiver({ secret, model, dedupe: { store: broken } }).on('task.created', () => {
      calls++;
    });
    const result = await receiver.receive(await signDelivery(taskEventExample('task.created')));
    expect(result.status).toBe(500);
    expect(result.error?.code).toBe('dedupe_failed');
    expect(calls).toBe(0);
  });

  it('uses a custom async store with the configured TTL', async () => {
    const added = new Map<string, number>();
    const store: DedupeStore = {
      has: async (id) => added.has(id),
      add: async (id, ttl) => {
        added.set(id, ttl);
      },
    };
    const receiver = createReceiver({ secret, model, dedupe: { store, ttlSeconds: 90 } }).on(
      'task.created',
      () => {},
    );
    const signed = await signDelivery(taskEventExample('task.created'), { id: 'msg_store' });
    await receiver.receive(signed);
    expect([...added]).toEqual([['msg_store', 90]]);
    expect((await receiver.receive(signed)).outcome).toBe('duplicate');
  });

  it('processes every attempt when dedupe is off', async () => {
    let calls = 0;
    const receiver = createReceiver({ secret, model, dedupe: false }).on('task.created', () => {
      calls++;
    });
    const signed = await signDelivery(taskEventExample('task.created'), { id: 'msg_nodedupe' });
    await receiver.receive(signed);
    await receiver.receive(signed);
    expect(calls).toBe(2);
  });
});

describe('createReceiver configuration', () => {
  it('refuses a missing or empty secret at start-up', () => {
    expect(() => createReceiver({ model, secret: '' })).toThrow(/secrets\[0\] is an empty string/);
    expect(() => createReceiver({ model, secrets: [] })).toThrow(WebhookError);
  });

  it('refuses a scheme configuration every request would fail on, at start-up', () => {
    expect(() => createReceiver({ model, secret, scheme: { scheme: 'standard_webhooks' } as never })).toThrow(
      /scheme must be an object like/,
    );
    expect(() =>
      createReceiver({
        model,
        secret: 'tok',
        scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'X Bad Header' },
      }),
    ).toThrow(/signatureHeader must be an HTTP header name/);
  });

  it('refuses an unknown model, listing the known ones', () => {
    // @ts-expect-error not a model id
    expect(() => createReceiver({ model: 'plan_bound_v9', secret })).toThrow(
      /Known models: .*task_events_v1/,
    );
  });

  it('refuses an event name outside the model at registration', () => {
    const receiver = createReceiver({ secret, model });
    // @ts-expect-error not an event of task_events_v1
    expect(() => receiver.on('task.archived', () => {})).toThrow(/not an event of task_events_v1.*onUnknown/);
  });

  it('refuses a malformed secret or empty header-auth at start-up, never echoing the secret', () => {
    const thrown = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return error as WebhookError;
      }
      throw new Error('expected createReceiver to throw');
    };
    const undecodable = thrown(() => createReceiver({ secret: 'whsec_not base64 at all!!', model }));
    expect(undecodable).toMatchObject({ code: 'invalid_secret', status: 500 });
    expect(undecodable.message).toMatch(/^createReceiver.*secrets\[0\] is not a valid/);
    expect(undecodable.message).not.toContain('not base64 at all');
    // The usual way a good secret goes bad: a trailing newline from an env file.
    const newline = thrown(() => createReceiver({ secrets: [secret, `${secret}\n`], model }));
    expect(newline).toMatchObject({ code: 'invalid_secret' });
    expect(newline.message).toMatch(/secrets\[1\].*trailing newline/);
    expect(newline.message).not.toContain(secret.slice(6, 20));
    const noHeaders = thrown(() => createReceiver({ scheme: { scheme: 'header-auth', headers: {} }, model }));
    expect(noHeaders).toMatchObject({ code: 'no_secret' });
  });

  it('releases the delivery id even when a handler throws something String() cannot convert', async () => {
    let attempts = 0;
    const receiver = createReceiver({ secret, model }).on('task.created', () => {
      attempts++;
      if (attempts === 1) throw Object.create(null);
    });
    const signed = await signDelivery(taskEventExample('task.created'), { id: 'msg_odd_throw' });
    const first = await receiver.receive(signed);
    expect(first).toMatchObject({ status: 500, error: { code: 'handler_failed' } });
    expect(first.error?.message).toContain('[object Object]');
    // The id was released, so the sender's retry runs the handler instead of waiting on a lock.
    expect((await receiver.receive(signed)).outcome).toBe('handled');
    expect(attempts).toBe(2);
  });
});
