import { describe, expect, it } from 'vitest';
import { createReceiver, type EventDelivery } from '../src/index.js';
import { planFailedExample } from './support/payloads.js';
import { secret, signDelivery } from './support/sign.js';

const endpoint = 'http://127.0.0.1/api/webhooks';

function planReceiver(options: { maxBodyBytes?: number } = {}) {
  const handled: EventDelivery<'plan_bound_v2'>[] = [];
  let failures = 0;
  const receiver = createReceiver({ secret, model: 'plan_bound_v2', ...options }).on(
    ['plan.failed', 'plan.completed'],
    (delivery) => {
      if (failures > 0) {
        failures--;
        throw new Error('temporarily broken');
      }
      handled.push(delivery);
    },
  );
  return { receiver, handled, failOnce: () => (failures = 1) };
}

async function signedRequest(payload: unknown, options: Parameters<typeof signDelivery>[1] = {}) {
  const signed = await signDelivery(payload, options);
  return new Request(endpoint, { method: 'POST', headers: new Headers(signed.headers), body: signed.body });
}

describe('receiver.fetch with real Request objects', () => {
  it('handles a signed delivery and answers with a JSON Response', async () => {
    const { receiver, handled } = planReceiver();
    const response = await receiver.fetch(await signedRequest(planFailedExample(), { id: 'msg_fetch' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ ok: true, outcome: 'handled', id: 'msg_fetch' });
    expect(handled[0]?.event).toBe('plan.failed');
  });

  it('works detached from the receiver, as `export const POST = receiver.fetch` uses it', async () => {
    const { receiver, handled } = planReceiver();
    const { fetch: POST } = receiver;
    const response = await POST(await signedRequest(planFailedExample()));
    expect(response.status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('refuses a tampered body with 401', async () => {
    const { receiver, handled } = planReceiver();
    const signed = await signDelivery(planFailedExample());
    const request = new Request(endpoint, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body.replace('"stars_earned":3', '"stars_earned":30'),
    });
    const response = await receiver.fetch(request);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_signature');
    expect(handled).toHaveLength(0);
  });

  it('answers 500 while the handler fails and 200 for the retry, then recognises the duplicate', async () => {
    const { receiver, handled, failOnce } = planReceiver();
    failOnce();
    const signed = await signDelivery(planFailedExample(), { id: 'msg_fetch_retry' });
    const attempt = () => receiver.fetch(new Request(endpoint, { method: 'POST', ...signed }));
    expect((await attempt()).status).toBe(500);
    expect((await attempt()).status).toBe(200);
    expect(await (await attempt()).json()).toMatchObject({ outcome: 'duplicate' });
    expect(handled).toHaveLength(1);
  });

  it('acknowledges an unknown event with 200', async () => {
    const { receiver } = planReceiver();
    const response = await receiver.fetch(
      await signedRequest({ ...planFailedExample(), event: 'plan.archived' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'unknown' });
  });

  it('refuses a streamed body over the limit with 413 without buffering all of it', async () => {
    const { receiver } = planReceiver({ maxBodyBytes: 1000 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(400));
        if (pulled === 100) controller.close();
      },
    });
    const request = new Request(endpoint, { method: 'POST', body, duplex: 'half' } as RequestInit);
    const response = await receiver.fetch(request);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a declared Content-Length over the limit with 413', async () => {
    const { receiver } = planReceiver({ maxBodyBytes: 1000 });
    const signed = await signDelivery({ ...planFailedExample(), padding: 'x'.repeat(2000) });
    const response = await receiver.fetch(new Request(endpoint, { method: 'POST', ...signed }));
    expect(response.status).toBe(413);
  });

  it('refuses GET with 405', async () => {
    const { receiver } = planReceiver();
    const response = await receiver.fetch(new Request(endpoint));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, PUT, PATCH');
  });

  it('answers 500 body_already_parsed when middleware read the body first (Hono c.req.json())', async () => {
    const { receiver, handled } = planReceiver();
    const errors: string[] = [];
    receiver.onError((e) => {
      errors.push(e.code);
    });
    const request = await signedRequest(planFailedExample());
    await request.clone().json(); // a clone leaves the original readable: still accepted
    expect((await receiver.fetch(request.clone())).status).toBe(200);
    await request.json();
    const response = await receiver.fetch(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'body_already_parsed' } });
    expect(errors).toEqual(['body_already_parsed']);
    expect(handled).toHaveLength(1);
  });
});
