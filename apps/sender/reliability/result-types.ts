/**
 * Shared result types of the reliability suite (`pnpm test:reliability`): every scenario module
 * returns one of these and the runner collects them into one summary table.
 */

/** `full` = the figures reported in the suite's table; `ci` = a reduced, faster version. */
export type ReliabilityScale = 'full' | 'ci';

/** What one fault scenario proved: every acknowledged event accounted for. */
export interface FaultResult {
  name: string;
  /** Events (or deliveries, where the scenario says so in `notes`) acknowledged to the publisher. */
  published: number;
  /** Of those, how many reached the receiver at least once. */
  delivered: number;
  /** Extra copies the receiver got (at-least-once allows them; each scenario bounds them). */
  duplicates: number;
  /** Acknowledged but never delivered: must be 0. */
  lost: number;
  notes?: string[];
  /** Scenario-specific figures (e.g. 503s seen, readiness transitions, throughput ratio). */
  extra?: Record<string, number | string>;
}

export interface FaultScenario {
  name: string;
  run(options: { scale: ReliabilityScale }): Promise<FaultResult>;
}

/** One fuzz target: every generated case checked against its oracle over real HTTP (or the SDK). */
export interface FuzzResult {
  target: string;
  cases: number;
  /** Cases whose answer broke a property (wrong status, stored when it must not be, crash …). */
  failures: number;
  /** How the cases split (e.g. accepted / rejected / 413), for the report. */
  breakdown: Record<string, number>;
  /** The first few failures, described without secrets. */
  failureExamples: string[];
}

/** One security check of the suite (matrices rerun, revocation, secret scan, timing-safe compares). */
export interface SecurityCheckResult {
  check: string;
  passed: boolean;
  /** What was checked and counted, e.g. "58 rows, 0 failed". */
  detail: string;
}

/** The bounded soak: steady publishing through the real API with a share of failing endpoints. */
export interface SoakResult {
  seconds: number;
  targetRatePerSec: number;
  achievedRatePerSec: number;
  published: number;
  /** Acknowledged events for healthy endpoints that reached the receiver / never did. */
  delivered: number;
  lost: number;
  duplicates: number;
  /** Deliveries to the failing endpoints by final state (failed, pending …). */
  failingEndpointStates: Record<string, number>;
  latencyMs: { p50: number; p99: number; max: number };
  rssMiB: { start: number; afterWarmup: number; max: number; end: number; samples: number[] };
  /** SQLite file (+ WAL) and live pages before and after a retention purge with a short retention. */
  database: {
    fileBytesBefore: number;
    fileBytesAfter: number;
    liveBytesBefore: number;
    liveBytesAfter: number;
  };
  purged: {
    attemptsDeleted: number;
    payloadsCleared: number;
    deliveriesDeleted: number;
    messagesDeleted: number;
  };
  /** Publish calls that could not start on time (all slots busy): the rate was not sustained. */
  skippedCalls: number;
  /** Every bound the soak asserts that did not hold; empty = passed. */
  problems: string[];
}
