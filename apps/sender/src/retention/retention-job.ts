import type { PurgeResult, RecordPurgeResult, Store } from '../store/types.js';

/** What one pass removed: attempts and payloads, then whole rows of the delivery log. */
export type RetentionPassResult = Omit<PurgeResult, 'resume'> & Omit<RecordPurgeResult, 'resume'>;

export interface RetentionJobOptions {
  store: Store;
  /** Attempts and payloads older than this are purged (default 7 days, as seed 003 documents). */
  retentionMs?: number;
  /**
   * Finished delivery rows and their messages older than this are deleted (default 30 days; at
   * least `retentionMs`): until then they stay as the log's skeleton, without attempts or payload.
   * Operational events go at the same age.
   */
  recordRetentionMs?: number;
  /** Rows per purge transaction: small, so a purge never holds locks long enough to stall delivery. */
  batchSize?: number;
  /** How often a purge pass starts (default 10 min). */
  intervalMs?: number;
  now?: () => number;
  onPurged?: (result: RetentionPassResult) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RETENTION_MS = 7 * DAY_MS;
export const DEFAULT_RECORD_RETENTION_MS = 30 * DAY_MS;

export interface RetentionJob {
  /** One full pass: purges in batches until nothing old is left. */
  runOnce(): Promise<RetentionPassResult>;
  start(): void;
  stop(): Promise<void>;
}

export function createRetentionJob(options: RetentionJobOptions): RetentionJob {
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const recordRetentionMs = options.recordRetentionMs ?? Math.max(DEFAULT_RECORD_RETENTION_MS, retentionMs);
  if (recordRetentionMs < retentionMs) {
    throw new RangeError(
      `recordRetentionMs (${recordRetentionMs}) must be at least retentionMs (${retentionMs}): a delivery row cannot go before its attempts`,
    );
  }
  const batchSize = options.batchSize ?? 500;
  const intervalMs = options.intervalMs ?? 10 * 60 * 1000;
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RetentionPassResult> | null = null;
  let stopped = false;

  async function runOnce(): Promise<RetentionPassResult> {
    const total: RetentionPassResult = {
      attemptsDeleted: 0,
      payloadsCleared: 0,
      deliveriesDeleted: 0,
      messagesDeleted: 0,
      operationalEventsDeleted: 0,
      endpointsDeleted: 0,
    };
    const clock = now();
    let purged: PurgeResult | undefined;
    await inBatches(
      async () =>
        (purged = await options.store.purgeOlderThan(clock - retentionMs, batchSize, purged?.resume)),
      (result) => {
        total.attemptsDeleted += result.attemptsDeleted;
        total.payloadsCleared += result.payloadsCleared;
        return result.attemptsDeleted === batchSize || result.payloadsCleared === batchSize;
      },
    );
    let deleted: RecordPurgeResult | undefined;
    await inBatches(
      async () =>
        (deleted = await options.store.purgeRecordsOlderThan(
          clock - recordRetentionMs,
          batchSize,
          deleted?.resume,
        )),
      (result) => {
        total.deliveriesDeleted += result.deliveriesDeleted;
        total.messagesDeleted += result.messagesDeleted;
        total.operationalEventsDeleted += result.operationalEventsDeleted;
        total.endpointsDeleted += result.endpointsDeleted;
        const { resume: _resume, ...counts } = result;
        return Object.values(counts).some((n) => n === batchSize);
      },
    );
    if (Object.values(total).some((n) => n > 0)) options.onPurged?.(total);
    return total;
  }

  /** Runs `purge` until `more` says a batch came back short; yields between batches. */
  async function inBatches<R>(purge: () => Promise<R>, more: (result: R) => boolean): Promise<void> {
    while (!stopped) {
      if (!more(await purge())) return;
      // Yield between batches so claims and publishes interleave with a long purge.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
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
