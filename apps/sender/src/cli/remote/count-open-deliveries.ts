import { MAX_PAGE_SIZE, type SenderClient } from '@taskhooks/sender-client';

/** Pages read per state at most: the count is exact up to 10 000 open deliveries, a floor beyond. */
const MAX_PAGES = 20;

/** Deliveries of an endpoint created since `since` that still wait for an attempt (pending or in flight). */
export async function countOpenDeliveries(
  client: SenderClient,
  endpointId: string,
  since: number,
): Promise<number> {
  let open = 0;
  for (const status of ['pending', 'in_flight'] as const) {
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await client.deliveries.list({
        endpointId,
        status,
        since,
        limit: MAX_PAGE_SIZE,
        cursor,
      });
      open += result.items.length;
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
  }
  return open;
}
