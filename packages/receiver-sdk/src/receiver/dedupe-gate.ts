import type { DedupeOptions, DedupeStore } from '../dedupe/dedupe-store.js';
import { defaultDedupeTtlSeconds } from '../dedupe/dedupe-store.js';
import { createMemoryDedupeStore } from '../dedupe/memory-store.js';

export interface DedupeGate {
  /**
   * Waits out a concurrent attempt of the same id in this process, then reports whether the id
   * was already handled. When it returns `false` the caller holds the id until `release`.
   */
  claim(id: string): Promise<boolean>;
  /** Ends the caller's hold; `handled` records the id so later retries are acknowledged. */
  release(id: string, handled: boolean): Promise<void>;
}

/**
 * Dedupe around a has/add store. Ids are recorded only after every handler succeeded, so a
 * failed attempt is processed again on retry. The in-flight map closes the window where a
 * sender's timeout-retry arrives while the first attempt is still running.
 */
export function createDedupeGate(options: DedupeOptions | false | undefined): DedupeGate {
  if (options === false) {
    return { claim: async () => false, release: async () => {} };
  }
  const store: DedupeStore = options?.store ?? createMemoryDedupeStore();
  const ttlSeconds = options?.ttlSeconds ?? defaultDedupeTtlSeconds;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError(`dedupe.ttlSeconds must be a positive number, got ${String(ttlSeconds)}`);
  }
  const inFlight = new Map<string, Promise<void>>();
  const finish = new Map<string, () => void>();

  return {
    async claim(id) {
      for (let running = inFlight.get(id); running; running = inFlight.get(id)) await running;
      // Held before the store is asked, so a concurrent attempt waits instead of racing the lookup.
      inFlight.set(id, new Promise<void>((resolve) => finish.set(id, resolve)));
      try {
        const seen = await store.has(id);
        if (seen) endHold(id);
        return seen;
      } catch (error) {
        endHold(id);
        throw error;
      }
    },
    async release(id, handled) {
      try {
        if (handled) await store.add(id, ttlSeconds);
      } finally {
        endHold(id);
      }
    },
  };

  function endHold(id: string): void {
    inFlight.delete(id);
    finish.get(id)?.();
    finish.delete(id);
  }
}
