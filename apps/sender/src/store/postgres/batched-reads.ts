type Caller<V> = { resolve: (value: V | null) => void; reject: (error: unknown) => void };

/**
 * Concurrent point reads of one kind, gathered into one statement: `getTenant` runs on every
 * publish call (the API checks the tenant first), and one query per call on the shared pool made
 * those reads queue behind each other and behind delivery claims and completions for a
 * connection. The calls made in one turn of the event loop share one statement, sent at the end
 * of that turn (whatever is still in flight), so each read is sent after its call began and never
 * answers from a snapshot older than the call: the same guarantee as a query of its own.
 */
export function createBatchedReader<V>(
  read: (keys: string[]) => Promise<Map<string, V>>,
  options: { maxBatchKeys?: number } = {},
): (key: string) => Promise<V | null> {
  const maxBatchKeys = options.maxBatchKeys ?? 500;
  let waiting = new Map<string, Caller<V>[]>();
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    while (waiting.size > 0) void readBatch(takeBatch());
  }

  async function readBatch(batch: Map<string, Caller<V>[]>): Promise<void> {
    try {
      const found = await read([...batch.keys()]);
      for (const [key, callers] of batch)
        for (const caller of callers) caller.resolve(found.get(key) ?? null);
    } catch (error) {
      for (const callers of batch.values()) for (const caller of callers) caller.reject(error);
    }
  }

  function takeBatch(): Map<string, Caller<V>[]> {
    if (waiting.size <= maxBatchKeys) {
      const batch = waiting;
      waiting = new Map();
      return batch;
    }
    const batch = new Map<string, Caller<V>[]>();
    for (const [key, callers] of waiting) {
      if (batch.size >= maxBatchKeys) break;
      batch.set(key, callers);
      waiting.delete(key);
    }
    return batch;
  }

  return (key) =>
    new Promise<V | null>((resolve, reject) => {
      const callers = waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      if (!scheduled) {
        scheduled = true;
        // Every call made in this turn of the event loop (each request read from a socket) joins.
        setImmediate(flush);
      }
    });
}
