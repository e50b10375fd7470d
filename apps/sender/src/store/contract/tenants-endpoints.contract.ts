import { expect, it } from 'vitest';
import { uuidv7 } from '../../ids/uuidv7.js';
import { StoreError } from '../shared/errors.js';
import {
  type ContractContext,
  claimAll,
  completion,
  newEndpoint,
  newMessage,
  seedTenant,
  T0,
} from './fixtures.js';

export function tenantAndEndpointContract(ctx: ContractContext): void {
  it('creates, reads, lists tenants and changes entitlement', async () => {
    const { store } = ctx;
    const created = await store.createTenant({ id: 'fam-1', name: 'Kovács', entitlement: 'active' }, T0);
    expect(created).toEqual({
      id: 'fam-1',
      name: 'Kovács',
      entitlement: 'active',
      createdAt: T0,
      updatedAt: T0,
    });
    await store.createTenant({ id: 'fam-2', name: 'Smith', entitlement: 'expired' }, T0 + 1);
    expect(await store.getTenant('fam-1')).toEqual(created);
    expect((await store.listTenants()).map((t) => t.id)).toEqual(['fam-1', 'fam-2']);
    const expired = await store.setEntitlement('fam-1', 'expired', T0 + 5);
    expect(expired).toMatchObject({ entitlement: 'expired', createdAt: T0, updatedAt: T0 + 5 });
    expect(await store.getTenant('fam-1')).toEqual(expired);
    expect(await store.setEntitlement('nobody', 'active', T0)).toBeNull();
    expect(await store.getTenant('nobody')).toBeNull();
  });

  it('rejects a duplicate tenant id as a conflict', async () => {
    await ctx.store.createTenant({ id: 'fam-1', name: 'A', entitlement: 'active' }, T0);
    await expect(
      ctx.store.createTenant({ id: 'fam-1', name: 'B', entitlement: 'active' }, T0),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('fam-1'),
    });
    expect((await ctx.store.getTenant('fam-1'))?.name).toBe('A');
  });

  it('round-trips every endpoint field', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 0 });
    const input = newEndpoint(tenantId, {
      method: 'PATCH',
      eventFilter: ['plan.*', 'submission.approved'],
      scheme: {
        scheme: 'token-hash',
        tokenHashHeader: 'x-webhook-token-hash',
        eventHeader: 'x-webhook-event',
      },
      disabledReason: null,
    });
    const created = await ctx.store.createEndpoint(input, T0 + 7);
    expect(created).toEqual({ ...input, failingSince: null, createdAt: T0 + 7, updatedAt: T0 + 7 });
    expect(await ctx.store.getEndpoint(input.id)).toEqual(created);
    expect(await ctx.store.getEndpoint(input.id, tenantId)).toEqual(created);
  });

  it('gives clear errors for an unknown tenant, a duplicate id and a bad field', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 0 });
    await expect(ctx.store.createEndpoint(newEndpoint('missing'), T0)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('endpoint.tenantId'),
    });
    const endpoint = await ctx.store.createEndpoint(newEndpoint(tenantId), T0);
    await expect(
      ctx.store.createEndpoint(newEndpoint(tenantId, { id: endpoint.id }), T0),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    const bad = { ...newEndpoint(tenantId), method: 'GET' } as unknown as Parameters<
      typeof ctx.store.createEndpoint
    >[0];
    const error = await ctx.store.createEndpoint(bad, T0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/endpoint\.method/);
  });

  it('updates only the patched fields and keeps tenants apart', async () => {
    const a = await seedTenant(ctx.store);
    const b = await seedTenant(ctx.store);
    const id = a.endpointIds[0]!;
    const before = (await ctx.store.getEndpoint(id))!;
    const patched = await ctx.store.updateEndpoint(
      id,
      {
        enabled: false,
        disabledReason: 'failing for 5 days',
        failingSince: T0 + 1,
        eventFilter: ['plan.failed'],
      },
      T0 + 100,
      a.tenantId,
    );
    expect(patched).toEqual({
      ...before,
      enabled: false,
      disabledReason: 'failing for 5 days',
      failingSince: T0 + 1,
      eventFilter: ['plan.failed'],
      updatedAt: T0 + 100,
    });
    const healed = await ctx.store.updateEndpoint(
      id,
      { enabled: true, disabledReason: null, failingSince: null },
      T0 + 200,
    );
    expect(healed).toMatchObject({
      enabled: true,
      disabledReason: null,
      failingSince: null,
      url: before.url,
    });

    // Another tenant can neither see nor touch it.
    expect(await ctx.store.getEndpoint(id, b.tenantId)).toBeNull();
    expect(
      await ctx.store.updateEndpoint(id, { url: 'http://127.0.0.1:1/x' }, T0 + 300, b.tenantId),
    ).toBeNull();
    expect(await ctx.store.deleteEndpoint(id, b.tenantId)).toBe(false);
    expect((await ctx.store.getEndpoint(id))?.url).toBe(before.url);
    expect((await ctx.store.listEndpoints(a.tenantId)).map((e) => e.id)).toEqual([id]);
    expect((await ctx.store.listEndpoints(b.tenantId)).map((e) => e.id)).toEqual(b.endpointIds);
    expect(await ctx.store.updateEndpoint('missing', { url: 'x' }, T0)).toBeNull();
  });

  it('clears a failing period after a success, and writes nothing when none is running', async () => {
    const { endpointIds } = await seedTenant(ctx.store, { endpoints: 1 });
    const id = endpointIds[0]!;
    await ctx.store.updateEndpoint(id, { failingSince: T0 }, T0 + 1);
    expect(await ctx.store.clearFailingSince(id, T0 + 5)).toBe(true);
    expect(await ctx.store.getEndpoint(id)).toMatchObject({ failingSince: null, updatedAt: T0 + 5 });
    // Already clear: the row (and so every publisher's fan-out fingerprint) stays as it was.
    expect(await ctx.store.clearFailingSince(id, T0 + 9)).toBe(false);
    expect((await ctx.store.getEndpoint(id))?.updatedAt).toBe(T0 + 5);
    expect(await ctx.store.clearFailingSince('missing', T0 + 9)).toBe(false);
  });

  it('disables a failing endpoint and records its event once, whichever instance gets there first', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store, { endpoints: 2 });
    const [failing, deleted] = endpointIds as [string, string];
    for (const id of endpointIds) await ctx.store.updateEndpoint(id, { failingSince: T0 }, T0 + 1);
    const other = await ctx.harness.reopen(); // a second process on the same database
    const attempt = (store: typeof other, n: number, endpointId = failing) =>
      store.disableFailingEndpoint(
        {
          endpointId,
          reason: `every attempt failed since then (${n})`,
          failingSinceCutoff: T0 + 5,
          event: {
            id: uuidv7(),
            tenantId,
            kind: 'endpoint.disabled',
            detailJson: JSON.stringify({ endpointId, n }),
            createdAt: T0 + 10,
          },
        },
        T0 + 10,
      );
    const results = await Promise.all([attempt(ctx.store, 1), attempt(other, 2), attempt(ctx.store, 3)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const endpoint = await ctx.store.getEndpoint(failing);
    expect(endpoint).toMatchObject({ enabled: false, failingSince: T0, updatedAt: T0 + 10 });
    const events = await ctx.store.listOperationalEvents(10);
    expect(events).toHaveLength(1);
    expect(endpoint?.disabledReason).toBe(
      `every attempt failed since then (${JSON.parse(events[0]!.detailJson).n})`,
    );
    // Already off, or deleted: nothing changes and no event.
    expect(await attempt(ctx.store, 4)).toBe(false);
    await ctx.store.deleteEndpoint(deleted);
    expect(await attempt(ctx.store, 5, deleted)).toBe(false);
    expect(await ctx.store.listOperationalEvents(10)).toHaveLength(1);
    // A bad event is refused before anything changes.
    await ctx.store.updateEndpoint(failing, { enabled: true }, T0 + 12);
    await expect(
      ctx.store.disableFailingEndpoint(
        {
          endpointId: failing,
          reason: 'x',
          failingSinceCutoff: T0,
          event: { id: '', tenantId, kind: 'endpoint.disabled', detailJson: '{}', createdAt: T0 },
        },
        T0 + 13,
      ),
    ).rejects.toThrow(/^event\.id: /);
    expect((await ctx.store.getEndpoint(failing))?.enabled).toBe(true);
  });

  it('leaves an endpoint on when the stored failing period is cleared or too recent, whatever the caller saw', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store);
    const id = endpointIds[0]!;
    const disable = (cutoff: number, now: number) =>
      ctx.store.disableFailingEndpoint(
        {
          endpointId: id,
          reason: 'every attempt failed',
          failingSinceCutoff: cutoff,
          event: { id: uuidv7(), tenantId, kind: 'endpoint.disabled', detailJson: '{}', createdAt: now },
        },
        now,
      );
    await ctx.store.updateEndpoint(id, { failingSince: T0 }, T0);
    // A success (this process or another) cleared it after the caller read failingSince = T0.
    await ctx.store.updateEndpoint(id, { failingSince: null }, T0 + 2000);
    expect(await disable(T0 + 1000, T0 + 2001)).toBe(false);
    expect(await ctx.store.getEndpoint(id)).toMatchObject({ enabled: true, failingSince: null });
    // Failing again, but only since after the cutoff: not long enough yet.
    await ctx.store.updateEndpoint(id, { failingSince: T0 + 3000 }, T0 + 3000);
    expect(await disable(T0 + 2999, T0 + 4000)).toBe(false);
    expect(await ctx.store.listOperationalEvents(10)).toEqual([]);
    // Long enough: off, and the stored start of the failing period is kept.
    expect(await disable(T0 + 3000, T0 + 5000)).toBe(true);
    expect(await ctx.store.getEndpoint(id)).toMatchObject({ enabled: false, failingSince: T0 + 3000 });
    expect(await ctx.store.listOperationalEvents(10)).toHaveLength(1);
  });

  it('deletes an endpoint with its unfinished deliveries but keeps finished history', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store);
    const id = endpointIds[0]!;
    await ctx.store.publishMessages([newMessage(tenantId, { createdAt: T0 })]);
    const [claimed] = await claimAll(ctx.store, 'w1', T0 + 1);
    await ctx.store.completeDelivery(completion(claimed!, 'w1', 'succeeded', T0 + 2));
    await ctx.store.publishMessages([newMessage(tenantId, { createdAt: T0 + 3 })]);
    expect(await ctx.store.countDeliveries({ endpointId: id })).toMatchObject({ succeeded: 1, pending: 1 });

    expect(await ctx.store.deleteEndpoint(id, tenantId)).toBe(true);
    expect(await ctx.store.getEndpoint(id)).toBeNull();
    expect(await ctx.store.listEndpoints(tenantId)).toEqual([]);
    expect(await ctx.store.countDeliveries({ endpointId: id })).toMatchObject({ succeeded: 1, pending: 0 });
    const history = await ctx.store.getDelivery(claimed!.delivery.id);
    expect(history?.attempts).toHaveLength(1);
    expect(await ctx.store.deleteEndpoint(id)).toBe(false);
    // New messages no longer fan out to it.
    const [result] = await ctx.store.publishMessages([newMessage(tenantId, { createdAt: T0 + 4 })]);
    expect(result?.deliveriesCreated).toBe(0);
  });

  it('upserts an environment-managed endpoint: creates, updates, restores a deleted one, never moves tenants', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 0 });
    const managed = newEndpoint(tenantId, { url: 'http://127.0.0.1:9/first' });
    // Several processes applying the configuration at once: one row, no conflict.
    const concurrent = await Promise.all([1, 2, 3].map(() => ctx.store.upsertEndpoint(managed, T0)));
    expect(concurrent.map((e) => e.url)).toEqual(Array(3).fill('http://127.0.0.1:9/first'));
    expect((await ctx.store.listEndpoints(tenantId)).map((e) => e.id)).toEqual([managed.id]);

    // A failing period survives a restart that keeps the endpoint on at the same URL...
    await ctx.store.updateEndpoint(managed.id, { failingSince: T0 + 1 }, T0 + 1);
    const updated = await ctx.store.upsertEndpoint({ ...managed, description: 'changed' }, T0 + 2);
    expect(updated).toMatchObject({
      description: 'changed',
      failingSince: T0 + 1,
      createdAt: T0,
      updatedAt: T0 + 2,
    });
    // ...but not a move to another URL, whose health is unknown.
    const moved = await ctx.store.upsertEndpoint({ ...managed, url: 'http://127.0.0.1:9/second' }, T0 + 2);
    expect(moved).toMatchObject({ url: 'http://127.0.0.1:9/second', failingSince: null });
    await ctx.store.upsertEndpoint(managed, T0 + 2);
    // ...but not one that switches it on again after it was switched off for failing.
    await ctx.store.updateEndpoint(managed.id, { enabled: false, disabledReason: 'failing' }, T0 + 3);
    expect(await ctx.store.upsertEndpoint(managed, T0 + 4)).toMatchObject({
      enabled: true,
      disabledReason: null,
      failingSince: null,
    });

    // Deleted through the API: the next start restores it with its fields and secrets.
    expect(await ctx.store.deleteEndpoint(managed.id)).toBe(true);
    const restored = await ctx.store.upsertEndpoint(managed, T0 + 5);
    expect(restored).toEqual({
      ...managed,
      disabledReason: null,
      failingSince: null,
      createdAt: T0,
      updatedAt: T0 + 5,
    });
    expect(await ctx.store.getEndpoint(managed.id)).toEqual(restored);
    const [published] = await ctx.store.publishMessages([newMessage(tenantId, { createdAt: T0 + 6 })]);
    expect(published?.deliveriesCreated).toBe(1);

    // The id is another tenant's: refused, naming both, and that endpoint is untouched.
    const other = await seedTenant(ctx.store, { endpoints: 0 });
    await expect(
      ctx.store.upsertEndpoint({ ...managed, tenantId: other.tenantId, url: 'http://127.0.0.1:9/x' }, T0 + 7),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: `endpoint.id: endpoint ${managed.id} belongs to tenant ${tenantId}, not ${other.tenantId}`,
    });
    expect(await ctx.store.getEndpoint(managed.id)).toEqual(restored);
    await expect(ctx.store.upsertEndpoint(newEndpoint('nobody'), T0)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('endpoint.tenantId'),
    });
  });
}
