import { expect, it } from 'vitest';
import { uuidv7 } from '../../ids/uuidv7.js';
import { type ContractContext, claimAll, completion, newMessage, seedTenant, T0 } from './fixtures.js';

/** Retention in two stages: attempts and payloads first, then the delivery log's rows themselves. */
export function retentionContract(ctx: ContractContext): void {
  it('purges old attempts and finished payloads in bounded batches', async () => {
    const { store } = ctx;
    const { tenantId } = await seedTenant(store);
    const DAY = 86_400_000;
    const cutoff = T0 + 7 * DAY;
    // Three old messages, delivered long ago; one old message still retrying; one recent; one with no endpoint.
    const old = [0, 1, 2].map((i) => newMessage(tenantId, { createdAt: T0 + i }));
    const retrying = newMessage(tenantId, { createdAt: T0 + 3 });
    const orphan = newMessage(tenantId, { createdAt: T0 + 4, onlyEndpointIds: [] });
    await store.publishMessages([...old, retrying, orphan]);
    for (const claimed of await claimAll(store, 'w', T0 + 10)) {
      const outcome = claimed.message.id === retrying.id ? { retryAt: cutoff + DAY } : 'succeeded';
      await store.completeDelivery(completion(claimed, 'w', outcome, T0 + 20));
    }
    const recent = newMessage(tenantId, { createdAt: cutoff + 1 });
    await store.publishMessages([recent]);
    const [fresh] = await claimAll(store, 'w', cutoff + 2);
    await store.completeDelivery(completion(fresh!, 'w', 'succeeded', cutoff + 3));

    // Each call of a pass resumes where the previous one got to (the newest payload it cleared).
    const first = await store.purgeOlderThan(cutoff, 2);
    expect(first).toEqual({ attemptsDeleted: 2, payloadsCleared: 2, resume: { payloads: T0 + 1 } });
    const second = await store.purgeOlderThan(cutoff, 2, first.resume);
    expect(second).toEqual({ attemptsDeleted: 2, payloadsCleared: 2, resume: { payloads: T0 + 4 } });
    expect(await store.purgeOlderThan(cutoff, 2, second.resume)).toEqual({
      attemptsDeleted: 0,
      payloadsCleared: 0,
      resume: { payloads: T0 + 4 },
    });

    for (const m of [...old, orphan]) expect((await store.getMessage(m.id))?.payloadJson).toBeNull();
    expect((await store.getMessage(retrying.id))?.payloadJson).toBe(retrying.payloadJson);
    expect((await store.getMessage(recent.id))?.payloadJson).toBe(recent.payloadJson);
    expect((await store.getDelivery(fresh!.delivery.id))?.attempts).toHaveLength(1);
    // The delivery rows themselves remain as the log's skeleton.
    expect((await store.countDeliveries({ tenantId })).succeeded).toBe(4);

    const [purged] = (await store.listDeliveries({ messageId: old[0]!.id })).items;
    await expect(store.redeliver(purged!.id, cutoff + 10)).rejects.toMatchObject({ code: 'payload_purged' });
  });

  it('a pass resumes each scan where it got to; rows behind that wait for the next pass', async () => {
    const { store } = ctx;
    const { tenantId } = await seedTenant(store);
    const DAY = 86_400_000;
    const cutoff = T0 + 40 * DAY;
    // An old message still waiting (its endpoint off, say), then two that can go.
    const waiting = newMessage(tenantId, { createdAt: T0 });
    const done = [1, 2].map((i) => newMessage(tenantId, { createdAt: T0 + i }));
    await store.publishMessages([waiting, ...done]);
    const claims = await claimAll(store, 'w', T0 + 10);
    for (const claimed of claims.filter((c) => c.message.id !== waiting.id))
      await store.completeDelivery(completion(claimed, 'w', 'succeeded', T0 + 20));
    const first = await store.purgeOlderThan(cutoff, 1);
    expect(first).toMatchObject({ payloadsCleared: 1, resume: { payloads: T0 + 1 } });
    const firstRecords = await store.purgeRecordsOlderThan(cutoff, 1);
    expect(firstRecords).toMatchObject({
      deliveriesDeleted: 1,
      messagesDeleted: 1,
      resume: { deliveries: T0 + 1, messages: T0 + 1 },
    });
    // The waiting one finishes now, behind where this pass's scans already are.
    await store.completeDelivery(
      completion(claims.find((c) => c.message.id === waiting.id)!, 'w', 'failed', T0 + 30),
    );
    expect(await store.purgeOlderThan(cutoff, 10, first.resume)).toMatchObject({ payloadsCleared: 1 });
    expect(await store.purgeRecordsOlderThan(cutoff, 10, firstRecords.resume)).toMatchObject({
      deliveriesDeleted: 1,
      messagesDeleted: 1,
    });
    expect(await store.getMessage(waiting.id)).not.toBeNull();
    // A new pass starts from the oldest row again.
    expect(await store.purgeOlderThan(cutoff, 10)).toMatchObject({ payloadsCleared: 1 });
    expect(await store.purgeRecordsOlderThan(cutoff, 10)).toMatchObject({
      deliveriesDeleted: 1,
      messagesDeleted: 1,
    });
    expect(await store.getMessage(waiting.id)).toBeNull();
  });

  it('compares a repeated idempotency key on model and event alone once the payload is purged', async () => {
    const { store } = ctx;
    const { tenantId } = await seedTenant(store);
    const DAY = 86_400_000;
    const original = newMessage(tenantId, { createdAt: T0, idempotencyKey: 'plan-7:completed' });
    await store.publishMessages([original]);
    for (const claimed of await claimAll(store, 'w', T0 + 10))
      await store.completeDelivery(completion(claimed, 'w', 'succeeded', T0 + 20));
    expect((await store.purgeOlderThan(T0 + 7 * DAY, 10)).payloadsCleared).toBe(1);

    const repeat = (fields: Parameters<typeof newMessage>[1]) =>
      store.publishMessages([newMessage(tenantId, { idempotencyKey: 'plan-7:completed', ...fields })]);
    const [otherPayload] = await repeat({ payloadJson: '{"changed":true}' });
    expect(otherPayload).toEqual({
      messageId: original.id,
      duplicate: true,
      deliveriesCreated: 0,
      deliveriesSkipped: 0,
    });
    await expect(repeat({ event: 'plan.started' })).rejects.toMatchObject({
      originalId: original.id,
      conflict: 'event',
    });
  });

  it('deletes finished delivery rows, then messages left bare, then operational events, past the record cutoff, in bounded batches', async () => {
    const { store } = ctx;
    const { tenantId } = await seedTenant(store);
    const expired = await seedTenant(store, { entitlement: 'expired' });
    const DAY = 86_400_000;
    const cutoff = T0 + 30 * DAY;
    const done = [0, 1, 2].map((i) =>
      newMessage(tenantId, { createdAt: T0 + i, idempotencyKey: `key-${i}` }),
    );
    const failed = newMessage(tenantId, { createdAt: T0 + 3 });
    const retrying = newMessage(tenantId, { createdAt: T0 + 4 });
    const redelivered = newMessage(tenantId, { createdAt: T0 + 5 });
    const skipped = newMessage(expired.tenantId, { createdAt: T0 + 6 });
    const bare = newMessage(tenantId, { createdAt: T0 + 7, onlyEndpointIds: [] });
    await store.publishMessages([...done, failed, retrying, redelivered, skipped, bare]);
    const deliveryOf = new Map<string, string>();
    for (const claimed of await claimAll(store, 'w', T0 + 10)) {
      const id = claimed.message.id;
      deliveryOf.set(id, claimed.delivery.id);
      const outcome =
        id === retrying.id ? { retryAt: cutoff + DAY } : id === failed.id ? 'failed' : 'succeeded';
      await store.completeDelivery(completion(claimed, 'w', outcome, T0 + 20));
    }
    // Redelivered by hand after the cutoff: touched recently, so it stays (and its message with it).
    await store.redeliver(deliveryOf.get(redelivered.id)!, cutoff + 5);
    const [again] = await claimAll(store, 'w', cutoff + 5);
    expect(again?.message.id).toBe(redelivered.id);
    await store.completeDelivery(completion(again!, 'w', 'succeeded', cutoff + 6));
    const recent = newMessage(tenantId, { createdAt: cutoff + 1 });
    await store.publishMessages([recent]);
    // Operational events: three from before the cutoff go, the one at the cutoff stays.
    for (const at of [T0, T0 + 1, cutoff - 1, cutoff]) {
      await store.recordOperationalEvent({
        id: uuidv7(),
        tenantId,
        kind: 'endpoint.failing',
        detailJson: JSON.stringify({ at }),
        createdAt: at,
      });
    }

    const totals = { deliveriesDeleted: 0, messagesDeleted: 0, operationalEventsDeleted: 0 };
    for (let call = 0; call < 10; call++) {
      const result = await store.purgeRecordsOlderThan(cutoff, 2);
      expect(result.deliveriesDeleted).toBeLessThanOrEqual(2);
      expect(result.messagesDeleted).toBeLessThanOrEqual(2);
      expect(result.operationalEventsDeleted).toBeLessThanOrEqual(2);
      totals.deliveriesDeleted += result.deliveriesDeleted;
      totals.messagesDeleted += result.messagesDeleted;
      totals.operationalEventsDeleted += result.operationalEventsDeleted;
      if (Object.values(result).every((n) => n === 0)) break;
    }
    // Three succeeded, one failed, one skipped; their five messages and the one that had none.
    expect(totals).toEqual({ deliveriesDeleted: 5, messagesDeleted: 6, operationalEventsDeleted: 3 });
    expect(await store.purgeRecordsOlderThan(cutoff, 2)).toMatchObject({
      deliveriesDeleted: 0,
      messagesDeleted: 0,
      operationalEventsDeleted: 0,
      endpointsDeleted: 0,
    });
    expect((await store.listOperationalEvents(10)).map((e) => e.createdAt)).toEqual([cutoff]);

    for (const m of [...done, failed]) {
      expect(await store.getDelivery(deliveryOf.get(m.id)!)).toBeNull();
      expect(await store.getMessage(m.id)).toBeNull();
    }
    expect(await store.getMessage(skipped.id)).toBeNull();
    expect(await store.getMessage(bare.id)).toBeNull();
    expect((await store.countDeliveries({ tenantId: expired.tenantId })).skipped).toBe(0);
    // Unfinished, recently touched and recent rows are untouched, with their attempts.
    expect((await store.getDelivery(deliveryOf.get(retrying.id)!))?.attempts).toHaveLength(1);
    expect((await store.getDelivery(deliveryOf.get(redelivered.id)!))?.attempts).toHaveLength(2);
    for (const m of [retrying, redelivered, recent]) {
      expect((await store.getMessage(m.id))?.payloadJson).toBe(m.payloadJson);
    }
    expect(await store.countQueuedDeliveries()).toEqual({ pending: 2, in_flight: 0 });
    // An idempotency key is remembered as long as its message: once deleted, the key is new again.
    const [reused] = await store.publishMessages([newMessage(tenantId, { idempotencyKey: 'key-0' })]);
    expect(reused?.duplicate).toBe(false);
    await expect(store.purgeRecordsOlderThan(cutoff, 0)).rejects.toThrow(/batchSize/);
  });

  it('deletes endpoints deleted before the cutoff once no delivery row points at them, and no others', async () => {
    const { store } = ctx;
    const DAY = 86_400_000;
    const { tenantId, endpointIds } = await seedTenant(store, { endpoints: 4 });
    const [withHistory, neverUsed, live, withRecent] = endpointIds as [string, string, string, string];
    const deliverAll = async (at: number) => {
      for (const claimed of await claimAll(store, 'w', at))
        await store.completeDelivery(completion(claimed, 'w', 'succeeded', at + 1));
    };
    await store.publishMessages([
      newMessage(tenantId, { createdAt: T0, onlyEndpointIds: [withHistory, live] }),
    ]);
    await deliverAll(T0 + 10);
    // Deletion stamps the wall clock; this endpoint's last delivery is stamped two days after it.
    const later = Date.now() + 2 * DAY;
    await store.publishMessages([newMessage(tenantId, { createdAt: later, onlyEndpointIds: [withRecent] })]);
    await deliverAll(later + 10);
    const deletedAt = Date.now();
    for (const id of [withHistory, neverUsed, withRecent]) expect(await store.deleteEndpoint(id)).toBe(true);

    const purgeAll = async (cutoff: number) => {
      let endpointsDeleted = 0;
      for (let call = 0; call < 20; call++) {
        const { resume: _resume, ...counts } = await store.purgeRecordsOlderThan(cutoff, 1);
        endpointsDeleted += counts.endpointsDeleted;
        if (Object.values(counts).every((n) => n === 0)) return endpointsDeleted;
      }
      throw new Error('purge did not finish in 20 calls');
    };
    // A cutoff before the deletion: the old deliveries go, every endpoint row stays.
    expect(await purgeAll(T0 + 30 * DAY)).toBe(0);
    // After it: the two deleted endpoints nothing points at go, one per call of batch size 1.
    expect(await purgeAll(deletedAt + DAY)).toBe(2);
    expect(await store.getEndpoint(live)).not.toBeNull();
    expect((await store.listDeliveries({ endpointId: withRecent, limit: 10 })).items).toHaveLength(1);
    // Its last delivery row gone (a cutoff past it), withRecent goes too.
    expect(await purgeAll(later + DAY)).toBe(1);
    expect(await purgeAll(later + DAY)).toBe(0);
    expect(await store.getEndpoint(live)).not.toBeNull();
  });
}
