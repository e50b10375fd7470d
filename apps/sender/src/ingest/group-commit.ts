/**
 * Group commit: publishes that arrive while a commit is running are gathered and written in the
 * next single transaction. Nobody waits for a timer — an idle committer starts at the next turn
 * of the event loop — so latency stays at one commit when idle, and throughput rises with load
 * (one fsync serves many requests). Every caller's promise resolves only after ITS items are
 * durably committed, so batching never weakens the durability promise.
 */
export interface GroupCommitter<In, Out> {
  submit(items: In[]): Promise<Out[]>;
  /** Resolves when everything submitted so far is committed (graceful shutdown). */
  drain(): Promise<void>;
}

interface Waiting<In, Out> {
  items: In[];
  resolve: (results: Out[]) => void;
  reject: (error: unknown) => void;
}

/** The item of a failed commit that caused the failure, and the error its caller should get. */
export interface AttributedFailure {
  /** Index of the item at fault among the items of the failed commit. */
  index: number;
  /** The error for the caller of that item, given the item's index among ITS items. */
  errorFor(indexInCall: number): unknown;
}

export interface GroupCommitOptions {
  maxBatchItems?: number;
  /**
   * Names the item behind a failure that one caller's input caused (e.g. an idempotency key
   * reused for another request), or undefined. That caller alone gets the error and the others
   * are committed again together; without it, one caller's bad input failed every caller of the
   * transaction. Other failures (disk full, connection lost) are given to every caller as before:
   * a commit whose outcome is unknown must not be repeated as if nothing had been stored.
   */
  attributeFailure?: (error: unknown) => AttributedFailure | undefined;
  /**
   * True for a failure some caller's input caused that cannot be pinned to an item, and that
   * certainly stored nothing (the database refused a value before COMMIT). Each caller is then
   * committed alone, so only the one whose input the database refuses gets the error.
   */
  isolateOnFailure?: (error: unknown) => boolean;
}

export function createGroupCommitter<In, Out>(
  commit: (items: In[]) => Promise<Out[]>,
  options: GroupCommitOptions = {},
): GroupCommitter<In, Out> {
  const maxBatchItems = options.maxBatchItems ?? 1000;
  const queue: Waiting<In, Out>[] = [];
  let running: Promise<void> | null = null;

  async function runCommits(): Promise<void> {
    // Let every request already read from the sockets this turn join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) await commitTogether(takeBatch());
  }

  async function commitTogether(callers: Waiting<In, Out>[]): Promise<void> {
    let batch = callers;
    while (batch.length > 0) {
      try {
        const results = await commit(batch.flatMap((waiting) => waiting.items));
        let offset = 0;
        for (const waiting of batch) {
          waiting.resolve(results.slice(offset, offset + waiting.items.length));
          offset += waiting.items.length;
        }
        return;
      } catch (error) {
        const fault = options.attributeFailure?.(error);
        const atFault = fault ? callerOf(batch, fault.index) : undefined;
        if (!fault || !atFault) {
          if (batch.length > 1 && options.isolateOnFailure?.(error)) {
            for (const waiting of batch) await commitTogether([waiting]);
            return;
          }
          for (const waiting of batch) waiting.reject(error);
          return;
        }
        atFault.waiting.reject(fault.errorFor(atFault.indexInCall));
        batch = batch.filter((waiting) => waiting !== atFault.waiting);
      }
    }
  }

  function callerOf(batch: Waiting<In, Out>[], index: number) {
    let offset = 0;
    for (const waiting of batch) {
      if (index < offset + waiting.items.length) return { waiting, indexInCall: index - offset };
      offset += waiting.items.length;
    }
    return undefined;
  }

  function takeBatch(): Waiting<In, Out>[] {
    const batch: Waiting<In, Out>[] = [];
    let count = 0;
    // A caller's items always stay together in one transaction, even past the soft cap.
    while (queue.length > 0 && (batch.length === 0 || count + queue[0]!.items.length <= maxBatchItems)) {
      const next = queue.shift()!;
      batch.push(next);
      count += next.items.length;
    }
    return batch;
  }

  function ensureRunning(): Promise<void> {
    if (!running) {
      running = runCommits().finally(() => {
        running = null;
        if (queue.length > 0) void ensureRunning();
      });
    }
    return running;
  }

  return {
    submit(items) {
      if (items.length === 0) return Promise.resolve([]);
      return new Promise<Out[]>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        void ensureRunning();
      });
    },
    async drain() {
      while (running || queue.length > 0) await ensureRunning();
    },
  };
}
