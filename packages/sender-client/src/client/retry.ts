/** How the client repeats its own transient failures. */
export interface RetryOptions {
  /** Extra attempts after the first (default 3; 0 = never retry). */
  retries?: number;
  /** First backoff delay in ms (default 200); doubles each retry, with jitter. */
  baseDelayMs?: number;
  /** Longest backoff delay in ms (default 5 000). */
  maxDelayMs?: number;
  /** A longer Retry-After than this (ms, default 30 000) is not waited for: the error is thrown. */
  maxRetryAfterMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(option: number | RetryOptions | undefined): ResolvedRetryOptions {
  const given = typeof option === 'number' ? { retries: option } : (option ?? {});
  const resolved = {
    retries: given.retries ?? 3,
    baseDelayMs: given.baseDelayMs ?? 200,
    maxDelayMs: given.maxDelayMs ?? 5_000,
    maxRetryAfterMs: given.maxRetryAfterMs ?? 30_000,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`retries.${name} must be a non-negative integer, got ${value}`);
    }
  }
  return resolved;
}

/** What a failed request says about trying again. */
export type FailureKind =
  /** Refused before anything was processed (429, connection refused): always safe to repeat. */
  | 'rejected_unprocessed'
  /** Maybe processed, answer lost (502/503/504, reset connection): repeat only repeatable calls. */
  | 'ambiguous'
  /** The request itself is wrong or forbidden: repeating cannot help. */
  | 'final';

export function classifyStatus(status: number): FailureKind {
  if (status === 429) return 'rejected_unprocessed';
  if (status === 502 || status === 503 || status === 504) return 'ambiguous';
  return 'final';
}

export function classifyNetworkError(error: unknown): FailureKind {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === 'ECONNREFUSED' ? 'rejected_unprocessed' : 'ambiguous';
}

/**
 * The wait before retry number `retry` (1-based): exponential with "equal jitter" (half fixed,
 * half random) so many clients failing together do not come back in the same millisecond. A
 * Retry-After from the server is a floor.
 */
export function backoffDelayMs(
  retry: number,
  options: ResolvedRetryOptions,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(Math.round(jittered), (retryAfterSeconds ?? 0) * 1000);
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
