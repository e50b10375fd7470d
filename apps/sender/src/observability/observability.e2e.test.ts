import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type ApiHarness, startApiHarness, waitFor } from '../api/testing/api-harness.js';
import { restCall } from '../rest/testing/rest-call.js';
import { sample } from './testing/prometheus-text.js';

const example = eventMetadata(getEventSchema('task_events_v1', 'task.completed')).examples[0];

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function scrape(harness: ApiHarness, token?: string) {
  const response = await fetch(`${harness.url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('observability of a running sender', () => {
  it('a full publish + delivery never logs the signing secret, the custom auth header or API keys', async () => {
    const headerToken = `Bearer custom-${'z'.repeat(32)}`;
    h = await startApiHarness('sqlite');
    await restCall(h.url, 'POST', '/api/tenants', { key: ADMIN_KEY, body: { id: 'fam', name: 'Fam' } });
    const tenantKey = (
      await restCall<{ key: string }>(h.url, 'POST', '/api/api-keys', {
        key: ADMIN_KEY,
        body: { tenantId: 'fam', name: 'app' },
      })
    ).json.key;
    const webhook = await restCall<{ id: string; secret: string }>(h.url, 'POST', '/api/webhooks', {
      key: tenantKey,
      body: { url: h.receiver.url('/hook'), events: [], headers: { Authorization: headerToken } },
    });
    expect(webhook.status).toBe(201);
    await restCall(h.url, 'POST', '/api/events', {
      key: tenantKey,
      body: { model: 'task_events_v1', event: 'task.completed', payload: example },
    });
    const delivered = await waitFor(() => h!.receiver.requests[0], 'the delivery');
    expect(delivered.headers.authorization).toBe(headerToken);
    const rotated = await restCall<{ secret: string }>(
      h.url,
      'POST',
      `/api/endpoints/${webhook.json.id}/rotate-secret`,
      {
        key: tenantKey,
        body: {},
      },
    );
    expect(rotated.status).toBe(200);
    await restCall(h.url, 'GET', `/api/webhooks/${webhook.json.id}/deliveries`, { key: tenantKey });
    await waitFor(() => h!.logs().includes('"msg":"delivery attempt"'), 'the attempt log line');

    const logs = h.logs();
    // The logs did record the work (so the absence checks below are meaningful) …
    expect(logs).toContain('"msg":"http request"');
    expect(logs).toContain(`"endpointId":"${webhook.json.id}"`);
    expect(logs).toContain('"outcome":"succeeded"');
    // … but none of the secrets that passed through.
    for (const secret of [
      webhook.json.secret,
      rotated.json.secret,
      headerToken,
      'custom-zzzz',
      tenantKey,
      ADMIN_KEY,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('a delivery that fails for good is logged at warn with its ids and the error; earlier attempts only at debug', async () => {
    h = await startApiHarness('sqlite', { receiver: (_req, res) => res.writeHead(410).end('gone') });
    await restCall(h.url, 'POST', '/api/tenants', { key: ADMIN_KEY, body: { id: 'fam', name: 'Fam' } });
    const created = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/gone'),
      model: 'task_events_v1',
      retry: { custom: { maxAttempts: 1, delaysMs: [] } },
    });
    await h.call('events.publish', {
      tenantId: 'fam',
      model: 'task_events_v1',
      event: 'task.completed',
      payload: example,
    });
    await waitFor(() => h!.logs().includes('delivery failed for good'), 'the failure line');
    const line = JSON.parse(
      h
        .logs()
        .split('\n')
        .find((l) => l.includes('delivery failed for good'))!,
    ) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 40,
      endpointId: created.data.endpoint.id,
      event: 'task.completed',
      status: 410,
      outcome: 'failed',
      error: expect.stringMatching(/^http_status: /),
    });
    expect(typeof line.deliveryId).toBe('string');
  });

  it('/metrics counts the pipeline; /readyz and /livez answer; a metrics token is enforced when set', async () => {
    const token = 'metrics-token-0123456789';
    // The first attempt fails, the retry succeeds: decided by count, not by when the test gets to it.
    let requests = 0;
    h = await startApiHarness('sqlite', {
      env: { TASKHOOKS_METRICS_TOKEN: token },
      receiver: (_req, res) => res.writeHead(++requests === 1 ? 500 : 204).end(),
    });
    expect((await scrape(h)).status).toBe(401);
    await restCall(h.url, 'POST', '/api/tenants', { key: ADMIN_KEY, body: { id: 'fam', name: 'Fam' } });
    await restCall(h.url, 'POST', '/api/webhooks', {
      key: ADMIN_KEY,
      body: { tenantId: 'fam', url: h.receiver.url('/hook'), events: [] },
    });
    const publish = () =>
      restCall(h!.url, 'POST', '/api/events', {
        key: ADMIN_KEY,
        body: { tenantId: 'fam', model: 'task_events_v1', event: 'task.completed', payload: example },
      });
    await publish();
    // seed-003 preset: the failed first attempt schedules a retry 1 s later, which then succeeds.
    await waitFor(
      async () => sample((await scrape(h!, token)).text, 'taskhooks_delivery_retries_total') === 1,
      'a retry',
    );
    const waiting = await scrape(h, token);
    expect(waiting.type).toContain('text/plain');
    // Between the attempts the delivery waits as pending (unless a slow scrape saw the retry done).
    if ((sample(waiting.text, 'taskhooks_deliveries_delivered_total') ?? 0) === 0)
      expect(sample(waiting.text, 'taskhooks_deliveries_queued{state="pending"}')).toBe(1);
    await waitFor(
      async () => sample((await scrape(h!, token)).text, 'taskhooks_deliveries_delivered_total') === 1,
      'the retried delivery',
    );
    const done = (await scrape(h, token)).text;
    expect(sample(done, 'taskhooks_events_published_total')).toBe(1);
    expect(sample(done, 'taskhooks_deliveries_failed_total')).toBe(0);
    expect(sample(done, 'taskhooks_deliveries_queued{state="pending"}')).toBe(0);
    expect(sample(done, 'taskhooks_delivery_attempt_duration_seconds_count{outcome="retry_scheduled"}')).toBe(
      1,
    );
    expect(sample(done, 'taskhooks_delivery_attempt_duration_seconds_count{outcome="succeeded"}')).toBe(1);
    expect(done).toContain('process_cpu_seconds_total');

    expect(await (await fetch(`${h.url}/livez`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { shutdown: 'ok', store: 'ok' } });
  });

  it("/metrics reports PostgreSQL's clock against this process's; SQLite, sharing the clock, has no such series", async () => {
    h = await startApiHarness('postgres', { now: () => Date.now() - 30_000 });
    const lagging = sample((await scrape(h)).text, 'taskhooks_database_clock_offset_seconds');
    // This process's clock runs 30 s behind, so the database is 30 s ahead: positive, in seconds.
    expect(lagging).toBeGreaterThan(29);
    expect(lagging).toBeLessThan(31);
    await h.close();
    h = await startApiHarness('sqlite');
    const text = (await scrape(h)).text;
    expect(text).toContain('taskhooks_deliveries_queued');
    expect(sample(text, 'taskhooks_database_clock_offset_seconds')).toBeUndefined();
  });
});
