import { generateSecret } from '@taskhooks/signatures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReceiver, type EventDelivery, type UnknownDelivery, type WebhookError } from '../src/index.js';
import { createNodeHandler } from '../src/node.js';
import { listen, post, type RunningServer } from './support/http.js';
import { planFailedExample } from './support/payloads.js';
import { otherSecret, secret, signDelivery } from './support/sign.js';

const now = () => Math.floor(Date.now() / 1000);

describe('Node http server receiving signed plan_bound_v2 deliveries', () => {
  const handled: EventDelivery<'plan_bound_v2'>[] = [];
  const unknown: UnknownDelivery<'plan_bound_v2'>[] = [];
  const errors: WebhookError[] = [];
  let failNext = false;
  let server: RunningServer;

  beforeAll(async () => {
    const receiver = createReceiver({ secret, model: 'plan_bound_v2', maxBodyBytes: 8 * 1024 })
      .on('plan.failed', (delivery) => {
        if (failNext) {
          failNext = false;
          throw new Error('downstream unavailable');
        }
        handled.push(delivery);
      })
      .onUnknown((delivery) => {
        unknown.push(delivery);
      })
      .onError((error) => {
        errors.push(error);
      });
    server = await listen(createNodeHandler(receiver));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    handled.length = 0;
    unknown.length = 0;
    errors.length = 0;
  });

  it('handles a correctly signed delivery with a typed payload', async () => {
    const answer = await post(server.url, await signDelivery(planFailedExample(), { id: 'msg_ok' }));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, outcome: 'handled', id: 'msg_ok' });
    expect(handled).toHaveLength(1);
    expect(handled[0]?.payload.child_name).toBe('Misi');
    expect(handled[0]?.payload.summary.failed_required_count).toBe(1);
  });

  it('refuses a tampered body with 401', async () => {
    const signed = await signDelivery(planFailedExample());
    const answer = await post(server.url, {
      ...signed,
      body: signed.body.replace('"score":37.5', '"score":100'),
    });
    expect(answer.status).toBe(401);
    expect(answer.json.error?.code).toBe('bad_signature');
    expect(handled).toHaveLength(0);
  });

  it('refuses a delivery signed with another secret with 401, without echoing any secret', async () => {
    const answer = await post(
      server.url,
      await signDelivery(planFailedExample(), { secrets: [otherSecret] }),
    );
    expect(answer.status).toBe(401);
    expect(answer.json.error?.code).toBe('bad_signature');
    const everything = JSON.stringify(answer.json) + errors.map((e) => e.message).join();
    for (const value of [secret, otherSecret]) expect(everything).not.toContain(value.slice(6));
  });

  it('refuses timestamps outside the tolerance in both directions', async () => {
    const old = await post(server.url, await signDelivery(planFailedExample(), { timestamp: now() - 600 }));
    expect(old.status).toBe(401);
    expect(old.json.error?.code).toBe('timestamp_too_old');
    expect(old.json.error?.message).toMatch(/raise `tolerance`/);
    const future = await post(
      server.url,
      await signDelivery(planFailedExample(), { timestamp: now() + 600 }),
    );
    expect(future.status).toBe(401);
    expect(future.json.error?.code).toBe('timestamp_too_new');
    expect(handled).toHaveLength(0);
  });

  it('refuses a request without signature headers with 401 naming them', async () => {
    const answer = await post(server.url, {
      body: JSON.stringify(planFailedExample()),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(401);
    expect(answer.json.error?.code).toBe('missing_headers');
    expect(answer.json.error?.message).toMatch(/webhook-id.*webhook-timestamp.*webhook-signature/);
  });

  it('acknowledges a duplicate delivery id without running the handler twice', async () => {
    const signed = await signDelivery(planFailedExample(), { id: 'msg_twice' });
    expect((await post(server.url, signed)).json.outcome).toBe('handled');
    const again = await post(server.url, signed);
    expect(again.status).toBe(200);
    expect(again.json.outcome).toBe('duplicate');
    expect(handled).toHaveLength(1);
  });

  it('answers 500 when the handler throws, then processes the retry', async () => {
    failNext = true;
    const signed = await signDelivery(planFailedExample(), { id: 'msg_flaky' });
    const first = await post(server.url, signed);
    expect(first.status).toBe(500);
    expect(first.json.error?.code).toBe('handler_failed');
    expect(errors.map((e) => e.code)).toEqual(['handler_failed']);
    const retry = await post(server.url, signed);
    expect(retry.status).toBe(200);
    expect(retry.json.outcome).toBe('handled');
    expect(handled.map((d) => d.id)).toEqual(['msg_flaky']);
  });

  it('passes an event outside the model to onUnknown and acknowledges it', async () => {
    const payload = { ...planFailedExample(), event: 'plan.paused' };
    const answer = await post(server.url, await signDelivery(payload));
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe('unknown');
    expect(unknown[0]).toMatchObject({ reason: 'unknown_event', event: 'plan.paused', payload });
  });

  it('passes a newer model version through as raw JSON instead of failing it', async () => {
    const payload = { event: 'plan.failed', model: 'plan_bound_v3', plan: { id: 'p1', stages: [] } };
    const answer = await post(server.url, await signDelivery(payload));
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe('unknown');
    expect(unknown[0]).toMatchObject({ reason: 'unknown_model', receivedModel: 'plan_bound_v3', payload });
    expect(handled).toHaveLength(0);
  });

  it('accepts extra fields and new enum values from a newer sender, keeping them', async () => {
    const payload = planFailedExample();
    payload.display_status = 'almost';
    payload.weather = 'sunny';
    (payload.tasks as Record<string, unknown>[])[0]!.type = 'drawing';
    const answer = await post(server.url, await signDelivery(payload));
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe('handled');
    expect(handled[0]?.payload).toMatchObject({ display_status: 'almost', weather: 'sunny' });
    expect(handled[0]?.payload.tasks[0]?.type).toBe('drawing');
  });

  it('still refuses a wrong type with 400 naming the field', async () => {
    const payload = planFailedExample();
    (payload.summary as Record<string, unknown>).stars_earned = 'three';
    const answer = await post(server.url, await signDelivery(payload));
    expect(answer.status).toBe(400);
    expect(answer.json.error?.code).toBe('invalid_payload');
    expect(answer.json.error?.message).toContain('summary.stars_earned');
  });

  it('refuses a signed body that is not JSON with 400', async () => {
    const answer = await post(server.url, await signDelivery(null, { body: 'event=plan.failed' }));
    expect(answer.status).toBe(400);
    expect(answer.json.error?.code).toBe('invalid_json');
    // Says what is wrong without repeating the body (payloads carry personal data; answers get logged).
    expect(answer.json.error?.message).toBe("The verified body is not valid JSON: Unexpected token 'e'");
    const cut = await post(server.url, await signDelivery(null, { body: '{"child_name":"Misi", "sco' }));
    expect(cut.json.error?.message).not.toContain('Misi');
  });

  it('refuses a body over maxBodyBytes with 413 before verifying it', async () => {
    const payload = { ...planFailedExample(), padding: 'x'.repeat(10_000) };
    const answer = await post(server.url, await signDelivery(payload));
    expect(answer.status).toBe(413);
    expect(answer.json.error?.code).toBe('payload_too_large');
    expect(answer.json.error?.message).toMatch(/maxBodyBytes \(8192 bytes\)/);
  });

  it('refuses GET with 405', async () => {
    const response = await fetch(server.url, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, PUT, PATCH');
  });
});

describe('secret rotation', () => {
  const oldSecret = generateSecret();
  const newSecret = generateSecret();

  it('accepts deliveries signed with any configured secret while rotating', async () => {
    const received: string[] = [];
    const receiver = createReceiver({ secrets: [newSecret, oldSecret], model: 'plan_bound_v2' }).on(
      'plan.failed',
      (d) => {
        received.push(d.id);
      },
    );
    const server = await listen(createNodeHandler(receiver));
    try {
      const byOld = await post(
        server.url,
        await signDelivery(planFailedExample(), { id: 'old', secrets: [oldSecret] }),
      );
      const byNew = await post(
        server.url,
        await signDelivery(planFailedExample(), { id: 'new', secrets: [newSecret] }),
      );
      // A sender mid-rotation signs with both; one match is enough.
      const byBoth = await post(
        server.url,
        await signDelivery(planFailedExample(), { id: 'both', secrets: [newSecret, oldSecret] }),
      );
      expect([byOld.status, byNew.status, byBoth.status]).toEqual([200, 200, 200]);
      expect(received).toEqual(['old', 'new', 'both']);
    } finally {
      await server.close();
    }
  });

  it('refuses the retired secret once rotation is over', async () => {
    const receiver = createReceiver({ secret: newSecret, model: 'plan_bound_v2' });
    const server = await listen(createNodeHandler(receiver));
    try {
      const answer = await post(
        server.url,
        await signDelivery(planFailedExample(), { secrets: [oldSecret] }),
      );
      expect(answer.status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('accepts an older timestamp when the tolerance is raised', async () => {
    const receiver = createReceiver({ secret, model: 'plan_bound_v2', tolerance: 900 });
    const server = await listen(createNodeHandler(receiver));
    try {
      const answer = await post(
        server.url,
        await signDelivery(planFailedExample(), { timestamp: now() - 600 }),
      );
      expect(answer.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('Node handler when the receiver itself fails unexpectedly', () => {
  it('answers 500 internal_error instead of rejecting (an unhandled rejection would end the process)', async () => {
    const receiver = createReceiver({ secret, model: 'plan_bound_v2' });
    const broken = {
      ...receiver,
      receive: async () => {
        throw Object.create(null);
      },
    } as typeof receiver;
    const handler = createNodeHandler(broken);
    const server = await listen(handler);
    try {
      const signed = await signDelivery(planFailedExample());
      const response = await post(server.url, signed);
      expect(response.status).toBe(500);
      expect(response.json).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    } finally {
      await server.close();
    }
  });
});
