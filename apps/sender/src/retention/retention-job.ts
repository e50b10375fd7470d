import type { PurgeResult, Store } from '../store/types.js';

export interface RetentionJobOptions {
  store: Store;
  /** Attempts and payloads older than this are purged (default 7 days, as seed 003 documents). */
  retentionMs?: number;
  /** Rows per purge transaction: small, so a purge never holds locks long enough to stall delivery. */
  batchSize?: number;
  /** How often a purge pass starts (default 10 min). */
  intervalMs?: number;
  now?: () => number;
  onPurged?: (result: PurgeResult) => void;
}

export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface RetentionJob {
  /** One full pass: purges in batches until nothing old is left. */
  runOnce(): Promise<PurgeResult>;
  start(): void;
  stop(): Promise<void>;
}

export function createRetentionJob(options: RetentionJobOptions): RetentionJob {
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const batchSize = options.batchSize ?? 500;
  const intervalMs = options.intervalMs ?? 10 * 60 * 1000;
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<PurgeResult> | null = null;
  let stopped = false;

  async function runOnce(): Promise<PurgeResult> {
    const total: PurgeResult = { attemptsDeleted: 0, payloadsCleared: 0 };
    const cutoff = now() - retentionMs;
    while (!stopped) {
      const result = await options.store.purgeOlderThan(cutoff, batchSize);
      total.attemptsDeleted += result.attemptsDeleted;
      total.payloadsCleared += result.payloadsCleared;
      if (result.attemptsDeleted < batchSize && result.payloadsCleared < batchSize) break;
      // Yield between batches so claims and publishes interleave with a long purge.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (total.attemptsDeleted + total.payloadsCleared > 0) options.onPurged?.(total);
    return total;
  }

  function tick() {
    if (stopped || running) return;
    running = runOnce().finally(() => {
      running = null;
    });
    running.catch(() => {});
  }

  return {
    runOnce: () => {
      stopped = false;
      return runOnce();
    },
    start() {
      stopped = false;
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
    },
  };
}
