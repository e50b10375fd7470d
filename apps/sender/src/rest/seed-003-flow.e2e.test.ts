import { createHmac, timingSafeEqual } from 'node:crypto';
import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type ApiHarness, startApiHarness, waitFor } from '../api/testing/api-harness.js';
import { type ErrorBody, restCall } from './testing/rest-call.js';

const completedExample = eventMetadata(getEventSchema('task_events_v1', 'task.completed'))
  .examples[0] as Record<string, unknown>;

/** Seed 003's own verification snippet, verbatim in behaviour. */
function verifySignature(body: string, signature: string, secret: string): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return (
    signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  );
}

interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  enabled: boolean;
  model: string;
  scheme: { scheme: string; signatureHeader?: string; eventHeader?: string };
  retryPolicy: { preset?: string; maxAttempts: number; delaysMs: number[] };
  timeoutMs: number;
  secret?: string | null;
}

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** An operator sets up a tenant and hands its backend a tenant key: the seed's `$TOKEN`. */
async function tenantToken(harness: ApiHarness, tenantId: string): Promise<string> {
  const tenant = await restCall(harness.url, 'POST', '/api/tenants', {
    key: ADMIN_KEY,
    body: { id: tenantId, name: 'Household' },
  });
  expect(tenant.status).toBe(201);
  const created = await restCall<{ key: string }>(harness.url, 'POST', '/api/api-keys', {
    key: ADMIN_KEY,
    body: { tenantId, name: 'task app' },
  });
  expect(created.status).toBe(201);
  return created.json.key;
}

describe('seed 003 webhooks over REST, exactly as its curl examples', () => {
  it('create (secret once) → list → publish → signed delivery → deliveries → disable → delete', async () => {
    h = await startApiHarness('sqlite');
    const TOKEN = await tenantToken(h, 'household-1');
    const url = h.receiver.url('/webhook');

    const created = await restCall<Webhook>(h.url, 'POST', '/api/webhooks', {
      key: TOKEN,
      rawBody: JSON.stringify({ url, events: ['task.created', 'task.completed'] }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(created.status).toBe(201);
    const secret = created.json.secret!;
    expect(typeof secret).toBe('string');
    expect(created.json).toMatchObject({
      url,
      events: ['task.created', 'task.completed'],
      active: true,
      model: 'task_events_v1',
      scheme: {
        scheme: 'hmac-sha256-hex',
        signatureHeader: 'X-Taskhooks-Signature',
        eventHeader: 'X-Taskhooks-Event',
      },
      retryPolicy: { preset: 'seed-003', maxAttempts: 3, delaysMs: [1000, 5000] },
      timeoutMs: 10_000,
    });
    const id = created.json.id;

    const listed = await restCall<{ items: Webhook[] }>(h.url, 'GET', '/api/webhooks', { key: TOKEN });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((w) => w.id)).toEqual([id]);
    expect(JSON.stringify(listed.json)).not.toContain(secret);
    expect(listed.json.items[0]).not.toHaveProperty('secret');

    const published = await restCall<{ messageId: string; deliveriesCreated: number }>(
      h.url,
      'POST',
      '/api/events',
      {
        key: TOKEN,
        body: { model: 'task_events_v1', event: 'task.completed', payload: completedExample },
      },
    );
    expect(published.status).toBe(200);
    expect(published.json.deliveriesCreated).toBe(1);

    const request = await waitFor(() => h!.receiver.requests[0], 'the webhook delivery');
    expect(request.path).toBe('/webhook');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-taskhooks-event']).toBe('task.completed');
    expect(JSON.parse(request.body)).toEqual(completedExample);
    expect(verifySignature(request.body, request.headers['x-taskhooks-signature']!, secret)).toBe(true);
    expect(verifySignature(request.body, request.headers['x-taskhooks-signature']!, `${secret}x`)).toBe(
      false,
    );

    const deliveries = await waitFor(async () => {
      const page = await restCall<{ items: { status: string; messageId: string; attemptCount: number }[] }>(
        h!.url,
        'GET',
        `/api/webhooks/${id}/deliveries`,
        { key: TOKEN },
      );
      return page.json.items[0]?.status === 'succeeded' ? page : undefined;
    }, 'a succeeded delivery');
    expect(deliveries.json.items).toHaveLength(1);
    expect(deliveries.json.items[0]).toMatchObject({ messageId: published.json.messageId, attemptCount: 1 });

    const disabled = await restCall<Webhook>(h.url, 'PATCH', `/api/webhooks/${id}`, {
      key: TOKEN,
      body: { active: false },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.json).toMatchObject({ id, active: false, enabled: false });
    const whileDisabled = await restCall<{ deliveriesCreated: number }>(h.url, 'POST', '/api/events', {
      key: TOKEN,
      body: { model: 'task_events_v1', event: 'task.completed', payload: completedExample },
    });
    expect(whileDisabled.json.deliveriesCreated).toBe(0);

    const deleted = await restCall(h.url, 'DELETE', `/api/webhooks/${id}`, { key: TOKEN });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ deleted: true });
    const gone = await restCall<ErrorBody>(h.url, 'GET', `/api/webhooks/${id}`, { key: TOKEN });
    expect(gone.status).toBe(404);
    expect(gone.json.error).toMatchObject({ code: 'not_found', issues: [{ path: 'endpointId' }] });
  });

  it('defaults are only defaults: model, scheme, retry and enabled can be given', async () => {
    h = await startApiHarness('sqlite', {
      env: { TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER: 'X-OpenTask-Signature' },
    });
    const TOKEN = await tenantToken(h, 'household-2');
    const seedHeaders = await restCall<Webhook>(h.url, 'POST', '/api/webhooks', {
      key: TOKEN,
      body: { url: h.receiver.url('/a'), events: ['task.deleted'] },
    });
    expect(seedHeaders.json.scheme.signatureHeader).toBe('X-OpenTask-Signature');
    // Naming the scheme without its headers keeps the deployment's header names.
    const namedScheme = await restCall<Webhook>(h.url, 'POST', '/api/webhooks', {
      key: TOKEN,
      body: { url: h.receiver.url('/a'), events: ['task.deleted'], scheme: { scheme: 'hmac-sha256-hex' } },
    });
    expect(namedScheme.json.scheme).toEqual({
      scheme: 'hmac-sha256-hex',
      signatureHeader: 'X-OpenTask-Signature',
      eventHeader: 'X-Taskhooks-Event',
    });
    const custom = await restCall<Webhook>(h.url, 'POST', '/api/webhooks', {
      key: TOKEN,
      body: {
        url: h.receiver.url('/b'),
        model: 'plan_bound_v2',
        events: ['plan.*'],
        scheme: { scheme: 'standard-webhooks' },
        retry: { preset: 'default' },
        active: false,
      },
    });
    expect(custom.status).toBe(201);
    expect(custom.json).toMatchObject({
      model: 'plan_bound_v2',
      scheme: { scheme: 'standard-webhooks' },
      retryPolicy: { preset: 'default' },
      active: false,
    });
    expect(custom.json.secret).toMatch(/^whsec_/);
  });
});
