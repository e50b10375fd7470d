import { randomBytes } from 'node:crypto';
import { parseEvent } from '@taskhooks/contracts';
import { verifyRequest } from '@taskhooks/signatures';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, type Backend, startApiHarness, waitFor } from '../api/testing/api-harness.js';
import { getPreset } from '../delivery/presets.js';
import { createPublisher } from '../ingest/publisher.js';
import { loadEncryptionKeys } from '../security/encryption-keys.js';
import { SecretBox } from '../security/secret-box.js';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { OPERATOR_ENDPOINT_ID, OPERATOR_MODEL, OPERATOR_TENANT_ID } from './operator-config.js';
import { applyOperatorEndpoint } from './operator-endpoint.js';
import { createOperatorNotifier, forwardRecentOperationalEvents } from './operator-notifier.js';

const OPERATOR_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const HOUR = 3_600_000;

let h: ApiHarness | null = null;
let temp: TempStore | null = null;
afterEach(async () => {
  await h?.close();
  await temp?.close();
  h = null;
  temp = null;
});

describe.each<Backend>(['sqlite', 'postgres'])('operator webhooks on %s', (backend) => {
  it('an endpoint switched off after failing too long is reported to the operator endpoint, signed and in the contract', async () => {
    let offset = 0;
    const clock = () => Date.now() + offset;
    h = await startApiHarness(backend, {
      now: clock,
      env: {
        TASKHOOKS_DISABLE_FAILING_AFTER_HOURS: '1',
        TASKHOOKS_OPERATOR_WEBHOOK_URL: 'http://127.0.0.1:8080/placeholder',
        TASKHOOKS_OPERATOR_WEBHOOK_SECRET: OPERATOR_SECRET,
      },
      receiver: (req, res) => res.writeHead(req.url === '/dead' ? 503 : 204).end(),
    });
    // The harness's receiver port is known only now: point the operator endpoint at it, as a
    // restart with the right URL would.
    await h.store.updateEndpoint(OPERATOR_ENDPOINT_ID, { url: h.receiver.url('/ops') }, clock());

    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const created = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/dead'),
      model: 'task_events_v1',
      retry: { custom: { maxAttempts: 1, delaysMs: [1_000], jitter: 0 } },
    });
    const endpointId = created.data.endpoint.id;
    const publish = () =>
      h!.call('events.publish', {
        tenantId: 'fam',
        model: 'task_events_v1',
        event: 'task.deleted',
        payload: {
          event: 'task.deleted',
          timestamp: '2026-02-27T15:00:00Z',
          data: { task_id: 42, title: 'x' },
        },
      });
    await publish();
    await waitFor(
      async () => (await h!.store.getEndpoint(endpointId))?.failingSince ?? undefined,
      'the first failure recorded',
    );
    offset = 2 * HOUR; // failing for longer than TASKHOOKS_DISABLE_FAILING_AFTER_HOURS
    await publish();
    const report = await waitFor(
      () => h!.receiver.requests.find((r) => r.path === '/ops'),
      'the operator webhook',
    );

    await expect(
      verifyRequest({
        scheme: { scheme: 'standard-webhooks' },
        headers: report.headers,
        body: report.body,
        secrets: [OPERATOR_SECRET],
        now: clock,
      }),
    ).resolves.toBeDefined();
    const parsed = parseEvent('taskhooks_operational_v1', JSON.parse(report.body));
    expect(parsed.error).toBeUndefined();
    expect(parsed.success).toBe(true);
    expect(JSON.parse(report.body)).toMatchObject({
      event: 'endpoint.disabled',
      data: {
        tenantId: 'fam',
        endpointId,
        reason: expect.stringMatching(/^every attempt failed since .*HTTP 503/),
      },
    });
    expect((await h.call<{ enabled: boolean }>('endpoints.get', { endpointId })).data.enabled).toBe(false);
    // Stored and logged like any delivery, under the operator tenant.
    const messages = await h.store.listMessages({ tenantId: OPERATOR_TENANT_ID });
    expect(messages.items.map((m) => [m.model, m.event])).toEqual([
      ['taskhooks_operational_v1', 'endpoint.disabled'],
    ]);
    expect(report.body).not.toContain('/dead'); // the customer's URL (tokens live in URLs) is left out
  });
});

