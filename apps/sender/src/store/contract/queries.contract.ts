import { expect, it } from 'vitest';
import { uuidv7 } from '../../ids/uuidv7.js';
import type { Message, Page } from '../types.js';
import { type ContractContext, claimAll, completion, newMessage, seedTenant, T0 } from './fixtures.js';

export function queryContract(ctx: ContractContext): void {
  it('pages messages newest first with an opaque cursor, ties broken by id', async () => {
    const { tenantId } = await seedTenant(ctx.store);
    const other = await seedTenant(ctx.store);
    // Several messages share a timestamp so the cursor must use the id as tie-breaker.
    const times = [0, 10, 10, 10, 20, 30, 30];
    const messages = times.map((t) => newMessage(tenantId, { createdAt: T0 + t }));
    await ctx.store.publishMessages(messages);
    await ctx.store.publishMessages([newMessage(other.tenantId, { createdAt: T0 + 15 })]);

    const seen: Message[] = [];
    const cursors: (string | null)[] = [];
    let page: Page<Message> = { items: [], nextCursor: null };
    do {
      page = await ctx.store.listMessages({ tenantId, limit: 3, cursor: page.nextCursor });
      seen.push(...page.items);
      cursors.push(page.nextCursor);
    } while (page.nextCursor);
    const expected = [...messages].sort((a, b) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : 1));
    expect(seen.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    expect(cursors).toHaveLength(3);
    expect(cursors[0]).toMatch(/^[A-Za-z0-9_-]+$/);

    const window = await ctx.store.listMessages({ tenantId, since: T0 + 10, until: T0 + 30 });
    expect(window.items.map((m) => m.createdAt)).toEqual([T0 + 20, T0 + 10, T0 + 10, T0 + 10]);
    expect((await ctx.store.listMessages({ event: 'plan.started' })).items).toEqual([]);
    expect((await ctx.store.listMessages({})).items).toHaveLength(8);
    await expect(ctx.store.listMessages({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(ctx.store.listMessages({ limit: 0 })).rejects.toThrow(/limit/);
  });

  it('lists deliveries by tenant, endpoint, state and event, paged', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store, { endpoints: 2 });
    const other = await seedTenant(ctx.store);
    await ctx.store.publishMessages([
      newMessage(tenantId, { createdAt: T0, event: 'plan.started' }),
      newMessage(tenantId, { createdAt: T0 + 1, event: 'plan.completed' }),
      newMessage(tenantId, { createdAt: T0 + 2, event: 'plan.completed' }),
      newMessage(other.tenantId, { createdAt: T0 + 3 }),
    ]);
    const [claimed] = await ctx.store.claimDueDeliveries({
      workerId: 'w',
      now: T0 + 5,
      limit: 1,
      leaseMs: 1000,
    });
    await ctx.store.completeDelivery(completion(claimed!, 'w', 'succeeded', T0 + 6));

    const all = await ctx.store.listDeliveries({ tenantId, limit: 4 });
    expect(all.items).toHaveLength(4);
    const rest = await ctx.store.listDeliveries({ tenantId, limit: 4, cursor: all.nextCursor });
    expect(rest).toMatchObject({ nextCursor: null });
    expect(rest.items).toHaveLength(2);
    expect(new Set([...all.items, ...rest.items].map((d) => d.id)).size).toBe(6);
    expect([...all.items, ...rest.items].every((d) => d.tenantId === tenantId)).toBe(true);

    const ofEndpoint = await ctx.store.listDeliveries({ endpointId: endpointIds[1] });
    expect(ofEndpoint.items.map((d) => d.endpointId)).toEqual([
      endpointIds[1],
      endpointIds[1],
      endpointIds[1],
    ]);
    const succeeded = await ctx.store.listDeliveries({ tenantId, state: 'succeeded' });
    expect(succeeded.items.map((d) => d.id)).toEqual([claimed!.delivery.id]);
    expect((await ctx.store.listDeliveries({ tenantId, event: 'plan.started' })).items).toHaveLength(2);
    expect((await ctx.store.listDeliveries({ tenantId, since: T0 + 2 })).items).toHaveLength(2);
  });

  it('counts deliveries per state, scoped by tenant and endpoint', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store, { endpoints: 2 });
    const expired = await seedTenant(ctx.store, { entitlement: 'expired' });
    await ctx.store.publishMessages([
      newMessage(tenantId),
      newMessage(tenantId),
      newMessage(expired.tenantId),
    ]);
    const claimed = await ctx.store.claimDueDeliveries({ workerId: 'w', now: T0, limit: 2, leaseMs: 1000 });
    await ctx.store.completeDelivery(completion(claimed[0]!, 'w', 'failed', T0 + 1));
    expect(await ctx.store.countDeliveries()).toEqual({
      pending: 2,
      in_flight: 1,
      succeeded: 0,
      failed: 1,
      skipped: 1,
    });
    expect(await ctx.store.countDeliveries({ tenantId })).toEqual({
      pending: 2,
      in_flight: 1,
      succeeded: 0,
      failed: 1,
      skipped: 0,
    });
    const byEndpoint = await ctx.store.countDeliveries({ tenantId, endpointId: endpointIds[0] });
    expect(Object.values(byEndpoint).reduce((a, b) => a + b, 0)).toBe(2);

    // The queue depth alone (what /metrics reads): every tenant, unfinished rows only.
    expect(await ctx.store.countQueuedDeliveries()).toEqual({ pending: 2, in_flight: 1 });
    await ctx.store.completeDelivery(completion(claimed[1]!, 'w', { retryAt: T0 + 60_000 }, T0 + 2));
    expect(await ctx.store.countQueuedDeliveries()).toEqual({ pending: 3, in_flight: 0 });
    await claimAll(ctx.store, 'w2', T0 + 3);
    expect(await ctx.store.countQueuedDeliveries()).toEqual({ pending: 1, in_flight: 2 });
  });

  it("counts the states of an endpoint's newest deliveries only, scoped by tenant", async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store);
    const other = await seedTenant(ctx.store);
    const messages = [0, 1, 2, 3, 4].map((t) => newMessage(tenantId, { createdAt: T0 + t }));
    await ctx.store.publishMessages(messages);
    // The two oldest finish (T0 fails, T0 + 1 succeeds); the three newest stay pending.
    const claimed = await ctx.store.claimDueDeliveries({
      workerId: 'w',
      now: T0 + 10,
      limit: 2,
      leaseMs: 1000,
    });
    const byMessage = new Map(claimed.map((c) => [c.message.id, c]));
    await ctx.store.completeDelivery(completion(byMessage.get(messages[0]!.id)!, 'w', 'failed', T0 + 11));
    await ctx.store.completeDelivery(completion(byMessage.get(messages[1]!.id)!, 'w', 'succeeded', T0 + 11));
    const endpointId = endpointIds[0]!;
    const zero = { pending: 0, in_flight: 0, succeeded: 0, failed: 0, skipped: 0 };

    expect(await ctx.store.countRecentDeliveries({ endpointId }, 3)).toEqual({ ...zero, pending: 3 });
    expect(await ctx.store.countRecentDeliveries({ endpointId, tenantId }, 4)).toEqual({
      ...zero,
      pending: 3,
      succeeded: 1,
    });
    expect(await ctx.store.countRecentDeliveries({ endpointId }, 10_000)).toEqual({
      ...zero,
      pending: 3,
      succeeded: 1,
      failed: 1,
    });
    expect(await ctx.store.countRecentDeliveries({ endpointId, tenantId: other.tenantId }, 10)).toEqual(zero);
    expect(await ctx.store.countRecentDeliveries({ endpointId: other.endpointIds[0]! }, 10)).toEqual(zero);
    for (const limit of [0, 10_001, 1.5]) {
      await expect(ctx.store.countRecentDeliveries({ endpointId }, limit)).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^limit: must be an integer from 1 to 10000/),
      });
    }
  });

  it('records operational events and lists the newest first', async () => {
    const { tenantId } = await seedTenant(ctx.store);
    const detailJson = '{"reason":"failing since 2026-01-01", "n": 5.0}';
    for (let i = 0; i < 3; i++) {
      await ctx.store.recordOperationalEvent({
        id: uuidv7(),
        tenantId: i === 0 ? null : tenantId,
        kind: i === 2 ? 'endpoint.disabled' : 'endpoint.failing',
        detailJson,
        createdAt: T0 + i,
      });
    }
    const events = await ctx.store.listOperationalEvents(2);
    expect(events.map((e) => [e.kind, e.createdAt, e.tenantId])).toEqual([
      ['endpoint.disabled', T0 + 2, tenantId],
      ['endpoint.failing', T0 + 1, tenantId],
    ]);
    expect(events[0]?.detailJson).toBe(detailJson);
    expect((await ctx.store.listOperationalEvents(10)).at(-1)?.tenantId).toBeNull();
    expect((await ctx.store.listOperationalEvents(10, T0 + 1)).map((e) => e.createdAt)).toEqual([
      T0 + 2,
      T0 + 1,
    ]);
    expect(await ctx.store.listOperationalEvents(10, T0 + 3)).toEqual([]);
  });

  it('keeps committed data across close and reopen', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 2 });
    const message = newMessage(tenantId, { idempotencyKey: 'durable' });
    await ctx.store.publishMessages([message]);
    await ctx.store.close();
    const reopened = await ctx.harness.reopen();
    await reopened.migrate(); // idempotent on an up-to-date database
    expect(await reopened.getMessage(message.id)).toMatchObject({ payloadJson: message.payloadJson });
    expect((await reopened.countDeliveries({ tenantId })).pending).toBe(2);
    const [dup] = await reopened.publishMessages([newMessage(tenantId, { idempotencyKey: 'durable' })]);
    expect(dup).toMatchObject({ messageId: message.id, duplicate: true });
  });
}
