/**
 * Remembers delivery ids that were fully handled, so a retried or replayed delivery is
 * acknowledged without running handlers twice. Both methods may return a promise, so a shared
 * store (Redis, a SQL table) works across several receiver instances.
 *
 * A Redis store is two commands: `has` = `EXISTS key`, `add` = `SET key 1 EX ttlSeconds`.
 */
export interface DedupeStore {
  /** True when `id` was added and its TTL has not run out. */
  has(id: string): boolean | Promise<boolean>;
  /** Remember `id` for `ttlSeconds`. Called only after every handler succeeded. */
  add(id: string, ttlSeconds: number): void | Promise<void>;
}

export interface DedupeOptions {
  /** Where handled ids are kept. Default: an in-memory LRU ({@link createMemoryDedupeStore}). */
  store?: DedupeStore;
  /** How long a handled id is remembered. Default 3 days, longer than common retry schedules. */
  ttlSeconds?: number;
}

export const defaultDedupeTtlSeconds = 3 * 24 * 60 * 60;
