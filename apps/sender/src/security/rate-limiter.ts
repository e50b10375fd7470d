import type { ApiSettings } from '../api/api-settings.js';
export interface RateLimiterOptions {
  /** Burst size: tokens a bucket holds when full. */
  capacity: number;
  /** Sustained rate: tokens added per second. */
  refillPerSecond: number;
  /** Upper bound of buckets kept in memory; the least recently used one goes first. Default 10 000. */
  maxBuckets?: number;
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
}

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the request would be allowed (0 when allowed): the Retry-After value. */
  retryAfterSeconds: number;
  /** Tokens left after this decision, rounded down. */
  remaining: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token bucket per key (API key id, tenant id, client address). Buckets live in a Map kept in
 * least-recently-used order; a bucket idle long enough to refill completely is indistinguishable
 * from a new one, so those are dropped as they are met, and `maxBuckets` caps the rest — an
 * attacker cycling keys costs bounded memory.
 */
export class TokenBucketRateLimiter {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #maxBuckets: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: RateLimiterOptions) {
    const { capacity, refillPerSecond, maxBuckets = 10_000 } = options;
    if (!Number.isFinite(capacity) || capacity < 1) throw new RangeError('capacity must be a number >= 1');
    if (!Number.isFinite(refillPerSecond) || refillPerSecond <= 0) {
      throw new RangeError('refillPerSecond must be a positive number');
    }
    if (!Number.isInteger(maxBuckets) || maxBuckets < 1)
      throw new RangeError('maxBuckets must be a whole number >= 1');
    this.#capacity = capacity;
    this.#refillPerMs = refillPerSecond / 1000;
    this.#maxBuckets = maxBuckets;
    this.#now = options.now ?? Date.now;
  }

  /** Buckets currently held in memory. */
  get size(): number {
    return this.#buckets.size;
  }

  /** Takes `cost` tokens from `key`'s bucket if it has them. */
  take(key: string, cost = 1): RateDecision {
    if (!(cost > 0) || cost > this.#capacity)
      throw new RangeError(`cost must be > 0 and <= capacity (${this.#capacity})`);
    const now = this.#now();
    const bucket = this.#refill(key, now);
    // Re-inserting moves the key to the most-recently-used end of the Map.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    this.#evict(now);

    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(bucket.tokens) };
    }
    const waitMs = (cost - bucket.tokens) / this.#refillPerMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), remaining: 0 };
  }

  #refill(key: string, now: number): Bucket {
    const bucket = this.#buckets.get(key);
    if (!bucket) return { tokens: this.#capacity, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt);
    return { tokens: Math.min(this.#capacity, bucket.tokens + elapsed * this.#refillPerMs), updatedAt: now };
  }

  #evict(now: number): void {
    const fullAfterMs = this.#capacity / this.#refillPerMs;
    for (const [key, bucket] of this.#buckets) {
      const idleAndFull = now - bucket.updatedAt >= fullAfterMs;
      if (!idleAndFull && this.#buckets.size <= this.#maxBuckets) break;
      this.#buckets.delete(key);
    }
  }
}

/** The per-key limits of publishing and of management calls, from TASKHOOKS_RATE_LIMIT_*; false when off. */
export function rateLimitsFromSettings(
  settings: Pick<
    ApiSettings,
    | 'TASKHOOKS_RATE_LIMIT'
    | 'TASKHOOKS_RATE_LIMIT_PUBLISH_BURST'
    | 'TASKHOOKS_RATE_LIMIT_PUBLISH_PER_SECOND'
    | 'TASKHOOKS_RATE_LIMIT_MANAGEMENT_BURST'
    | 'TASKHOOKS_RATE_LIMIT_MANAGEMENT_PER_SECOND'
  >,
): { publish: TokenBucketRateLimiter; management: TokenBucketRateLimiter } | false {
  if (settings.TASKHOOKS_RATE_LIMIT === 'off') return false;
  return {
    publish: new TokenBucketRateLimiter({
      capacity: settings.TASKHOOKS_RATE_LIMIT_PUBLISH_BURST,
      refillPerSecond: settings.TASKHOOKS_RATE_LIMIT_PUBLISH_PER_SECOND,
    }),
    management: new TokenBucketRateLimiter({
      capacity: settings.TASKHOOKS_RATE_LIMIT_MANAGEMENT_BURST,
      refillPerSecond: settings.TASKHOOKS_RATE_LIMIT_MANAGEMENT_PER_SECOND,
    }),
  };
}
