import { afterEach, describe, expect, it } from 'vitest';
import { createSenderClient, publishEvent, SenderApiError, type SenderClient } from '../index.js';
import { apiFailure } from '../testing/failure.js';
import { planCompletedPayload, taskCompletedPayload } from '../testing/payloads.js';
import { ADMIN_KEY, type RealSender, startRealSender, waitFor } from '../testing/real-sender.js';

let sender: RealSender | null = null;
afterEach(async () => {
  await sender?.close();
  sender = null;
});

/** A tenant with one plan_bound_v2 endpoint at the receiver, and a client holding its tenant key. */
async function setUp(): Promise<{
  admin: SenderClient;
  client: SenderClient;
  endpointId: string;
  secret: string;
}> {
  sender = await startRealSender();
  const admin = createSenderClient({ url: sender.url, apiKey: ADMIN_KEY });
  await admin.tenants.create({ id: 'family-1', name: 'Kovács family' });
  const { key } = await admin.apiKeys.create({ tenantId: 'family-1', name: 'family app' });
  const client = createSenderClient({ url: sender.url, apiKey: key });
  const { endpoint, secret } = await client.endpoints.create({
    url: sender.receiver.url('/plans'),
    model: 'plan_bound_v2',
    events: ['plan.*'],
  });
  return { admin, client, endpointId: endpoint.id, secret: secret! };
}

