import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver, type EventDelivery } from '../src/index.js';
import { createExpressMiddleware } from '../src/node.js';
import { listen, post, type RunningServer } from './support/http.js';
import { planFailedExample } from './support/payloads.js';
import { secret, signDelivery } from './support/sign.js';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

function planReceiver() {
  const handled: EventDelivery<'plan_bound_v2', 'plan.failed'>[] = [];
  let throwOnce = false;
  const receiver = createReceiver({ secret, model: 'plan_bound_v2' }).on('plan.failed', (delivery) => {
    if (throwOnce) {
      throwOnce = false;
      throw new Error('queue unavailable');
    }
    handled.push(delivery);
  });
  return { receiver, handled, failNextDelivery: () => (throwOnce = true) };
}

async function start(app: express.Express): Promise<string> {
  const server = await listen(app as unknown as Parameters<typeof listen>[0]);
  running.push(server);
  return `${server.url}/webhooks`;
}

describe('Express middleware', () => {
  it('handles a signed delivery when mounted before express.json()', async () => {
    const { receiver, handled } = planReceiver();
    const app = express();
    app.post('/webhooks', createExpressMiddleware(receiver));
    app.use(express.json());
    app.post('/other', (req, res) => {
      res.json({ echoed: req.body });
    });
    const url = await start(app);

    const answer = await post(url, await signDelivery(planFailedExample(), { id: 'msg_express' }));
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe('handled');
    expect(handled[0]?.payload.plan.title).toBe('Misi plan 2026-04-30');
    // The JSON parser still serves the rest of the app.
    const other = await fetch(url.replace('/webhooks', '/other'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await other.json()).toEqual({ echoed: { a: 1 } });
  });

  it('fails with body_already_parsed when express.json() ran first, and says how to fix it', async () => {
    const { receiver, handled } = planReceiver();
    const app = express();
    app.use(express.json());
    app.post('/webhooks', createExpressMiddleware(receiver));
    const url = await start(app);

    const answer = await post(url, await signDelivery(planFailedExample()));
    // 5xx on purpose: the sender keeps retrying until the route is fixed, so nothing is lost.
    expect(answer.status).toBe(500);
    expect(answer.json.error?.code).toBe('body_already_parsed');
    expect(answer.json.error?.message).toMatch(/parsed before verification: pass the raw body/);
    expect(answer.json.error?.message).toMatch(/before express\.json\(\).*express\.raw/);
    expect(handled).toHaveLength(0);
  });

  it('uses the Buffer left by express.raw()', async () => {
    const { receiver, handled } = planReceiver();
    const app = express();
    app.post('/webhooks', express.raw({ type: 'application/json' }), createExpressMiddleware(receiver));
    const url = await start(app);
    const answer = await post(url, await signDelivery(planFailedExample()));
    expect(answer.status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('answers 500 when a handler throws and processes the retry', async () => {
    const { receiver, handled, failNextDelivery } = planReceiver();
    const app = express();
    app.post('/webhooks', createExpressMiddleware(receiver));
    const url = await start(app);
    failNextDelivery();
    const signed = await signDelivery(planFailedExample(), { id: 'msg_express_retry' });
    expect((await post(url, signed)).status).toBe(500);
    expect((await post(url, signed)).status).toBe(200);
    expect((await post(url, signed)).json.outcome).toBe('duplicate');
    expect(handled).toHaveLength(1);
  });

  it('refuses a tampered body with 401', async () => {
    const { receiver } = planReceiver();
    const app = express();
    app.post('/webhooks', createExpressMiddleware(receiver));
    const url = await start(app);
    const signed = await signDelivery(planFailedExample());
    const answer = await post(url, { ...signed, body: signed.body.replace('Misi', 'Mike') });
    expect(answer.status).toBe(401);
  });

  it('refuses an oversized chunked upload with 413 while streaming', async () => {
    const receiver = createReceiver({ secret, model: 'plan_bound_v2', maxBodyBytes: 1024 });
    const app = express();
    app.post('/webhooks', createExpressMiddleware(receiver));
    const url = await start(app);
    const chunk = new TextEncoder().encode('x'.repeat(512));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      signal: AbortSignal.timeout(10_000),
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });
});

describe('Node handler body sources', () => {
  it('reads the stream when a parser left a placeholder `{}` without consuming it (Express 4 style)', async () => {
    const { receiver, handled } = planReceiver();
    const handler = createExpressMiddleware(receiver);
    const server = await listen((req, res) => {
      (req as { body?: unknown }).body = {};
      void handler(req, res);
    });
    running.push(server);
    const answer = await post(server.url, await signDelivery(planFailedExample()));
    expect(answer.status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('explains a stream consumed by earlier middleware that left no body', async () => {
    const { receiver } = planReceiver();
    const handler = createExpressMiddleware(receiver);
    const server = await listen((req, res) => {
      req.resume();
      req.on('end', () => void handler(req, res));
    });
    running.push(server);
    const answer = await post(server.url, await signDelivery(planFailedExample()));
    expect(answer.status).toBe(500);
    expect(answer.json.error?.code).toBe('body_already_parsed');
    expect(answer.json.error?.message).toMatch(/already read by earlier middleware/);
  });
});
