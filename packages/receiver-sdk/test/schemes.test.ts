import { request } from 'node:http';
import { generateSecret } from '@taskhooks/signatures';
import { describe, expect, it } from 'vitest';
import { createReceiver, type ReceivedDelivery } from '../src/index.js';
import { createNodeHandler } from '../src/node.js';
import { listen } from './support/http.js';
import { extensionExample, planFailedExample, taskEventExample } from './support/payloads.js';
import { secret, signDelivery } from './support/sign.js';

const endpoint = 'http://127.0.0.1/webhooks';

describe('other signature schemes', () => {
  it('hmac-sha256-hex (OpenTask headers): dedupes id-less retries by body hash', async () => {
    const token = generateSecret('hmac-sha256-hex');
    const scheme = {
      scheme: 'hmac-sha256-hex',
      signatureHeader: 'X-OpenTask-Signature',
      eventHeader: 'X-OpenTask-Event',
    } as const;
    const seen: ReceivedDelivery<'task_events_v1'>[] = [];
    const receiver = createReceiver({ secret: token, scheme, model: 'task_events_v1' }).onAny((d) => {
      seen.push(d);
    });
    const signed = await signDelivery(taskEventExample('task.completed'), { scheme, secrets: [token] });
    expect(signed.headers['x-opentask-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    const first = await receiver.fetch(new Request(endpoint, { method: 'POST', ...signed }));
    const retry = await receiver.fetch(new Request(endpoint, { method: 'POST', ...signed }));
    expect(await first.json()).toMatchObject({
      outcome: 'handled',
      id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(await retry.json()).toMatchObject({ outcome: 'duplicate' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.timestamp).toBeUndefined();

    const tampered = await receiver.fetch(
      new Request(endpoint, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body.replace('true', 'false'),
      }),
    );
    expect(tampered.status).toBe(401);
  });

  it('token-hash (extension webhooks): uses the payload id as the delivery id', async () => {
    const token = generateSecret('token-hash');
    const scheme = { scheme: 'token-hash' } as const;
    const payload = extensionExample('lock.frozen');
    const receiver = createReceiver({ secret: token, scheme, model: 'extension_v1' });
    const signed = await signDelivery(payload, { scheme, secrets: [token] });
    const response = await receiver.fetch(new Request(endpoint, { method: 'POST', ...signed }));
    expect(await response.json()).toEqual({ ok: true, outcome: 'ignored', id: payload.id });

    const wrong = await signDelivery(payload, { scheme, secrets: [generateSecret('token-hash')] });
    expect((await receiver.fetch(new Request(endpoint, { method: 'POST', ...wrong }))).status).toBe(401);
  });

  it('header-auth (family webhook): checks the configured header and hides its value from handlers', async () => {
    const apiKey = generateSecret('header-auth');
    const scheme = { scheme: 'header-auth', headers: { 'X-API-Key': apiKey } } as const;
    const seen: ReceivedDelivery<'plan_bound_v2'>[] = [];
    const receiver = createReceiver({ scheme, model: 'plan_bound_v2' }).on('plan.failed', (d) => {
      seen.push(d);
    });
    const body = JSON.stringify(planFailedExample());
    const ok = await receiver.fetch(
      new Request(endpoint, { method: 'POST', headers: { 'x-api-key': apiKey }, body }),
    );
    expect(ok.status).toBe(200);
    expect(seen[0]?.headers['x-api-key']).toBe('[redacted]');
    expect(JSON.stringify(seen[0])).not.toContain(apiKey);

    const bad = await receiver.fetch(
      new Request(endpoint, { method: 'POST', headers: { 'x-api-key': 'guess' }, body }),
    );
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toContain(apiKey);
  });

  it('header-auth: two Authorization headers are refused alike by the fetch and the Node adapter', async () => {
    const key = generateSecret('header-auth');
    const receiver = createReceiver({
      scheme: { scheme: 'header-auth', headers: { Authorization: `Bearer ${key}` } },
      model: 'plan_bound_v2',
    }).on('plan.failed', () => {});
    const body = JSON.stringify(planFailedExample());
    const twice = [
      ['authorization', `Bearer ${key}`],
      ['authorization', 'Bearer someone-else'],
    ] as [string, string][];
    const viaFetch = await receiver.fetch(
      new Request(endpoint, {
        method: 'POST',
        headers: [['content-type', 'application/json'], ...twice],
        body,
      }),
    );
    const server = await listen(createNodeHandler(receiver));
    try {
      // Node's req.headers keeps only the first Authorization; both go out on the wire here.
      const viaNode = await new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/hooks`, { method: 'POST' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.setHeader('content-type', 'application/json');
        req.setHeader(
          'authorization',
          twice.map(([, value]) => value),
        );
        req.on('error', reject);
        req.end(body);
      });
      expect([viaFetch.status, viaNode]).toEqual([401, 401]);
    } finally {
      await server.close();
    }
  });

  it('handlers see the headers of a Headers object from another implementation (polyfill, realm)', async () => {
    const seen: ReceivedDelivery<'plan_bound_v2'>[] = [];
    const receiver = createReceiver({
      scheme: { scheme: 'standard-webhooks' },
      secrets: [secret],
      model: 'plan_bound_v2',
    }).on('plan.failed', (d) => {
      seen.push(d);
    });
    const signed = await signDelivery(planFailedExample());
    const native = new Headers(signed.headers);
    const foreign = { get: (name: string) => native.get(name), forEach: native.forEach.bind(native) };
    const result = await receiver.receive({
      body: signed.body,
      headers: foreign as unknown as Headers,
      method: 'POST',
    });
    expect(result.outcome).toBe('handled');
    expect(seen[0]?.headers['webhook-id']).toBe(signed.headers['webhook-id']);
    expect(seen[0]?.headers['webhook-signature']).toBe('[redacted]');
  });
});
