import { type buildConnector, Pool } from 'undici';

/**
 * What a custom `connect` hook is called with: undici's options plus `timeout`, the bound (ms) the
 * hook must give the connect phase. undici fixes a connector's timeout when it is built (10 s by
 * default) and never passes one per call, so a hook built elsewhere learns it from here.
 */
export type ConnectOptionsWithTimeout = buildConnector.Options & { timeout?: number };

export interface PoolCacheOptions {
  /** Close a pool after it had no request for this long. */
  idleMs: number;
  /** Upper bound of parallel connections per origin. */
  connectionsPerOrigin: number;
  /** How long an idle keep-alive socket is kept open. */
  keepAliveTimeoutMs: number;
  /** Passed to every Pool: the hook an SSRF guard uses to vet addresses before connecting. */
  connect?: Pool.Options['connect'];
  /**
   * Bound on opening a connection (TCP and TLS), given to undici's connector or, with a custom
   * `connect` function, passed to it as `timeout`. Without it undici cuts every connect at 10 s,
   * whatever time the attempt was allowed.
   */
  connectTimeoutMs?: number;
  now?: () => number;
}

interface Entry {
  pool: Pool;
  lastUsedAt: number;
  inFlight: number;
}

/**
 * One undici Pool per origin so keep-alive connections are reused across deliveries, with
 * idle pools closed so a long-running worker does not hold sockets to every endpoint it ever saw.
 */
export class PoolCache {
  readonly #entries = new Map<string, Entry>();
  readonly #options: PoolCacheOptions;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;

  constructor(options: PoolCacheOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => void this.evictIdle(), Math.max(1000, options.idleMs / 2));
    this.#timer.unref();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Runs `use` with the origin's pool, keeping the pool alive while it runs. */
  async with<T>(origin: string, use: (pool: Pool) => Promise<T>): Promise<T> {
    const entry = this.#entryFor(origin);
    entry.inFlight++;
    try {
      return await use(entry.pool);
    } finally {
      entry.inFlight--;
      entry.lastUsedAt = this.#now();
    }
  }

  /** Closes pools idle for longer than `idleMs`; returns how many. */
  async evictIdle(): Promise<number> {
    const cutoff = this.#now() - this.#options.idleMs;
    const stale = [...this.#entries].filter(([, e]) => e.inFlight === 0 && e.lastUsedAt <= cutoff);
    for (const [origin] of stale) this.#entries.delete(origin);
    await Promise.all(stale.map(([, e]) => e.pool.close().catch(() => undefined)));
    return stale.length;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    const pools = [...this.#entries.values()].map((e) => e.pool);
    this.#entries.clear();
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => undefined)));
  }

  #entryFor(origin: string): Entry {
    let entry = this.#entries.get(origin);
    if (!entry) {
      const { connectionsPerOrigin, keepAliveTimeoutMs, connect, connectTimeoutMs } = this.#options;
      const pool = new Pool(origin, {
        connections: connectionsPerOrigin,
        keepAliveTimeout: keepAliveTimeoutMs,
        // undici applies connectTimeout only to the connector it builds itself.
        ...(connectTimeoutMs === undefined ? {} : { connectTimeout: connectTimeoutMs }),
        ...(connect === undefined ? {} : { connect: withConnectTimeout(connect, connectTimeoutMs) }),
      });
      entry = { pool, lastUsedAt: this.#now(), inFlight: 0 };
      this.#entries.set(origin, entry);
    }
    return entry;
  }
}

function withConnectTimeout(
  connect: NonNullable<Pool.Options['connect']>,
  timeout: number | undefined,
): NonNullable<Pool.Options['connect']> {
  if (timeout === undefined) return connect;
  if (typeof connect !== 'function') return { timeout, ...connect };
  return (options, callback) => connect({ ...options, timeout } as ConnectOptionsWithTimeout, callback);
}
