import { eventMetadata, getEventSchema, validateOutgoing } from '@taskhooks/contracts';
import { createReceiver } from '@taskhooks/receiver-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { getPreset } from '../delivery/presets.js';
import { createDeliveryWorker } from '../delivery/worker.js';
import { uuidv7 } from '../ids/uuidv7.js';
import { createPublisher } from '../ingest/publisher.js';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';

const V2_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const V3_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const v3Example = eventMetadata(getEventSchema('plan_bound_v3', 'plan.failed')).examples[0] as Record<
  string,
  unknown
>;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.reverse()) await close();
  cleanup = [];
});

describe.each(['sqlite', 'postgres'] as const)('model pinning on %s', (backend) => {
  it('publishes one plan_bound_v3 event and delivers it as v2 to an endpoint pinned to v2, verified by the receiver SDK', async () => {
    const temp: TempStore = await openTempStore(backend);
    cleanup.push(() => temp.close());
    const v2Receiver = createReceiver({ model: 'plan_bound_v2', secret: V2_SECRET });
    const v3Receiver = createReceiver({ model: 'plan_bound_v3', secret: V3_SECRET });
    const handled: Record<string, unknown[]> = { v2: [], v3: [] };
    v2Receiver.on('plan.failed', ({ payload }) => void handled.v2!.push(payload));
    v3Receiver.on('plan.failed', ({ payload }) => void handled.v3!.push(payload));

    const answer =
      (receiver: typeof v2Receiver | typeof v3Receiver) =>
      async (
        _req: unknown,
        res: import('node:http').ServerResponse,
        received: { body: string; headers: Record<string, string> },
      ) => {
        const result = await receiver.receive({
          method: 'POST',
          body: received.body,
          headers: received.headers,
        });
        res.writeHead(result.status).end();
      };
    const pinnedV2: TestReceiver = await startTestReceiver(
      (req, res, received) => void answer(v2Receiver)(req, res, received),
    );
    const pinnedV3: TestReceiver = await startTestReceiver(
      (req, res, received) => void answer(v3Receiver)(req, res, received),
    );
    cleanup.push(
      () => pinnedV2.close(),
      () => pinnedV3.close(),
    );

    const { policy, timeoutMs } = getPreset('default');
    for (const [model, receiver, secret] of [
      ['plan_bound_v2', pinnedV2, V2_SECRET],
      ['plan_bound_v3', pinnedV3, V3_SECRET],
    ] as const) {
      await temp.store.createEndpoint(
        {
          id: uuidv7(),
          tenantId: temp.tenantId,
          url: receiver.url('/hook'),
          method: 'POST',
          description: model,
          model,
          eventFilter: [],
          scheme: { scheme: 'standard-webhooks' },
          secretsSealed: JSON.stringify({ secrets: [secret], headers: {} }),
          retryPolicy: policy,
          timeoutMs,
          enabled: true,
        },
        Date.now(),
      );
    }

    const publisher = createPublisher({ store: temp.store });
    // tenant_id left out: the sender names the publishing tenant.
    const { tenant_id: _exampleTenant, ...withoutTenant } = v3Example;
    const [published] = await publisher.publish(temp.tenantId, [
      { model: 'plan_bound_v3', event: 'plan.failed', payload: withoutTenant },
    ]);
    expect(published).toMatchObject({ deliveriesCreated: 2 });

    const worker = createDeliveryWorker({ store: temp.store, workerId: 'pinning-test', pollIntervalMs: 20 });
    while ((await worker.runOnce()) > 0) {}

    // The v2-pinned endpoint got a v2 payload its SDK verified and validated, plus deprecation headers.
    expect(pinnedV2.requests).toHaveLength(1);
    const v2Request = pinnedV2.requests[0]!;
    const v2Body = JSON.parse(v2Request.body) as Record<string, unknown>;
    expect(v2Body.model).toBe('plan_bound_v2');
    expect(v2Body).not.toHaveProperty('id');
    expect(validateOutgoing('plan_bound_v2', v2Body).success).toBe(true);
    expect(v2Request.headers.deprecation).toMatch(/^@\d+$/);
    expect(v2Request.headers.sunset).toBe('Tue, 23 Nov 2027 00:00:00 GMT');
    expect(handled.v2).toHaveLength(1);

    // The v3-pinned endpoint got the published bytes unchanged, with no deprecation notice.
    expect(pinnedV3.requests).toHaveLength(1);
    expect(JSON.parse(pinnedV3.requests[0]!.body)).toEqual({ ...v3Example, tenant_id: temp.tenantId });
    expect(pinnedV3.requests[0]!.headers.deprecation).toBeUndefined();
    expect(handled.v3).toHaveLength(1);

    const counts = await temp.store.countDeliveries({ tenantId: temp.tenantId });
    expect(counts.succeeded).toBe(2);
  });

  it('refuses a plan_bound_v3 event naming another tenant, by path, and stores nothing of the batch', async () => {
    const temp: TempStore = await openTempStore(backend);
    cleanup.push(() => temp.close());
    const publisher = createPublisher({ store: temp.store });
    const own = { ...v3Example, id: crypto.randomUUID(), tenant_id: temp.tenantId };
    const other = { ...v3Example, id: crypto.randomUUID(), tenant_id: 'someone-else' };

    const refused = await publisher
      .publish(temp.tenantId, [
        { model: 'plan_bound_v3', event: 'plan.failed', payload: own },
        { model: 'plan_bound_v3', event: 'plan.failed', payload: other },
      ])
      .then(
        () => null,
        (error: unknown) => error as { code: string; message: string; issues: unknown[] },
      );
    expect(refused?.code).toBe('invalid_payload');
    expect(refused?.message).toBe(
      `payload.tenant_id "someone-else" is not the publishing tenant "${temp.tenantId}": leave it out and the sender fills it in`,
    );
    expect(refused?.issues).toEqual([
      { path: '1.payload.tenant_id', code: 'invalid_value', message: `expected "${temp.tenantId}"` },
    ]);
    expect((await temp.store.listMessages({ tenantId: temp.tenantId, limit: 10 })).items).toEqual([]);

    // Its own tenant is accepted as sent; undefined is left out, as JSON would drop it.
    const [filled] = await publisher.publish(temp.tenantId, [
      {
        model: 'plan_bound_v3',
        event: 'plan.failed',
        payload: { ...own, id: crypto.randomUUID(), tenant_id: undefined },
      },
    ]);
    const filledPayload = JSON.parse((await temp.store.getMessage(filled!.messageId))?.payloadJson ?? 'null');
    expect(filledPayload.tenant_id).toBe(temp.tenantId);
    const [accepted] = await publisher.publish(temp.tenantId, [
      { model: 'plan_bound_v3', event: 'plan.failed', payload: own },
    ]);
    const stored = await temp.store.getMessage(accepted!.messageId);
    expect(JSON.parse(stored?.payloadJson ?? 'null').tenant_id).toBe(temp.tenantId);
  });
});