describe('@taskhooks/sender-client against a real sender', () => {
  it('publishes a typed event: stored under a generated idempotency key, delivered as sent', async () => {
    const { client } = await setUp();
    const payload = planCompletedPayload();
    const result = await client.publish('plan_bound_v2', 'plan.completed', payload);
    expect(result).toMatchObject({ duplicate: false, deliveriesCreated: 1, deliveriesSkipped: 0 });

    const request = await waitFor(() => sender!.receiver.requests[0], 'the delivery');
    expect(JSON.parse(request.body)).toEqual(payload);
    expect(request.headers['webhook-id']).toBe(result.messageId);
    const message = await client.messages.get({ messageId: result.messageId });
    expect(message).toMatchObject({ model: 'plan_bound_v2', event: 'plan.completed', payload });
    expect(message.idempotencyKey).toMatch(/^thc_[0-9a-f-]{36}$/);
  });

  it('publishes a batch atomically, each entry typed by its own model and event', async () => {
    const { client } = await setUp();
    const batch = await client.publishBatch([
      { model: 'plan_bound_v2', event: 'plan.completed', payload: planCompletedPayload('plan-a') },
      publishEvent('task_events_v1', 'task.completed', taskCompletedPayload, 'task-42-done'),
    ]);
    expect(batch.results).toHaveLength(2);
    expect(batch.results.map((r) => r.deliveriesCreated)).toEqual([1, 0]);
    const listed = await client.messages.list();
    expect(listed.items.map((m) => m.event).sort()).toEqual(['plan.completed', 'task.completed']);
    expect(listed.items.find((m) => m.event === 'task.completed')?.idempotencyKey).toBe('task-42-done');

    // One invalid entry: nothing is stored, and the error points at the entry and field.
    const failed = await apiFailure(
      client.call('events.publishBatch', {
        events: [
          { model: 'plan_bound_v2', event: 'plan.completed', payload: planCompletedPayload('plan-b') },
          { model: 'task_events_v1', event: 'task.completed', payload: { event: 'task.completed' } },
        ],
      }),
    );
    expect(failed.issues.map((i) => i.path)).toContain('1.payload.timestamp');
    expect((await client.messages.list()).items).toHaveLength(2);
  });

  it('an explicit idempotency key makes a repeated publish a no-op answering the first message', async () => {
    const { client } = await setUp();
    const first = await client.publish('plan_bound_v2', 'plan.completed', planCompletedPayload(), {
      idempotencyKey: 'plan-1-completed',
    });
    const again = await client.publish('plan_bound_v2', 'plan.completed', planCompletedPayload(), {
      idempotencyKey: 'plan-1-completed',
    });
    expect(again).toEqual({ ...first, duplicate: true, deliveriesCreated: 0 });
    expect((await client.messages.list()).items).toHaveLength(1);
    await waitFor(() => sender!.receiver.requests.length === 1, 'the one delivery');
  });

  it('manages tenants, keys, endpoints, messages and deliveries with typed calls', async () => {
    const { admin, client, endpointId } = await setUp();
    expect((await client.tenants.get()).id).toBe('family-1');
    expect((await admin.tenants.list()).items.map((t) => t.id)).toEqual(['family-1']);
    expect(
      (await admin.tenants.setEntitlement({ tenantId: 'family-1', entitlement: 'active' })).entitlement,
    ).toBe('active');

    const listed = await client.endpoints.list();
    expect(listed.items.map((e) => e.id)).toEqual([endpointId]);
    // The generic call takes no input either where every field is optional.
    expect((await client.call('endpoints.list')).items.map((e) => e.id)).toEqual([endpointId]);
    const updated = await client.endpoints.update({ endpointId, description: 'plans to the family hub' });
    expect(updated.description).toBe('plans to the family hub');
    const rotated = await client.endpoints.rotateSecret({ endpointId, overlapSeconds: 60 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.endpoint.previousSecrets).toHaveLength(1);

    const test = await client.endpoints.sendTest({ endpointId, event: 'plan.failed' });
    expect(test).toMatchObject({ event: 'plan.failed', deliveriesCreated: 1 });
    const delivered = await waitFor(async () => {
      const page = await client.deliveries.list({ endpointId, status: 'succeeded' });
      return page.items.length === 1 ? page.items[0] : undefined;
    }, 'the test delivery');
    const detail = await client.deliveries.get({ deliveryId: delivered!.id });
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]?.responseStatus).toBe(204);
    expect((await client.deliveries.redeliver({ deliveryId: delivered!.id })).status).toBe('pending');
    expect(await client.deliveries.recover({ endpointId, since: '2026-01-01T00:00:00Z' })).toEqual({
      requeued: 0,
    });
    expect((await client.messages.get({ messageId: test.messageId })).deliveries).toHaveLength(1);

    const second = await client.apiKeys.create({ name: 'second app' });
    expect(second.apiKey).toMatchObject({ kind: 'tenant', tenantId: 'family-1', revokedAt: null });
    expect((await client.apiKeys.list()).items.map((k) => k.name)).toEqual(['family app', 'second app']);
    await client.apiKeys.revoke({ keyId: second.apiKey.id });
    const revoked = createSenderClient({ url: sender!.url, apiKey: second.key });
    await expect(revoked.endpoints.list()).rejects.toMatchObject({ status: 401, reason: 'unauthorized' });

    const link = await client.portal.createLink({ ttlSeconds: 60 });
    expect(link.url).toMatch(new RegExp(`^${sender!.url}/portal/open\\?token=`));
    expect(link.expiresAt).toBeGreaterThan(Date.now());

    expect(await client.endpoints.delete({ endpointId })).toEqual({ deleted: true });
    expect((await client.endpoints.list()).items).toEqual([]);
  });

  it('throws SenderApiError with status, reason and field issues', async () => {
    const { admin, client } = await setUp();
    const invalid = await apiFailure(
      client.call('events.publish', {
        model: 'plan_bound_v2',
        event: 'plan.completed',
        payload: { event: 'plan.completed' },
      }),
    );
    expect(invalid).toBeInstanceOf(SenderApiError);
    expect(invalid).toMatchObject({
      status: 400,
      reason: 'invalid_payload',
      procedure: 'events.publish',
      attempts: 1,
    });
    expect(invalid.issues.length).toBeGreaterThan(0);
    expect(invalid.issues.every((i) => i.path.startsWith('payload'))).toBe(true);

    await expect(client.endpoints.get({ endpointId: 'missing' })).rejects.toMatchObject({
      status: 404,
      reason: 'not_found',
      issues: [{ path: 'endpointId', message: 'no such endpoint', code: 'not_found' }],
    });
    await expect(client.tenants.list()).rejects.toMatchObject({ status: 403, reason: 'forbidden' });
    await expect(admin.tenants.create({ id: 'family-1', name: 'again' })).rejects.toMatchObject({
      status: 409,
      reason: 'conflict',
    });
    const bad = createSenderClient({ url: sender!.url, apiKey: 'th_not_a_real_key' });
    await expect(bad.messages.list()).rejects.toMatchObject({ status: 401, reason: 'unauthorized' });
    const badInput = await apiFailure(
      client.endpoints.create({ url: 'ftp://x', model: 'plan_bound_v2', events: ['plan.exploded'] }),
    );
    expect(badInput.status).toBe(400);
    expect(badInput.issues.map((i) => i.path)).toContain('events.0');
  });
});