describe('the operator endpoint at start', () => {
  it.each<Backend>(['sqlite', 'postgres'])(
    'two processes starting at once both start (%s); one deleted through the API comes back at the next start',
    async (backend) => {
      temp = await openTempStore(backend);
      const config = {
        TASKHOOKS_OPERATOR_WEBHOOK_URL: 'https://ops.example.com/hooks',
        TASKHOOKS_OPERATOR_WEBHOOK_SECRET: OPERATOR_SECRET,
        WEBHOOK_TENANT: 'default',
      };
      const box = new SecretBox(
        loadEncryptionKeys({
          env: { TASKHOOKS_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
          mode: 'development',
          dataDir: '/nonexistent',
          warn: () => {},
        }),
      );
      const starts = await Promise.all(
        [1, 2, 3].map(() => applyOperatorEndpoint(temp!.store, config, Date.now(), box)),
      );
      expect(starts).toEqual([true, true, true]);
      expect(await temp.store.listEndpoints(OPERATOR_TENANT_ID)).toHaveLength(1);
      await temp.store.deleteEndpoint(OPERATOR_ENDPOINT_ID);
      expect(await applyOperatorEndpoint(temp.store, config, Date.now(), box)).toBe(true);
      expect(await temp.store.getEndpoint(OPERATOR_ENDPOINT_ID)).toMatchObject({
        url: 'https://ops.example.com/hooks',
        enabled: true,
      });
    },
  );
});

describe('forwarding recent operational events at start', () => {
  it('sends one recorded just before a crash once, however many times a start forwards it again', async () => {
    temp = await openTempStore('sqlite');
    const store = temp.store;
    await store.createTenant({ id: OPERATOR_TENANT_ID, name: 'operator', entitlement: 'active' }, Date.now());
    const now = Date.now();
    await store.createEndpoint(
      {
        id: OPERATOR_ENDPOINT_ID,
        tenantId: OPERATOR_TENANT_ID,
        url: 'http://127.0.0.1:9/ops',
        method: 'POST',
        description: 'operator',
        model: OPERATOR_MODEL,
        eventFilter: [],
        scheme: { scheme: 'standard-webhooks' },
        secretsSealed: JSON.stringify({ secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], headers: {} }),
        retryPolicy: getPreset('default').policy,
        timeoutMs: 10_000,
        enabled: true,
      },
      now,
    );
    const event = (id: string, createdAt: number) => ({
      id,
      tenantId: temp!.tenantId,
      kind: 'endpoint.disabled',
      detailJson: JSON.stringify({
        endpointId: 'ep-1',
        failingSince: createdAt - HOUR,
        disabledAt: createdAt,
        reason: 'r',
      }),
      createdAt,
    });
    await store.recordOperationalEvent(event('01000000-0000-7000-8000-000000000001', now - 30 * HOUR)); // too old
    await store.recordOperationalEvent(event('01000000-0000-7000-8000-000000000002', now - HOUR));
    // The operator endpoint's own switch-off is not reported to itself.
    await store.recordOperationalEvent({
      ...event('01000000-0000-7000-8000-000000000003', now - 1_000),
      detailJson: JSON.stringify({
        endpointId: OPERATOR_ENDPOINT_ID,
        failingSince: 0,
        disabledAt: now,
        reason: 'r',
      }),
    });
    const warnings: string[] = [];
    const notify = createOperatorNotifier({
      publisher: createPublisher({ store }),
      store,
      logger: { warn: (_details, message) => warnings.push(message) },
    });
    // A malformed event (no failingSince) is skipped and reported; the ones after it still go.
    await store.recordOperationalEvent({
      ...event('01000000-0000-7000-8000-000000000000', now - 2 * HOUR),
      detailJson: JSON.stringify({ endpointId: 'ep-0', reason: 'r' }),
    });
    const skipped: string[] = [];
    const onError = (_error: unknown, e: { id: string }) => skipped.push(e.id);
    // A mass outage: more events in the window than any fixed page of the newest ones.
    for (let i = 0; i < 150; i++) {
      const id = `01000000-0000-7000-8000-${String(100 + i).padStart(12, '0')}`;
      await store.recordOperationalEvent(event(id, now - 3 * HOUR + i));
    }
    expect(await forwardRecentOperationalEvents(store, notify, now, onError)).toBe(152);
    expect(await forwardRecentOperationalEvents(store, notify, now, onError)).toBe(152);
    expect(skipped).toEqual(['01000000-0000-7000-8000-000000000000', '01000000-0000-7000-8000-000000000000']);
    // One message per event, the second sweep answered by idempotency keys.
    const messages = await store.listMessages({ tenantId: OPERATOR_TENANT_ID, limit: 200 });
    expect(messages.items).toHaveLength(151);
    expect(messages.items.map((m) => m.idempotencyKey)).toContain(
      'operational:01000000-0000-7000-8000-000000000002',
    );
    expect(messages.items.map((m) => m.idempotencyKey)).toContain(
      'operational:01000000-0000-7000-8000-000000000100',
    );
    expect(warnings).toEqual([
      'the operator webhook endpoint itself was switched off',
      'the operator webhook endpoint itself was switched off',
    ]);

    // While the operator endpoint is off (another process started without the setting), an event
    // is not published: its key stays unspent, and the first sweep with the endpoint on sends it.
    const operatorMessages = async () =>
      (await store.listMessages({ tenantId: OPERATOR_TENANT_ID, limit: 200 })).items.length;
    await store.updateEndpoint(
      OPERATOR_ENDPOINT_ID,
      { enabled: false, disabledReason: 'TASKHOOKS_OPERATOR_WEBHOOK_URL is not set' },
      now,
    );
    await store.recordOperationalEvent(event('01000000-0000-7000-8000-000000000004', now - 500));
    await forwardRecentOperationalEvents(store, notify, now, onError);
    expect(await operatorMessages()).toBe(151);
    await store.updateEndpoint(OPERATOR_ENDPOINT_ID, { enabled: true, disabledReason: null }, now);
    await forwardRecentOperationalEvents(store, notify, now, onError);
    expect(await operatorMessages()).toBe(152);
    const [newest] = (await store.listMessages({ tenantId: OPERATOR_TENANT_ID, limit: 1 })).items;
    expect(newest?.idempotencyKey).toBe('operational:01000000-0000-7000-8000-000000000004');
  });
});
