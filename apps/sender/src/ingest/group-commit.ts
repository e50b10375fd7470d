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

export function createGroupCommitter<In, Out>(
  commit: (items: In[]) => Promise<Out[]>,
  options: { maxBatchItems?: number } = {},
): GroupCommitter<In, Out> {
  const maxBatchItems = options.maxBatchItems ?? 1000;
  const queue: Waiting<In, Out>[] = [];
  let running: Promise<void> | null = null;

  async function runCommits(): Promise<void> {
    // Let every request already read from the sockets this turn join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = takeBatch();
      const items = batch.flatMap((waiting) => waiting.items);
      try {
        const results = await commit(items);
        let offset = 0;
        for (const waiting of batch) {
          waiting.resolve(results.slice(offset, offset + waiting.items.length));
          offset += waiting.items.length;
        }
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else await commitOneByOne(batch);
      }
    }
  }

  /**
   * A failed group commit stored nothing (one transaction); which caller's items caused it is not
   * known, so each caller is committed alone and only the one at fault gets the error. Without
   * this, one caller's bad input (an idempotency key reused for another payload) failed everyone.
   */
  async function commitOneByOne(batch: Waiting<In, Out>[]): Promise<void> {
    for (const waiting of batch) {
      try {
        waiting.resolve(await commit(waiting.items));
      } catch (error) {
        waiting.reject(error);
      }
    }
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
