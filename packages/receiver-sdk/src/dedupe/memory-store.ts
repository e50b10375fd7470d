import type { DedupeStore } from './dedupe-store.js';

export interface MemoryDedupeStoreOptions {
  /** Most ids kept; the least recently seen is dropped first. Default 10,000. */
  maxEntries?: number;
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * In-process LRU with per-entry TTL. Right for a single instance; with several instances behind
 * a load balancer use a shared store, or a retry landing on another instance runs again.
 */
export function createMemoryDedupeStore(options: MemoryDedupeStoreOptions = {}): DedupeStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError(`createMemoryDedupeStore: maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so re-inserting on access makes the first key the LRU one.
  const expiresAt = new Map<string, number>();

  return {
    has(id) {
      const expiry = expiresAt.get(id);
      if (expiry === undefined) return false;
      expiresAt.delete(id);
      if (expiry <= now()) return false;
      expiresAt.set(id, expiry);
      return true;
    },
    add(id, ttlSeconds) {
      expiresAt.delete(id);
      expiresAt.set(id, now() + ttlSeconds * 1000);
      while (expiresAt.size > maxEntries) {
        const oldest = expiresAt.keys().next().value as string;
        expiresAt.delete(oldest);
      }
    },
  };
}
