import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, type Backend, startApiHarness, waitFor } from './testing/api-harness.js';
import { worldReceiver } from './testing/tenancy-world.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

type Page<T> = { items: T[]; nextCursor: string | null };
type DeliveryItem = { id: string; status: string; event: string; messageId: string; attemptCount: number };

describe.each<Backend>(['sqlite', 'postgres'])('messages and deliveries API on %s', (backend) => {
  it('lists with filters and cursors, shows attempts and payloads, redelivers and recovers', async () => {
    h = await startApiHarness(backend, { receiver: worldReceiver });
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const failing = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/fail'),
      model: 'plan_bound_v2',
      retry: { preset: 'seed-000' },
    });
    const endpointId = failing.data.endpoint.id;
    const events = ['plan.failed', 'plan.completed', 'plan.failed'];
    const messageIds: string[] = [];
    for (const event of events) {
      const sent = await h.call<{ messageId: string }>('endpoints.sendTest', { endpointId, event });
      expect(sent.status, JSON.stringify(sent.error)).toBe(200);
      messageIds.push(sent.data.messageId);
    }
    await waitFor(
      async () => (await h!.store.countDeliveries({ endpointId })).failed === 3,
      'three failures',
    );

    // Messages: newest first, two per page, then the rest; event filter.
    const first = await h.call<Page<{ id: string }>>('messages.list', { tenantId: 'fam', limit: 2 });
    expect(first.data.items.map((m) => m.id)).toEqual([messageIds[2], messageIds[1]]);
    const second = await h.call<Page<{ id: string }>>('messages.list', {
      tenantId: 'fam',
      limit: 2,
      cursor: first.data.nextCursor,
    });
    expect(second.data).toEqual({
      items: [expect.objectContaining({ id: messageIds[0] })],
      nextCursor: null,
    });
    const completed = await h.call<Page<{ id: string }>>('messages.list', {
      tenantId: 'fam',
      event: 'plan.completed',
    });
    expect(completed.data.items.map((m) => m.id)).toEqual([messageIds[1]]);
    const future = await h.call<Page<unknown>>('messages.list', {
      tenantId: 'fam',
      since: '2999-01-01T00:00:00Z',
    });
    expect(future.data.items).toEqual([]);
    const badCursor = await h.call('messages.list', { tenantId: 'fam', cursor: 'not-a-cursor' });
    expect(badCursor.status).toBe(400);
    expect(badCursor.error?.data.issues[0]?.path).toBe('cursor');

    const message = await h.call<{ payload: { event: string }; deliveries: DeliveryItem[] }>('messages.get', {
      messageId: messageIds[1],
    });
    expect(message.data.payload.event).toBe('plan.completed');
    expect(message.data.deliveries).toEqual([expect.objectContaining({ endpointId, status: 'failed' })]);

    // Deliveries of the endpoint: filter by status and event, page through.
    const failed = await h.call<Page<DeliveryItem>>('deliveries.list', {
      endpointId,
      status: 'failed',
      event: 'plan.failed',
    });
    expect(failed.data.items.map((d) => d.messageId)).toEqual([messageIds[2], messageIds[0]]);
    const onePage = await h.call<Page<DeliveryItem>>('deliveries.list', { endpointId, limit: 1 });
    expect(onePage.data.items).toHaveLength(1);
    expect(onePage.data.nextCursor).not.toBeNull();
    expect(
      (await h.call<Page<DeliveryItem>>('deliveries.list', { endpointId, status: 'succeeded' })).data.items,
    ).toEqual([]);

    const detail = await h.call<{
      payload: { event: string };
      attempts: {
        responseStatus: number;
        outcome: string;
        durationMs: number;
        requestHeaders: Record<string, string>;
      }[];
    }>('deliveries.get', { deliveryId: failed.data.items[0]!.id });
    expect(detail.data.payload.event).toBe('plan.failed');
    expect(detail.data.attempts).toEqual([
      expect.objectContaining({ responseStatus: 500, outcome: 'failed', durationMs: expect.any(Number) }),
    ]);

    // Redeliver one: a second attempt is made (still failing: the receiver answers 500).
    const redelivered = await h.call<DeliveryItem>('deliveries.redeliver', {
      deliveryId: failed.data.items[0]!.id,
    });
    expect(redelivered.data.status).toBe('pending');
    await waitFor(async () => {
      const d = await h!.store.getDelivery(failed.data.items[0]!.id);
      return d?.state === 'failed' && d.attempts.length === 2;
    }, 'the redelivery attempt');

    // Recover since a time after everything: nothing; since 0: all three again.
    const none = await h.call<{ requeued: number }>('deliveries.recover', {
      endpointId,
      since: Date.now() + 60_000,
    });
    expect(none.data.requeued).toBe(0);
    const all = await h.call<{ requeued: number }>('deliveries.recover', { endpointId, since: 0 });
    expect(all.data.requeued).toBe(3);
    await waitFor(async () => {
      const page = await h!.store.listDeliveries({ endpointId });
      const attempts = await Promise.all(
        page.items.map(async (d) => (await h!.store.getDelivery(d.id))!.attempts.length),
      );
      return page.items.every((d) => d.state === 'failed') && attempts.sort().join() === '2,2,3';
    }, 'the recovered attempts');
    expect(h.receiver.requests.filter((r) => r.path === '/fail')).toHaveLength(7);
  });

  it('shows a delivery payload as it was sent: rendered as the endpoint pinned version', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const pinned = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/v2'),
      model: 'plan_bound_v2',
    });
    const example = eventMetadata(getEventSchema('plan_bound_v3', 'plan.failed')).examples[0] as object;
    const published = await h.call<{ messageId: string }>('events.publish', {
      tenantId: 'fam',
      model: 'plan_bound_v3',
      event: 'plan.failed',
      payload: { ...example, tenant_id: 'fam' },
    });
    expect(published.status, JSON.stringify(published.error)).toBe(200);
    const sent = await waitFor(() => h!.receiver.requests[0], 'the v2 delivery');
    const deliveries = await h.call<Page<DeliveryItem>>('deliveries.list', {
      endpointId: pinned.data.endpoint.id,
    });
    const logged = await h.call<{ payload: { model: string } }>('deliveries.get', {
      deliveryId: deliveries.data.items[0]!.id,
    });
    expect(logged.data.payload.model).toBe('plan_bound_v2');
    expect(logged.data.payload).toEqual(JSON.parse(sent.body));
    // The message itself is what was published.
    const message = await h.call<{ payload: { model: string } }>('messages.get', {
      messageId: published.data.messageId,
    });
    expect(message.data.payload.model).toBe('plan_bound_v3');
  });
});
