// What the two store floors share. Both keep the least a durable sender can keep: a message row, a
// delivery row (inserted already leased, `in_flight`, so no separate claim) and, once sent, the
// delivery marked delivered and an attempt row with the headers as sent (signature redacted), as
// the sender records them. Ids are the sender's uuidv7. Per batch of 100 events: one commit for
// the publish (the answer to a publishBatch waits for it) and one for the 100 completions.
import { uuidv7 } from '../../src/ids/uuidv7.js';

export const STORE_BATCH = 100;

export interface StoreWork {
  tenantId: string;
  endpointId: string;
  payloadJson: string;
}

export function newStoreWork(payload: Record<string, unknown>): StoreWork {
  return { tenantId: uuidv7(), endpointId: uuidv7(), payloadJson: JSON.stringify(payload) };
}

/** The attempt record's headers: what the sender keeps of a sent request. */
export function attemptHeadersJson(deliveryId: string, now: number): string {
  return JSON.stringify({
    'content-type': 'application/json',
    'user-agent': 'taskhooks/0.1.0',
    'webhook-id': deliveryId,
    'webhook-timestamp': String(Math.floor(now / 1000)),
    'webhook-signature': '[REDACTED]',
  });
}

/** Runs `batch(count)` over `events` in batches of STORE_BATCH. */
export async function inBatches(events: number, batch: (count: number) => Promise<void> | void) {
  for (let done = 0; done < events; done += STORE_BATCH) await batch(Math.min(STORE_BATCH, events - done));
}
