import type { RetryPolicy } from '../store/types.js';
import { type DispatchResult, isSuccessStatus } from './dispatch-result.js';
import { parseRetryAfterMs } from './retry-after.js';

export type { RetryPolicy };

export interface NextStep {
  state: 'succeeded' | 'failed' | 'pending';
  /** When the next attempt is due (only for `pending`). */
  nextAttemptAt: number | null;
  /** Why, in words an operator understands; stored with the attempt. */
  reason: string;
}

/** The part of a dispatch result the policy looks at. */
export type AttemptResultForPolicy = Pick<DispatchResult, 'status' | 'errorKind'> & {
  headers?: Record<string, string>;
};

/**
 * Decides what happens after attempt `attemptNumber` (1-based) of a delivery. Pure: the clock
 * (`now`) and the randomness (`random`, in [0, 1)) are parameters so schedules are testable.
 *
 * Failure classes and the `retryOn` switch that governs each:
 * - network error → `network`; timeout → `timeout`
 * - 429 → `status429`; 5xx → `status5xx`
 * - any other non-2xx (4xx and un-followed 3xx redirects) → `status4xx`
 * - `blocked` (SSRF guard) is never retried: the destination will not become allowed by waiting.
 */
export function decideNextStep(
  policy: RetryPolicy,
  attemptNumber: number,
  result: AttemptResultForPolicy,
  now: number,
  random: () => number = Math.random,
): NextStep {
  if (result.errorKind === null && isSuccessStatus(result.status)) {
    return { state: 'succeeded', nextAttemptAt: null, reason: `succeeded with HTTP ${result.status}` };
  }
  const failure = describeFailure(result);
  if (!isRetryable(policy, result)) {
    return { state: 'failed', nextAttemptAt: null, reason: `${failure}; not retried by this policy` };
  }
  if (attemptNumber >= policy.maxAttempts) {
    // Past the schedule only when redelivered by hand after it was spent: one more attempt, no retries.
    const reason =
      attemptNumber === policy.maxAttempts
        ? `gave up after ${attemptNumber} of ${policy.maxAttempts} attempts`
        : `not retried: attempt ${attemptNumber} was a redelivery after the policy's ${policy.maxAttempts} attempts`;
    return { state: 'failed', nextAttemptAt: null, reason: `${failure}; ${reason}` };
  }
  const delayMs = retryDelayMs(policy, attemptNumber, result, now, random);
  return {
    state: 'pending',
    nextAttemptAt: now + delayMs,
    reason: `${failure}; attempt ${attemptNumber + 1} of ${policy.maxAttempts} in ${formatDelay(delayMs)}`,
  };
}

export function isRetryable(policy: RetryPolicy, result: AttemptResultForPolicy): boolean {
  switch (result.errorKind) {
    case 'network':
      return policy.retryOn.network;
    case 'timeout':
      return policy.retryOn.timeout;
    case 'blocked':
    case 'aborted':
      return false;
    default: {
      const status = result.status ?? 0;
      if (status === 429) return policy.retryOn.status429;
      // 600 and above belong to no class (RFC 9110 §15): a broken server, as isEndpointDown says too.
      if (status >= 500) return policy.retryOn.status5xx;
      return policy.retryOn.status4xx;
    }
  }
}

/**
 * Scheduled delay before attempt `attemptNumber + 1`, plus jitter; a Retry-After on 429/503 can
 * only lengthen it, and never beyond `maxRetryAfterMs` (a receiver must not park a delivery for days).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attemptNumber: number,
  result: AttemptResultForPolicy,
  now: number,
  random: () => number,
): number {
  const scheduled = scheduledDelayMs(policy, attemptNumber);
  const jittered = Math.round(scheduled * (1 + policy.jitter * clampUnit(random())));
  if (result.status !== 429 && result.status !== 503) return jittered;
  const retryAfter = parseRetryAfterMs(findHeader(result.headers, 'retry-after'), now);
  if (retryAfter === null) return jittered;
  return Math.max(jittered, Math.min(retryAfter, policy.maxRetryAfterMs));
}

/** Delay before attempt n+1 without jitter; the last entry repeats. */
export function scheduledDelayMs(policy: RetryPolicy, attemptNumber: number): number {
  const { delaysMs } = policy;
  if (delaysMs.length === 0) return 0;
  const index = Math.min(Math.max(attemptNumber - 1, 0), delaysMs.length - 1);
  return delaysMs[index] ?? 0;
}

function describeFailure(result: AttemptResultForPolicy): string {
  if (result.errorKind === 'timeout') return 'timed out';
  if (result.errorKind === 'network') return 'network error';
  if (result.errorKind === 'blocked') return 'destination blocked';
  if (result.errorKind === 'aborted') return 'aborted';
  return `HTTP ${result.status ?? 'no status'}`;
}

function findHeader(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}

function formatDelay(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 6000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}
