import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, waitFor } from '../src/api/testing/api-harness.js';
import { loadSeedExample } from '../src/testing/seed-data.js';
import { unusedPort } from '../src/testing/test-receiver.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** A tenant with one endpoint on a port nobody listens on, retried every 200 ms. */
async function deadEndpoint(harness: ApiHarness): Promise<string> {
  expect((await harness.call('tenants.create', { id: 'family-dead', name: 'Dead' })).status).toBe(200);
  const created = await harness.call<{ endpoint: { id: string } }>('endpoints.create', {
    tenantId: 'family-dead',
    url: `http://127.0.0.1:${await unusedPort()}/hook`,
    model: 'plan_bound_v2',
    retry: { custom: { maxAttempts: 20, delaysMs: [200], jitter: 0 } },
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const published = await harness.call('events.publish', {
    tenantId: 'family-dead',
    model: 'plan_bound_v2',
    event: 'plan.failed',
    payload: loadSeedExample(),
  });
  expect(published.status).toBe(200);
  return created.data.endpoint.id;
}

describe('endpoint health settings from the environment', () => {
  it('TASKHOOKS_DISABLE_FAILING_AFTER_HOURS: disables an endpoint failing for that long', async () => {
    // 0.0001 h = 360 ms; the breaker is kept out of the way.
    h = await startApiHarness('sqlite', {
      env: { TASKHOOKS_DISABLE_FAILING_AFTER_HOURS: '0.0001', TASKHOOKS_CIRCUIT_FAILURES: '100' },
    });
    const endpointId = await deadEndpoint(h);
    const disabled = await waitFor(async () => {
      const endpoint = await h!.store.getEndpoint(endpointId);
      return endpoint?.enabled === false ? endpoint : undefined;
    }, 'the endpoint switched off');
    expect(disabled.disabledReason).toMatch(/failed/);
    expect((await h.store.listOperationalEvents(10)).map((e) => e.kind)).toContain('endpoint.disabled');
  });

  it('TASKHOOKS_CIRCUIT_FAILURES and _COOLDOWN_MS: the circuit opens after that many failures and holds', async () => {
    h = await startApiHarness('sqlite', {
      env: { TASKHOOKS_CIRCUIT_FAILURES: '2', TASKHOOKS_CIRCUIT_COOLDOWN_MS: '600000' },
    });
    const endpointId = await deadEndpoint(h);
    await waitFor(
      () => h!.app.worker!.stats().circuits.find((c) => c.endpointId === endpointId && c.state === 'open'),
      'the open circuit',
    );
    // Held open for 10 minutes: no third attempt although a retry is due every 200 ms.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const delivery = (await h.store.listDeliveries({ endpointId })).items[0]!;
    expect(delivery.attemptCount).toBe(2);
  });
});
