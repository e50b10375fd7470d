import type { Attempt, Delivery, Store } from '../../src/store/types.js';

/** Every delivery of the tenant with its attempts (oldest attempt first), read through the store API. */
export async function readDeliveriesWithAttempts(
  store: Pick<Store, 'listDeliveries' | 'getDelivery'>,
  tenantId: string,
): Promise<(Delivery & { attempts: Attempt[] })[]> {
  const all: (Delivery & { attempts: Attempt[] })[] = [];
  let cursor: string | null = null;
  // Bounded: 1000 pages of 100 is far more than any scenario publishes.
  for (let page = 0; page < 1000; page++) {
    const { items, nextCursor } = await store.listDeliveries({ tenantId, cursor, limit: 100 });
    for (const delivery of items) {
      const full = await store.getDelivery(delivery.id);
      if (full)
        all.push({ ...full, attempts: [...full.attempts].sort((a, b) => a.attemptNumber - b.attemptNumber) });
    }
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return all;
}

/** The value of an unlabelled gauge or counter on the sender's /metrics page. */
export async function readMetric(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`metric ${name} not found`);
  return Number(line.slice(name.length + 1));
}
