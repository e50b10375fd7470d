import { verifyRequest } from '@taskhooks/signatures';
import { afterEach, describe, expect, it } from 'vitest';
import { ENV_ENDPOINT_ID } from '../src/config/env-endpoint.js';
import { callApi, waitFor } from '../src/testing/api-client.js';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { loadSeedExample, TEST_ADMIN_KEY } from '../src/testing/seed-data.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';
import { startTestReceiver, type TestReceiver } from '../src/testing/test-receiver.js';

const SECRET = 'whsec_ZW52LW9ubHktbW9kZS1zZWNyZXQtdmFsdWU=';
const payload = loadSeedExample();

let receiver: TestReceiver | null = null;
let backend: ProcessBackend | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await receiver?.close();
  await backend?.dispose();
  receiver = null;
  backend = null;
});

function envOnly(url: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...backend!.env,
    PORT: '0',
    TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
    WEBHOOK_URL: url,
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_METHOD: 'PUT',
    WEBHOOK_HEADERS: JSON.stringify({ 'X-Family': 'misi-household' }),
    WEBHOOK_MODEL: 'plan_bound_v2',
    ...overrides,
  };
}

const publish = (url: string) =>
  callApi<{ deliveriesCreated: number; messageId: string }>(url, TEST_ADMIN_KEY, 'events.publish', {
    tenantId: 'default',
    model: 'plan_bound_v2',
    event: 'plan.failed',
    payload,
  });

