import { expect, it } from 'vitest';
import { type ContractContext, claimAll, completion, newMessage, seedTenant, T0 } from './fixtures.js';

const LEASE = 30_000;

export function lifecycleContract(ctx: ContractContext): void {
  it('claims due deliveries oldest first, up to the limit, joined with message and endpoint', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store);
    const messages = [3, 1, 4, 0, 2].map((i) => newMessage(tenantId, { createdAt: T0 + i * 10 }));
    await ctx.store.publishMessages(messages);
    await ctx.store.publishMessages([newMessage(tenantId, { createdAt: T0 + 1_000 })]); // not due yet

    const now = T0 + 100;
    const first = await ctx.store.claimDueDeliveries({ workerId: 'w1', now, limit: 2, leaseMs: LEASE });
    expect(first.map((c) => c.message.createdAt)).toEqual([T0, T0 + 10]);
    const [head] = first;
    expect(head?.delivery).toMatchObject({
      state: 'in_flight',
      leaseOwner: 'w1',
      leaseExpiresAt: now + LEASE,
    });
    expect(head?.endpoint).toMatchObject({
      id: endpointIds[0],
      tenantId,
      secretsSealed: '{"secret":"whsec_test"}',
    });
    expect(head?.message).toMatchObject({
      tenantId,
      event: 'plan.completed',
      payloadJson: messages[3]!.payloadJson,
    });
    expect((await ctx.store.getDelivery(head!.delivery.id))?.state).toBe('in_flight');

    // Leased rows are not handed to another worker; the rest are, still in order.
    const second = await ctx.store.claimDueDeliveries({ workerId: 'w2', now, limit: 10, leaseMs: LEASE });
    expect(second.map((c) => c.message.createdAt)).toEqual([T0 + 20, T0 + 30, T0 + 40]);
    expect(await claimAll(ctx.store, 'w3', now)).toEqual([]);
    expect(await ctx.store.countDeliveries({ tenantId })).toMatchObject({ in_flight: 5, pending: 1 });
  });

  it('skips excluded and disabled endpoints', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store, { endpoints: 3 });
    const [a, b, c] = endpointIds as [string, string, string];
    await ctx.store.publishMessages([newMessage(tenantId)]);
    await ctx.store.updateEndpoint(c, { enabled: false }, T0);
    const claimed = await ctx.store.claimDueDeliveries({
      workerId: 'w1',
      now: T0 + 1,
      limit: 10,
      leaseMs: LEASE,
      excludeEndpointIds: [a],
    });
    expect(claimed.map((x) => x.endpoint.id)).toEqual([b]);
    await ctx.store.updateEndpoint(c, { enabled: true }, T0 + 2);
    expect((await claimAll(ctx.store, 'w1', T0 + 3)).map((x) => x.endpoint.id).sort()).toEqual([a, c].sort());
  });

  it('reclaims an expired lease and rejects the stale worker without writing anything', async () => {
    const { tenantId } = await seedTenant(ctx.store);
    await ctx.store.publishMessages([newMessage(tenantId)]);
    const [byA] = await claimAll(ctx.store, 'worker-a', T0 + 1, LEASE);
    expect(await claimAll(ctx.store, 'worker-b', T0 + LEASE)).toEqual([]); // lease still valid
    const [byB] = await claimAll(ctx.store, 'worker-b', T0 + 1 + LEASE, LEASE); // worker-a presumed dead
    expect(byB?.delivery).toMatchObject({ id: byA!.delivery.id, leaseOwner: 'worker-b', attemptCount: 0 });

    expect(await ctx.store.completeDelivery(completion(byA!, 'worker-a', 'succeeded', T0 + 2 + LEASE))).toBe(
      false,
    );
    let stored = await ctx.store.getDelivery(byA!.delivery.id);
    expect(stored).toMatchObject({
      state: 'in_flight',
      leaseOwner: 'worker-b',
      attemptCount: 0,
      attempts: [],
    });

    expect(await ctx.store.completeDelivery(completion(byB!, 'worker-b', 'failed', T0 + 3 + LEASE))).toBe(
      true,
    );
    stored = await ctx.store.getDelivery(byA!.delivery.id);
    expect(stored).toMatchObject({ state: 'failed', leaseOwner: null, attemptCount: 1, lastStatus: 410 });
    expect(stored?.attempts.map((a) => a.outcome)).toEqual(['failed']);
    // Completing twice is refused: the delivery is no longer in flight.
    expect(await ctx.store.completeDelivery(completion(byB!, 'worker-b', 'succeeded', T0 + 4 + LEASE))).toBe(
      false,
    );
  });

  it("rejects the stale worker even when its completion is written together with the owner's", async () => {
    const { tenantId } = await seedTenant(ctx.store);
    await ctx.store.publishMessages([newMessage(tenantId)]);
    const [byA] = await claimAll(ctx.store, 'worker-a', T0 + 1, LEASE);
    const [byB] = await claimAll(ctx.store, 'worker-b', T0 + 1 + LEASE, LEASE); // worker-a presumed dead
    // Both at once: a store that batches completions may write them in one statement.
    const [stale, owner] = await Promise.all([
      ctx.store.completeDelivery(completion(byA!, 'worker-a', 'failed', T0 + 2 + LEASE)),
      ctx.store.completeDelivery(completion(byB!, 'worker-b', 'succeeded', T0 + 2 + LEASE)),
    ]);
    expect({ stale, owner }).toEqual({ stale: false, owner: true });
    const stored = await ctx.store.getDelivery(byB!.delivery.id);
    expect(stored).toMatchObject({ state: 'succeeded', attemptCount: 1, lastStatus: 200 });
    expect(stored?.attempts.map((a) => [a.outcome, a.responseStatus])).toEqual([['succeeded', 200]]);
  });

  it('records attempts and schedules retries', async () => {
    const { tenantId } = await seedTenant(ctx.store);
    await ctx.store.publishMessages([newMessage(tenantId)]);
    const [first] = await claimAll(ctx.store, 'w1', T0 + 1);
    const retry = completion(first!, 'w1', { retryAt: T0 + 15_001 }, T0 + 1);
    expect(await ctx.store.completeDelivery(retry)).toBe(true);
    expect(await ctx.store.getDelivery(first!.delivery.id)).toMatchObject({
      state: 'pending',
      attemptCount: 1,
      nextAttemptAt: T0 + 15_001,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastStatus: 503,
      lastError: 'http_status: 503',
      updatedAt: T0 + 1,
    });
    expect(await claimAll(ctx.store, 'w1', T0 + 15_000)).toEqual([]);
    const [second] = await claimAll(ctx.store, 'w1', T0 + 15_001);
    expect(second?.delivery.attemptCount).toBe(1);
    expect(await ctx.store.completeDelivery(completion(second!, 'w1', 'succeeded', T0 + 15_002))).toBe(true);

    const done = await ctx.store.getDelivery(first!.delivery.id);
    expect(done).toMatchObject({ state: 'succeeded', attemptCount: 2, nextAttemptAt: null, lastStatus: 200 });
    expect(done?.attempts).toEqual([
      retry.attempt,
      expect.objectContaining({ attemptNumber: 2, outcome: 'succeeded' }),
    ]);
    await expect(
      ctx.store.completeDelivery({ ...completion(second!, 'w1', { retryAt: 1 }, T0), nextAttemptAt: null }),
    ).rejects.toThrow(/nextAttemptAt/);
  });

  it('releases only the caller’s leases, back to pending without an attempt', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 3 });
    await ctx.store.publishMessages([newMessage(tenantId)]);
    const mine = await ctx.store.claimDueDeliveries({
      workerId: 'w1',
      now: T0 + 1,
      limit: 2,
      leaseMs: LEASE,
    });
    const theirs = await claimAll(ctx.store, 'w2', T0 + 1);
    const ids = [...mine, ...theirs].map((c) => c.delivery.id);
    expect(await ctx.store.releaseDeliveries('w1', ids, T0 + 2)).toBe(2);
    expect(await ctx.store.releaseDeliveries('w1', [], T0 + 2)).toBe(0);
    expect(await ctx.store.getDelivery(mine[0]!.delivery.id)).toMatchObject({
      state: 'pending',
      leaseOwner: null,
      attemptCount: 0,
      attempts: [],
    });
    expect((await ctx.store.getDelivery(theirs[0]!.delivery.id))?.leaseOwner).toBe('w2');
    expect((await claimAll(ctx.store, 'w3', T0 + 3)).map((c) => c.delivery.id).sort()).toEqual(
      mine.map((c) => c.delivery.id).sort(),
    );
  });

  it('releases a lease to a later time when asked: due again only then, still without an attempt', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 1 });
    await ctx.store.publishMessages([newMessage(tenantId)]);
    const [claimed] = await claimAll(ctx.store, 'w1', T0 + 1);
    expect(await ctx.store.releaseDeliveries('w1', [claimed!.delivery.id], T0 + 2, T0 + 60_000)).toBe(1);
    expect(await ctx.store.getDelivery(claimed!.delivery.id)).toMatchObject({
      state: 'pending',
      nextAttemptAt: T0 + 60_000,
      attemptCount: 0,
      attempts: [],
    });
    expect(await claimAll(ctx.store, 'w2', T0 + 59_999)).toEqual([]);
    expect((await claimAll(ctx.store, 'w2', T0 + 60_000)).map((c) => c.delivery.id)).toEqual([
      claimed!.delivery.id,
    ]);
  });

  it('redelivers a finished delivery now, within its tenant only', async () => {
    const { tenantId } = await seedTenant(ctx.store);
    const other = await seedTenant(ctx.store);
    await ctx.store.publishMessages([newMessage(tenantId)]);
    const [claimed] = await claimAll(ctx.store, 'w1', T0 + 1);
    await ctx.store.completeDelivery(completion(claimed!, 'w1', 'failed', T0 + 2));
    const id = claimed!.delivery.id;

    expect(await ctx.store.redeliver(id, T0 + 50, other.tenantId)).toBeNull();
    expect(await ctx.store.redeliver('missing', T0 + 50)).toBeNull();
    const again = await ctx.store.redeliver(id, T0 + 60, tenantId);
    expect(again).toMatchObject({
      id,
      state: 'pending',
      nextAttemptAt: T0 + 60,
      attemptCount: 1,
      updatedAt: T0 + 60,
    });
    const [reclaimed] = await claimAll(ctx.store, 'w1', T0 + 60);
    expect(reclaimed?.delivery.id).toBe(id);
    // In flight: left alone.
    expect((await ctx.store.redeliver(id, T0 + 70))?.state).toBe('in_flight');
  });

  it('recovers failed deliveries of one endpoint created since a time', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store, { endpoints: 2 });
    const [a, b] = endpointIds as [string, string];
    await ctx.store.publishMessages([0, 10, 20, 30].map((i) => newMessage(tenantId, { createdAt: T0 + i })));
    for (const claimed of await claimAll(ctx.store, 'w1', T0 + 100)) {
      const ok = claimed.message.createdAt === T0 + 30 && claimed.endpoint.id === a;
      await ctx.store.completeDelivery(completion(claimed, 'w1', ok ? 'succeeded' : 'failed', T0 + 200));
    }
    expect(await ctx.store.recoverFailed(a, T0 + 10, T0 + 300, 'other-tenant')).toBe(0);
    expect(await ctx.store.recoverFailed(a, T0 + 10, T0 + 300, tenantId)).toBe(2); // T0+10, T0+20
    expect(await ctx.store.countDeliveries({ endpointId: a })).toMatchObject({
      pending: 2,
      failed: 1,
      succeeded: 1,
    });
    expect(await ctx.store.countDeliveries({ endpointId: b })).toMatchObject({ failed: 4, pending: 0 });
    const due = await claimAll(ctx.store, 'w1', T0 + 300);
    expect(due.map((c) => c.message.createdAt)).toEqual([T0 + 10, T0 + 20]);
  });

  it('rejects bad claim options with the field name', async () => {
    await expect(
      ctx.store.claimDueDeliveries({ workerId: 'w1', now: T0, limit: 0, leaseMs: LEASE }),
    ).rejects.toThrow(/limit/);
    await expect(
      ctx.store.claimDueDeliveries({ workerId: '', now: T0, limit: 1, leaseMs: LEASE }),
    ).rejects.toThrow(/workerId/);
  });
}
