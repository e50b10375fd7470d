import { uuidv7 } from '../ids/uuidv7.js';
import type { Store } from '../store/types.js';
import { loadSeedExample } from './seed-data.js';

const seedPayloadJson = JSON.stringify(loadSeedExample());

/**
 * Publishes `count` seed events (plan_bound_v2 plan.failed) straight into the store, `perBatch` per
 * transaction, as a publishing process sharing the database would: for worker-only tests with no
 * API process. Returns the message ids.
 */
export async function publishSeedEventsToStore(
  store: Pick<Store, 'publishMessages'>,
  tenantId: string,
  count: number,
  perBatch = 500,
): Promise<string[]> {
  const ids: string[] = [];
  for (let done = 0; done < count; done += perBatch) {
    const batch = Array.from({ length: Math.min(perBatch, count - done) }, () => ({
      id: uuidv7(),
      tenantId,
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payloadJson: seedPayloadJson,
      idempotencyKey: null,
      createdAt: Date.now(),
    }));
    const results = await store.publishMessages(batch);
    ids.push(...results.map((r) => r.messageId));
  }
  return ids;
}
