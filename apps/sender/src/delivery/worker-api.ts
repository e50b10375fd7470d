import type { ClaimedDelivery, OperationalEvent, PublishLease, Store } from '../store/types.js';
import type { CircuitBreakerOptions, CircuitSnapshot } from './circuit-breaker.js';
import type { DeliverOneOutcome } from './deliver-one.js';
import type { HttpDispatcher } from './http-dispatch.js';
import { positiveInt } from './option-checks.js';
import type { SecretsResolver } from './secrets-resolver.js';

/** The delivery worker's public surface: its options, its methods and its stats (worker.ts builds it). */

export interface WorkerLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DeliveryWorkerOptions {
  store: Store;
  /** Unique per process: leases are held in its name. */
  workerId: string;
  secrets?: SecretsResolver;
  batchSize?: number;
  /**
   * Lease per claimed delivery; at least `maxTimeoutMs` + MIN_LEASE_MARGIN_MS, so a slow attempt
   * never loses its lease. Default: twice `maxTimeoutMs`, or that minimum if larger.
   */
  leaseMs?: number;
  pollIntervalMs?: number;
  /** Attempts in flight across all endpoints. */
  concurrency?: number;
  /** Attempts in flight per endpoint. */
  maxInFlightPerEndpoint?: number;
  /** Upper bound for any endpoint's `timeoutMs`. */
  maxTimeoutMs?: number;
  circuitBreaker?: CircuitBreakerOptions;
  /** Disable an endpoint after failing continuously this long (default 5 days). */
  disableAfterMs?: number;
  onOperationalEvent?: (event: OperationalEvent) => void | Promise<void>;
  /** Called after every recorded attempt (metrics, tests). */
  onAttempt?: (claimed: ClaimedDelivery, outcome: Extract<DeliverOneOutcome, { kind: 'completed' }>) => void;
  /** A delivery this process could not send (it lacks the key of the endpoint's secrets) was put off. */
  onPutOff?: (claimed: ClaimedDelivery, reason: string) => void;
  clock?: () => number;
  random?: () => number;
  /** Defaults to a dispatcher owned (and closed) by the worker. */
  dispatcher?: HttpDispatcher;
  userAgent?: string;
  logger?: WorkerLogger;
}

export interface WorkerStats {
  inFlight: number;
  /** Claimed deliveries waiting for a slot of their (busy) endpoint. */
  waiting: number;
  inFlightByEndpoint: Record<string, number>;
  circuits: CircuitSnapshot[];
}

export interface DeliveryWorker {
  start(): void;
  /** Stops claiming, waits up to `graceMs` for attempts in flight, aborts and releases the rest. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Hint that new deliveries may be due (after a publish): claim now instead of at the next poll. */
  wake(): void;
  /** One claim-and-deliver round, awaiting its attempts (for tests and CLIs; not while started). */
  runOnce(): Promise<number>;
  /**
   * Terms for a publish in this process to store its new deliveries already leased to this worker
   * (see `PublishLease`), or null when the worker should not take any now: stopped, no free slot,
   * or older due work may be waiting in the store (that goes first, through the claim loop).
   */
  publishLease(): PublishLease | null;
  /**
   * Starts deliveries a committed publish leased to this worker: no claim query, no wake-up.
   * `pendingLeft`: that publish also stored due deliveries beyond the lease (the claim loop's work).
   */
  adopt(leased: ClaimedDelivery[], pendingLeft?: boolean): void;
  stats(): WorkerStats;
}

/**
 * Lease time beyond the longest timeout. Half of it (at least 1 s) is left to record an attempt's
 * outcome; with 1 ms to spare a slow attempt outlived its lease and a second worker sent it again.
 * config/env.ts checks TASKHOOKS_LEASE_MS against the same value.
 */
export const MIN_LEASE_MARGIN_MS = 2_000;

/** The worker's lease (see `DeliveryWorkerOptions.leaseMs`), or a RangeError naming both options. */
export function checkedLeaseMs(leaseMs: number | undefined, maxTimeoutMs: number): number {
  const minimum = maxTimeoutMs + MIN_LEASE_MARGIN_MS;
  const lease = positiveInt('leaseMs', leaseMs ?? Math.max(maxTimeoutMs * 2, minimum));
  if (lease < minimum) {
    throw new RangeError(
      `leaseMs (${lease}) must be at least maxTimeoutMs (${maxTimeoutMs}) + ${MIN_LEASE_MARGIN_MS}: ` +
        "otherwise a slow attempt's outcome cannot be recorded before its lease expires and another worker sends it again",
    );
  }
  return lease;
}
