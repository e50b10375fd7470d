import { type SenderClient, SenderConnectionError } from '@taskhooks/sender-client';
import { CliError, ExitCode } from '../exit-codes.js';
import { type AttemptSeen, AttemptTracker, pause } from '../remote/attempt-tracker.js';

const POLL_INTERVAL_MS = 250;
/** The newest deliveries read per poll; more arriving within 250 ms are caught on the next pages. */
const PAGE_SIZE = 50;
const MAX_PAGES_PER_POLL = 4;
/** Give up when the sender stays unreachable this long (it was stopped, or the network is gone). */
const UNREACHABLE_LIMIT_MS = 60_000;

/**
 * Streams every attempt made to one endpoint until `signal` aborts: polls its delivery log
 * (newest first, paging back to the last delivery already seen) and reports new attempts in order.
 */
export async function followEndpoint(options: {
  client: SenderClient;
  endpointId: string;
  signal: AbortSignal;
  onAttempt: (seen: AttemptSeen) => void;
  onConnectionLost: (lost: boolean) => void;
}): Promise<void> {
  const { client, endpointId, signal } = options;
  const tracker = new AttemptTracker(client, options.onAttempt, POLL_INTERVAL_MS);
  let unreachableSince: number | null = null;
  while (!signal.aborted) {
    try {
      await readNewDeliveries(client, endpointId, tracker);
      await tracker.poll();
      if (unreachableSince !== null) options.onConnectionLost(false);
      unreachableSince = null;
    } catch (error) {
      if (!(error instanceof SenderConnectionError)) throw error;
      if (unreachableSince === null) {
        unreachableSince = Date.now();
        options.onConnectionLost(true);
      } else if (Date.now() - unreachableSince > UNREACHABLE_LIMIT_MS) {
        throw new CliError(
          `the sender has been unreachable for ${UNREACHABLE_LIMIT_MS / 1000} s`,
          ExitCode.failure,
        );
      }
    }
    await pause(POLL_INTERVAL_MS, signal);
  }
}

async function readNewDeliveries(client: SenderClient, endpointId: string, tracker: AttemptTracker) {
  const fresh = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
    const result = await client.deliveries.list({ endpointId, limit: PAGE_SIZE, cursor });
    fresh.push(...result.items);
    // Stop at the first page that reaches deliveries already known: older ones are all known.
    if (result.nextCursor === null || result.items.some((item) => tracker.isKnown(item.id))) break;
    cursor = result.nextCursor;
  }
  // Oldest first, so attempts print in the order the events were published.
  for (const summary of fresh.reverse()) tracker.note(summary);
}