describe('env-only mode (WEBHOOK_* variables, real process)', () => {
  it('one default endpoint from the environment: signed PUT with the custom header, no setup calls', async () => {
    receiver = await startTestReceiver((_req, res) => res.writeHead(204).end());
    backend = await prepareProcessBackend('sqlite');
    const sender = await startSenderProcess('serve', envOnly(receiver.url('/family-hook')));

    // The only API call: the publish itself. Tenant and endpoint came from the environment.
    const published = await publish(sender.url!);
    expect(published.status).toBe(200);
    expect(published.data?.deliveriesCreated).toBe(1);

    const request = await waitFor(() => receiver!.requests[0], 'the delivery');
    expect(request.method).toBe('PUT');
    expect(request.path).toBe('/family-hook');
    expect(request.headers['x-family']).toBe('misi-household');
    expect(JSON.parse(request.body)).toEqual(payload);
    const verified = await verifyRequest({
      scheme: { scheme: 'standard-webhooks' },
      headers: request.headers,
      body: request.body,
      secrets: [SECRET],
    });
    expect(verified.id).toBe(published.data?.messageId);
    // The secret never shows up in what the process prints.
    expect(JSON.stringify(sender.logs) + sender.output()).not.toContain(SECRET);
  });

  it('seed 001: a sha256=<hex> signature and the event name under the header names the app documents', async () => {
    receiver = await startTestReceiver((_req, res) => res.writeHead(204).end());
    backend = await prepareProcessBackend('sqlite');
    const sender = await startSenderProcess(
      'serve',
      envOnly(receiver.url('/audit'), {
        WEBHOOK_METHOD: 'POST',
        WEBHOOK_SCHEME: 'hmac-sha256-hex',
        WEBHOOK_SIGNATURE_HEADER: 'X-Choreblimey-Signature',
        WEBHOOK_EVENT_HEADER: 'X-Choreblimey-Event',
      }),
    );
    expect((await publish(sender.url!)).status).toBe(200);
    const request = await waitFor(() => receiver!.requests[0], 'the delivery');
    expect(request.headers['x-choreblimey-event']).toBe('plan.failed');
    expect(request.headers['x-choreblimey-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(request.headers['x-taskhooks-event']).toBeUndefined();
    await verifyRequest({
      scheme: {
        scheme: 'hmac-sha256-hex',
        signatureHeader: 'X-Choreblimey-Signature',
        eventHeader: 'X-Choreblimey-Event',
      },
      headers: request.headers,
      body: request.body,
      secrets: [SECRET],
    });
  });

  it('WEBHOOK_ENABLED=false on restart: events are accepted and stored, nothing is sent', async () => {
    receiver = await startTestReceiver((_req, res) => res.writeHead(204).end());
    backend = await prepareProcessBackend('sqlite');
    const enabled = await startSenderProcess('serve', envOnly(receiver.url()));
    expect((await publish(enabled.url!)).data?.deliveriesCreated).toBe(1);
    await waitFor(() => receiver!.requests.length === 1, 'the first delivery');
    expect((await enabled.stop('SIGTERM')).code).toBe(0);

    const disabled = await startSenderProcess('serve', envOnly(receiver.url(), { WEBHOOK_ENABLED: 'false' }));
    await disabled.waitForLog((line) => /WEBHOOK_ENABLED=false/.test(line.msg), 'the sending-off warning');
    const accepted = await publish(disabled.url!);
    expect(accepted.status).toBe(200);
    expect(accepted.data?.deliveriesCreated).toBe(0);
    expect((await disabled.stop('SIGTERM')).code).toBe(0);

    const store = await backend.openStore();
    try {
      const stored = await store.getMessage(accepted.data!.messageId);
      expect(JSON.parse(stored!.payloadJson!)).toEqual(payload);
      const counts = await store.countDeliveries({ tenantId: 'default' });
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
      expect(await store.getEndpoint(ENV_ENDPOINT_ID)).toMatchObject({
        enabled: false,
        disabledReason: 'WEBHOOK_ENABLED=false',
      });
    } finally {
      await store.close();
    }
    expect(receiver.requests).toHaveLength(1);
  });

  it('WEBHOOK_ENABLED=false sends nothing at all: no retry of an earlier delivery, test sends and redeliveries refused', async () => {
    receiver = await startTestReceiver((_req, res) => res.writeHead(500).end('down'));
    backend = await prepareProcessBackend('sqlite');
    const enabled = await startSenderProcess('serve', envOnly(receiver.url('/env')));
    // An endpoint made through the API stays enabled whatever WEBHOOK_ENABLED says.
    const created = await callApi<{ endpoint: { id: string } }>(
      enabled.url!,
      TEST_ADMIN_KEY,
      'endpoints.create',
      {
        tenantId: 'default',
        url: receiver.url('/api-made'),
        model: 'plan_bound_v2',
        retry: { preset: 'seed-003' },
      },
    );
    expect(created.status).toBe(200);
    const published = await publish(enabled.url!);
    expect(published.data?.deliveriesCreated).toBe(2);
    await waitFor(() => receiver!.requests.length === 2, 'the first attempts');
    expect((await enabled.stop('SIGTERM')).code).toBe(0);
    // On a slow machine the enabled process may already have sent the 1 s retry (seed 003).
    const sentWhileEnabled = receiver.requests.length;
    const check = await backend.openStore();
    const waiting = await check
      .listDeliveries({ endpointId: created.data!.endpoint.id, state: 'pending' })
      .finally(() => check.close());
    const retryDueAt = waiting.items[0]?.nextAttemptAt;
    expect(retryDueAt).toEqual(expect.any(Number));

    const disabled = await startSenderProcess(
      'serve',
      envOnly(receiver.url('/env'), { WEBHOOK_ENABLED: 'false' }),
    );
    // Well past the moment the API-made endpoint's retry was due: nothing went out.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, retryDueAt! - Date.now()) + 1_500));
    expect(receiver.requests).toHaveLength(sentWhileEnabled);

    const endpointId = created.data!.endpoint.id;
    const test = await callApi(disabled.url!, TEST_ADMIN_KEY, 'endpoints.sendTest', { endpointId });
    expect(test.status).toBe(409);
    expect(test.error?.message).toBe(
      'WEBHOOK_ENABLED=false: this sender sends no webhooks, so it cannot send a test event; unset WEBHOOK_ENABLED or set it to true',
    );
    const listed = await fetch(
      `${disabled.url}/trpc/deliveries.list?input=${encodeURIComponent(JSON.stringify({ endpointId }))}`,
      { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } },
    );
    const deliveries = ((await listed.json()) as { result: { data: { items: { id: string }[] } } }).result
      .data;
    const again = await callApi(disabled.url!, TEST_ADMIN_KEY, 'deliveries.redeliver', {
      deliveryId: deliveries.items[0]!.id,
    });
    expect(again.status).toBe(409);
    expect(receiver.requests).toHaveLength(sentWhileEnabled);
    expect((await disabled.stop('SIGTERM')).code).toBe(0);
  });

  it('refuses to start with WEBHOOK_ENABLED=true but no WEBHOOK_URL, naming the variable', async () => {
    backend = await prepareProcessBackend('sqlite');
    const started = startSenderProcess('serve', {
      ...backend.env,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      WEBHOOK_ENABLED: 'true',
    });
    await expect(started).rejects.toThrow(
      /exited \(2\)[\s\S]*WEBHOOK_URL: required when WEBHOOK_ENABLED=true/,
    );
  });

  it('refuses to start in production mode with a WEBHOOK_URL every delivery would refuse, naming the variable', async () => {
    backend = await prepareProcessBackend('sqlite');
    const started = startSenderProcess(
      'serve',
      envOnly('https://10.20.30.40/audit', {
        TASKHOOKS_MODE: 'production',
        TASKHOOKS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      }),
    );
    await expect(started).rejects.toThrow(
      /exited \(2\)[\s\S]*WEBHOOK_URL: .*private.*TASKHOOKS_DESTINATION_ALLOWLIST.*every delivery to it would be refused/,
    );
  });
});
