import { expect, it } from 'vitest';
import type { Store } from '../types.js';
import {
  type ContractContext,
  claimAll,
  completion,
  MODEL,
  newEndpoint,
  newMessage,
  seedTenant,
  T0,
} from './fixtures.js';

async function endpointsOf(store: Store, messageId: string): Promise<string[]> {
  const page = await store.listDeliveries({ messageId, limit: 100 });
  return page.items.map((d) => d.endpointId).sort();
}

export function publishContract(ctx: ContractContext): void {
  it('fans out by tenant, model, event filter, wildcard and enabled flag', async () => {
    const { store } = ctx;
    const { tenantId } = await seedTenant(store, { endpoints: 0 });
    const other = await seedTenant(store, { endpoints: 1 });
    const make = async (name: string, overrides: Parameters<typeof newEndpoint>[1]) =>
      [name, (await store.createEndpoint(newEndpoint(tenantId, overrides), T0)).id] as const;
    const ids = Object.fromEntries([
      await make('all', { eventFilter: [] }),
      await make('exact', { eventFilter: ['plan.completed'] }),
      await make('wildcard', { eventFilter: ['plan.*'] }),
      await make('star', { eventFilter: ['*'] }),
      await make('otherModel', { model: 'family_actions_v1', eventFilter: [] }),
      await make('disabled', { enabled: false, eventFilter: [] }),
    ]);
    const publish = async (event: string) => {
      const [result] = await store.publishMessages([newMessage(tenantId, { event })]);
      return { result: result!, endpoints: await endpointsOf(store, result!.messageId) };
    };

    const completed = await publish('plan.completed');
    expect(completed.endpoints).toEqual([ids.all, ids.exact, ids.wildcard, ids.star].sort());
    expect(completed.result).toMatchObject({ duplicate: false, deliveriesCreated: 4, deliveriesSkipped: 0 });
    expect((await publish('plan.started')).endpoints).toEqual([ids.all, ids.wildcard, ids.star].sort());
    expect((await publish('submission.approved')).endpoints).toEqual([ids.all, ids.star].sort());
    // `plan.*` needs the dot: neither the bare prefix nor a longer word matches.
    expect((await publish('plan')).endpoints).toEqual([ids.all, ids.star].sort());
    expect((await publish('planner.started')).endpoints).toEqual([ids.all, ids.star].sort());
    expect(await store.countDeliveries({ tenantId: other.tenantId })).toMatchObject({ pending: 0 });
  });

  it('creates pending deliveries due at the message time', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store);
    const message = newMessage(tenantId, { createdAt: T0 + 500, event: 'plan.failed' });
    await ctx.store.publishMessages([message]);
    const { items } = await ctx.store.listDeliveries({ messageId: message.id });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      tenantId,
      messageId: message.id,
      endpointId: endpointIds[0],
      event: 'plan.failed',
      state: 'pending',
      attemptCount: 0,
      nextAttemptAt: T0 + 500,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastStatus: null,
      lastError: null,
      createdAt: T0 + 500,
    });
  });

  it('restricts fan-out to onlyEndpointIds of the same tenant', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 0 });
    const other = await seedTenant(ctx.store);
    const a = await ctx.store.createEndpoint(newEndpoint(tenantId), T0);
    const b = await ctx.store.createEndpoint(newEndpoint(tenantId, { eventFilter: ['submission.*'] }), T0);
    const publishTo = async (only: string[]) => {
      const [r] = await ctx.store.publishMessages([newMessage(tenantId, { onlyEndpointIds: only })]);
      return endpointsOf(ctx.store, r!.messageId);
    };
    expect(await publishTo([a.id])).toEqual([a.id]);
    expect(await publishTo([b.id])).toEqual([]); // b does not subscribe to plan.completed
    expect(await publishTo([other.endpointIds[0]!])).toEqual([]);
    expect(await publishTo([])).toEqual([]);
  });

  it('deduplicates by idempotency key per tenant, across calls and within a batch', async () => {
    const { store } = ctx;
    const { tenantId } = await seedTenant(store, { endpoints: 2 });
    const other = await seedTenant(store, { endpoints: 1 });
    const first = newMessage(tenantId, { idempotencyKey: 'plan-1:completed' });
    const [r1] = await store.publishMessages([first]);
    expect(r1).toEqual({ messageId: first.id, duplicate: false, deliveriesCreated: 2, deliveriesSkipped: 0 });

    // The same request again: a plain duplicate.
    const again = newMessage(tenantId, {
      idempotencyKey: 'plan-1:completed',
      payloadJson: first.payloadJson,
    });
    const [r2] = await store.publishMessages([again]);
    expect(r2).toEqual({ messageId: first.id, duplicate: true, deliveriesCreated: 0, deliveriesSkipped: 0 });
    expect(await store.getMessage(again.id)).toBeNull();
    // The same payload with its object keys in another order is the same request.
    const reordered = newMessage(tenantId, {
      idempotencyKey: 'plan-1:completed',
      payloadJson: JSON.stringify(
        Object.fromEntries(Object.entries(JSON.parse(first.payloadJson)).reverse()),
      ),
    });
    expect(reordered.payloadJson).not.toBe(first.payloadJson);
    expect((await store.publishMessages([reordered]))[0]).toMatchObject({
      messageId: first.id,
      duplicate: true,
    });
    // Also with escapes in the text (a control character, a Windows path), reordered on retry.
    const escapes = { note: 'C:\\users\\u00e9 \u0001', score: 1, tags: { b: 2, a: 1 } };
    const { tenantId: third } = await seedTenant(store, { endpoints: 1 });
    const escaped = newMessage(third, { idempotencyKey: 'escaped', payloadJson: JSON.stringify(escapes) });
    await store.publishMessages([escaped]);
    const escapedAgain = newMessage(third, {
      idempotencyKey: 'escaped',
      payloadJson: JSON.stringify({ tags: { a: 1, b: 2 }, score: 1, note: escapes.note }),
    });
    expect(escapedAgain.payloadJson).toContain('\\u0001');
    expect((await store.publishMessages([escapedAgain]))[0]).toMatchObject({
      messageId: escaped.id,
      duplicate: true,
    });
    // Another request under the key: refused in the transaction, so nothing of that call is
    // stored, not even its other messages; the error says which message and what differs.
    const bystander = newMessage(tenantId);
    const changed = newMessage(tenantId, {
      idempotencyKey: 'plan-1:completed',
      payloadJson: '{"changed":true}',
    });
    const otherEvent = newMessage(tenantId, {
      idempotencyKey: 'plan-1:completed',
      event: 'plan.started',
      payloadJson: first.payloadJson,
    });
    await expect(store.publishMessages([bystander, changed])).rejects.toMatchObject({
      code: 'conflict',
      index: 1,
      originalId: first.id,
      conflict: 'payload',
    });
    await expect(store.publishMessages([otherEvent])).rejects.toMatchObject({ index: 0, conflict: 'event' });
    expect(await store.getMessage(bystander.id)).toBeNull();
    // Within one call as well: the second use of a key for another request refuses the call.
    const a = newMessage(tenantId, { idempotencyKey: 'fresh-key' });
    const b = newMessage(tenantId, { idempotencyKey: 'fresh-key', payloadJson: '{"other":1}' });
    await expect(store.publishMessages([a, b])).rejects.toMatchObject({ index: 1, originalId: a.id });
    expect(await store.getMessage(a.id)).toBeNull();
    expect(await store.getMessage(changed.id)).toBeNull();
    expect((await store.getMessage(first.id))?.payloadJson).toBe(first.payloadJson);
    expect((await store.countDeliveries({ tenantId })).pending).toBe(2);

    // Same key, other tenant: independent.
    const [r3] = await store.publishMessages([
      newMessage(other.tenantId, { idempotencyKey: 'plan-1:completed' }),
    ]);
    expect(r3?.duplicate).toBe(false);

    const x = newMessage(tenantId, { idempotencyKey: 'batch-key' });
    const y = newMessage(tenantId, { idempotencyKey: 'batch-key' });
    const z = newMessage(tenantId, { idempotencyKey: null });
    const w = newMessage(tenantId, { idempotencyKey: null });
    const results = await store.publishMessages([x, y, z, w]);
    expect(results.map((r) => [r.messageId, r.duplicate, r.deliveriesCreated, r.conflict])).toEqual([
      [x.id, false, 2, undefined],
      [x.id, true, 0, undefined], // the same request twice: a duplicate, no conflict
      [z.id, false, 2, undefined],
      [w.id, false, 2, undefined],
    ]);
    expect((await store.countDeliveries({ tenantId })).pending).toBe(8);
  });

  it('publishes a batch atomically: one bad message stores nothing', async () => {
    const { tenantId } = await seedTenant(ctx.store);
    const good = newMessage(tenantId);
    const orphan = newMessage('no-such-tenant');
    await expect(ctx.store.publishMessages([good, orphan])).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('messages[1].tenantId'),
    });
    expect(await ctx.store.getMessage(good.id)).toBeNull();
    expect((await ctx.store.countDeliveries()).pending).toBe(0);

    await ctx.store.publishMessages([good]);
    await expect(ctx.store.publishMessages([newMessage(tenantId, { id: good.id })])).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(ctx.store.publishMessages([newMessage(tenantId, { createdAt: -1 })])).rejects.toThrow(
      /messages\[0\]\.createdAt/,
    );
  });

  it('records deliveries as skipped while the entitlement is expired', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 2, entitlement: 'expired' });
    const [skipped] = await ctx.store.publishMessages([newMessage(tenantId)]);
    expect(skipped).toMatchObject({ deliveriesCreated: 0, deliveriesSkipped: 2 });
    const { items } = await ctx.store.listDeliveries({ messageId: skipped!.messageId });
    expect(items.map((d) => [d.state, d.nextAttemptAt])).toEqual([
      ['skipped', null],
      ['skipped', null],
    ]);
    expect(await claimAll(ctx.store, 'w1', T0 + 10_000)).toEqual([]);

    await ctx.store.setEntitlement(tenantId, 'active', T0 + 1);
    const [sent] = await ctx.store.publishMessages([newMessage(tenantId, { createdAt: T0 + 2 })]);
    expect(sent).toMatchObject({ deliveriesCreated: 2, deliveriesSkipped: 0 });
    expect(await claimAll(ctx.store, 'w1', T0 + 10_000)).toHaveLength(2);
  });

  it('skips what was waiting when access expires, and refuses to redeliver or recover until it returns', async () => {
    const { tenantId, endpointIds } = await seedTenant(ctx.store);
    const other = await seedTenant(ctx.store);
    const [retrying, waiting, sending, failing] = [0, 1, 2, 3].map((i) =>
      newMessage(tenantId, { createdAt: T0 + i, onlyEndpointIds: [endpointIds[0]!] }),
    );
    await ctx.store.publishMessages([retrying!, waiting!, sending!, failing!, newMessage(other.tenantId)]);
    const claimed = await ctx.store.claimDueDeliveries({
      workerId: 'w',
      now: T0 + 10,
      limit: 100,
      leaseMs: 30_000,
    });
    const of = (m: { id: string }) => claimed.find((c) => c.message.id === m.id)!;
    await ctx.store.completeDelivery(completion(of(retrying!), 'w', { retryAt: T0 + 60_000 }, T0 + 11));
    await ctx.store.completeDelivery(completion(of(failing!), 'w', 'failed', T0 + 11));
    await ctx.store.releaseDeliveries('w', [of(waiting!).delivery.id], T0 + 11);
    // `sending` stays in flight: its attempt is under way when access expires.

    await ctx.store.setEntitlement(tenantId, 'expired', T0 + 20);
    const state = async (m: { id: string }) => (await ctx.store.getDelivery(of(m).delivery.id))!;
    for (const m of [retrying!, waiting!]) {
      expect(await state(m)).toMatchObject({ state: 'skipped', nextAttemptAt: null, updatedAt: T0 + 20 });
      expect((await state(m)).lastError).toMatch(/access expired before this delivery was sent/);
    }
    expect((await state(sending!)).state).toBe('in_flight');
    expect((await state(failing!)).state).toBe('failed');
    expect((await ctx.store.countDeliveries({ tenantId: other.tenantId })).in_flight).toBe(1);
    // The attempt in flight at expiry ends with a retry: it waits, unclaimed, while access is expired,
    // as does the row of a worker that died (its lease ran out); the other tenant's row is claimed.
    await ctx.store.completeDelivery(completion(of(sending!), 'w', { retryAt: T0 + 60_000 }, T0 + 21));
    const reclaimed = await claimAll(ctx.store, 'w2', T0 + 120_000);
    expect(reclaimed.map((c) => c.message.tenantId)).toEqual([other.tenantId]);

    const refused = { code: 'conflict', message: expect.stringMatching(/access has expired/) };
    await expect(ctx.store.redeliver(of(retrying!).delivery.id, T0 + 30)).rejects.toMatchObject(refused);
    await expect(ctx.store.recoverFailed(endpointIds[0]!, T0, T0 + 30)).rejects.toMatchObject(refused);
    expect((await state(failing!)).state).toBe('failed');

    // Access returns: nothing comes back by itself (no backfill), but asking works again.
    await ctx.store.setEntitlement(tenantId, 'active', T0 + 40);
    expect((await state(retrying!)).state).toBe('skipped');
    expect(await ctx.store.redeliver(of(retrying!).delivery.id, T0 + 50)).toMatchObject({ state: 'pending' });
    expect(await ctx.store.recoverFailed(endpointIds[0]!, T0, T0 + 50)).toBe(1);
    const resumed = await claimAll(ctx.store, 'w3', T0 + 120_000);
    expect(resumed.map((c) => c.message.id).sort()).toEqual([retrying!.id, sending!.id, failing!.id].sort());
  });

  it('returns the payload byte for byte, also through a claim', async () => {
    const { tenantId } = await seedTenant(ctx.store);
    // Key order, spacing, escapes, big and "float-looking" numbers must survive untouched.
    const payloadJson =
      '{ "z":1,"a" : [1.0, -0, 1e400, 12345678901234567890123456789],\n' +
      '"child_name":"Misi 💎⭐ Ördög\\u2028 e\u0301","nested":{"b":null,"a":"\\"quoted\\""}, "z":2 }';
    const message = newMessage(tenantId, { payloadJson, model: MODEL });
    await ctx.store.publishMessages([message]);
    expect((await ctx.store.getMessage(message.id))?.payloadJson).toBe(payloadJson);
    const [claimed] = await claimAll(ctx.store, 'w1', T0 + 1);
    expect(claimed?.message.payloadJson).toBe(payloadJson);
    expect(Buffer.from(claimed!.message.payloadJson!, 'utf8').equals(Buffer.from(payloadJson, 'utf8'))).toBe(
      true,
    );
  });
}
