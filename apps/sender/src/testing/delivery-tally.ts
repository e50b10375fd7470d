import type { DeliveryState, Store } from '../store/types.js';
import { waitFor } from './api-client.js';
import type { CountingReceiver } from './counting-receiver.js';

export interface DeliveryTally {
  published: number;
  /** Acknowledged events the receiver got at least once. */
  delivered: number;
  /** Copies beyond the first, over every id the receiver saw (acknowledged or not). */
  duplicates: number;
  lost: number;
  lostIds: string[];
  /** Ids the receiver got that were never acknowledged (committed just before a crash). */
  unacknowledgedDelivered: number;
}

/** Compares the acknowledged message ids with what a counting receiver saw. */
export function tallyDeliveries(
  published: readonly string[],
  receiver: Pick<CountingReceiver, 'countsById'>,
): DeliveryTally {
  const lostIds = published.filter((id) => !receiver.countsById.has(id));
  let duplicates = 0;
  for (const count of receiver.countsById.values()) duplicates += count - 1;
  const acknowledged = new Set(published);
  let unacknowledgedDelivered = 0;
  for (const id of receiver.countsById.keys()) if (!acknowledged.has(id)) unacknowledgedDelivered++;
  return {
    published: published.length,
    delivered: published.length - lostIds.length,
    duplicates,
    lost: lostIds.length,
    lostIds,
    unacknowledgedDelivered,
  };
}

/** Waits until no delivery of the tenant is pending or in flight; returns the final counts. */
export function waitUntilDrained(
  store: Pick<Store, 'countDeliveries'>,
  filter: { tenantId?: string; endpointId?: string },
  timeoutMs: number,
  what = 'every delivery to finish',
): Promise<Record<DeliveryState, number>> {
  return waitFor(
    async () => {
      const counts = await store.countDeliveries(filter);
      return counts.pending + counts.in_flight === 0 ? counts : undefined;
    },
    what,
    timeoutMs,
    100,
  );
}
