import { expect, it } from 'vitest';
import {
  type ContractContext,
  claimAll,
  completion,
  newEndpoint,
  newMessage,
  seedTenant,
  T0,
} from './fixtures.js';

const LEASE_MS = 30_000;

export function publishLeaseContract(ctx: ContractContext): void {
  it('leases up to `limit` new deliveries in the publish, exactly as a claim would return them', async () => {
    const { store } = ctx;
    const { tenantId, endpointIds } = await seedTenant(store, { endpoints: 2 });
    const messages = [newMessage(tenantId), newMessage(tenantId)];
    const { results, leased } = await store.publishAndLease(messages, {
      workerId: 'w-local',
      now: T0,
      leaseMs: LEASE_MS,
      limit: 3,
    });
    expect(results.map((r) => r.deliveriesCreated)).toEqual([2, 2]);
    expect(leased).toHaveLength(3);
    // What a claim returns for the same rows: same delivery, message and endpoint.
    for (const claim of leased) {
      const stored = await store.getDelivery(claim.delivery.id);
      const { attempts, ...delivery } = stored!;
      expect(attempts).toEqual([]);
      expect(claim.delivery).toEqual(delivery);
      expect(delivery).toMatchObject({
        state: 'in_flight',
        leaseOwner: 'w-local',
        leaseExpiresAt: T0 + LEASE_MS,
      });
      expect(claim.message).toEqual(await store.getMessage(claim.message.id));
      expect(claim.endpoint).toEqual(await store.getEndpoint(claim.delivery.endpointId));
    }
    expect(new Set(leased.map((c) => c.endpoint.id))).toEqual(new Set(endpointIds));
    // The fourth stays pending: the claim loop gets it, never the leased ones.
    const claimed = await claimAll(store, 'w-other', T0 + 1);
    expect(claimed.map((c) => c.delivery.id)).toHaveLength(1);
    expect(leased.map((c) => c.delivery.id)).not.toContain(claimed[0]!.delivery.id);
    // The lease holder completes a leased delivery like a claimed one.
    expect(await store.completeDelivery(completion(leased[0]!, 'w-local', 'succeeded', T0 + 5))).toBe(true);
    expect(await store.completeDelivery(completion(leased[1]!, 'w-other', 'succeeded', T0 + 5))).toBe(false);
  });

  it('fans out to endpoints in creation order: a short lease takes the oldest endpoint on every store', async () => {
    const { store } = ctx;
    const { tenantId } = await seedTenant(store, { endpoints: 0 });
    // Ids in the opposite order of creation times: ordering by id would lease the newer one.
    const newer = await store.createEndpoint(newEndpoint(tenantId, { id: `ep-a-${tenantId}` }), T0 + 1_000);
    const older = await store.createEndpoint(newEndpoint(tenantId, { id: `ep-b-${tenantId}` }), T0);
    const { leased } = await store.publishAndLease([newMessage(tenantId)], {
      workerId: 'w-local',
      now: T0 + 2_000,
      leaseMs: LEASE_MS,
      limit: 1,
    });
    expect(leased.map((c) => c.endpoint.id)).toEqual([older.id]);
    expect(newer.id < older.id).toBe(true);
  });

  it('a worker that dies holding publish leases loses nothing: they are claimable once the leases expire', async () => {
    const { store } = ctx;
    const { tenantId } = await seedTenant(store, { endpoints: 1 });
    const { leased } = await store.publishAndLease([newMessage(tenantId)], {
      workerId: 'w-crashed',
      now: T0,
      leaseMs: LEASE_MS,
      limit: 10,
    });
    expect(leased).toHaveLength(1);
    expect(await claimAll(store, 'w-survivor', T0 + LEASE_MS - 1)).toEqual([]);
    const reclaimed = await claimAll(store, 'w-survivor', T0 + LEASE_MS);
    expect(reclaimed.map((c) => c.delivery.id)).toEqual([leased[0]!.delivery.id]);
    expect(reclaimed[0]!.delivery.leaseOwner).toBe('w-survivor');
    // The stale holder can no longer complete it.
    expect(
      await store.completeDelivery(completion(leased[0]!, 'w-crashed', 'succeeded', T0 + LEASE_MS)),
    ).toBe(false);
  });

  it('never leases skipped, excluded, duplicate or not-yet-due deliveries', async () => {
    const { store } = ctx;
    const active = await seedTenant(store, { endpoints: 2 });
    const expired = await seedTenant(store, { endpoints: 1, entitlement: 'expired' });
    await store.publishMessages([newMessage(active.tenantId, { idempotencyKey: 'k' })]);
    const { results, leased } = await store.publishAndLease(
      [
        newMessage(active.tenantId, { idempotencyKey: 'k' }), // duplicate: nothing new
        newMessage(expired.tenantId), // skipped
        newMessage(active.tenantId), // one endpoint excluded
      ],
      { workerId: 'w', now: T0, leaseMs: LEASE_MS, limit: 100, excludeEndpointIds: [active.endpointIds[0]!] },
    );
    expect(results.map((r) => [r.duplicate, r.deliveriesCreated, r.deliveriesSkipped])).toEqual([
      [true, 0, 0],
      [false, 0, 1],
      [false, 2, 0],
    ]);
    expect(leased.map((c) => c.endpoint.id)).toEqual([active.endpointIds[1]]);
    await expect(
      store.publishAndLease([newMessage(active.tenantId)], {
        workerId: '',
        now: T0,
        leaseMs: LEASE_MS,
        limit: 1,
      }),
    ).rejects.toThrow(/workerId/);
  });
}
