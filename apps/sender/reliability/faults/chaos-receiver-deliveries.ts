import type { RetryPolicy } from '../../src/store/types.js';
import { publishMany } from '../../src/testing/api-client.js';
import { waitUntilDrained } from '../../src/testing/delivery-tally.js';
import { prepareProcessBackend } from '../../src/testing/process-backend.js';
import { loadSeedExample, seedTenantWithEndpoint, TEST_ADMIN_KEY } from '../../src/testing/seed-data.js';
import { type SenderProcess, startSenderProcess } from '../../src/testing/sender-process.js';
import { startChaosReceiver } from '../chaos-receiver/chaos-server.js';
import type { FaultResult, ReliabilityScale } from '../result-types.js';
import { checkChaosDeliveries } from './chaos-checks.js';
import { readDeliveriesWithAttempts, readMetric } from './delivery-records.js';

const EVENTS: Record<ReliabilityScale, number> = { full: 2000, ci: 300 };
const TIMEOUT_MS = 1500;
/** Longer than the timeout, as the sender requires: an attempt in flight never loses its lease. */
const LEASE_MS = 4000;
const POLICY: RetryPolicy = {
  maxAttempts: 4,
  delaysMs: [200, 400, 800],
  jitter: 0,
  retryOn: { network: true, timeout: true, status429: true, status5xx: true, status4xx: false },
  maxRetryAfterMs: 2000,
};
/**
 * Worst case per delivery is 4 timeouts plus the delays; the rest is queueing on two busy cores
 * and the circuit breaker's cool-downs (the CI size drains in 8–15 s). "Stuck" means not done
 * within this bound.
 */
const DRAIN_BOUND_MS: Record<ReliabilityScale, number> = { full: 150_000, ci: 60_000 };

/**
 * Fault 5: a receiver mixing 200, 500, 429 + Retry-After, 400, hangs past the timeout, connection
 * resets, byte-by-byte answers and 16 MiB bodies. Every delivery must end succeeded or failed as
 * its policy says, every request must be in the attempt log (excerpts capped), no attempt may
 * outlive its lease (no two requests of one delivery overlap), and nothing stays in flight.
 */
export async function run({ scale }: { scale: ReliabilityScale }): Promise<FaultResult> {
  const events = EVENTS[scale];
  const receiver = await startChaosReceiver({ seed: 8 });
  const backend = await prepareProcessBackend('sqlite');
  let sender: SenderProcess | null = null;
  try {
    const setup = await backend.openStore();
    const { tenantId } = await seedTenantWithEndpoint(setup, receiver.url, {
      endpoint: { retryPolicy: POLICY, timeoutMs: TIMEOUT_MS },
    });
    await setup.close();
    sender = await startSenderProcess('serve', {
      ...backend.env,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      TASKHOOKS_MAX_TIMEOUT_MS: String(TIMEOUT_MS),
      TASKHOOKS_LEASE_MS: String(LEASE_MS),
      TASKHOOKS_WORKER_CONCURRENCY: '64',
      TASKHOOKS_WORKER_BATCH: '64',
      TASKHOOKS_MAX_IN_FLIGHT_PER_ENDPOINT: '32',
      // About 40 % of answers fail, so five in a row open the circuit several times a run; the
      // default 30 s cool-down made the drain time a lottery (36–128 s), this keeps it a few seconds.
      TASKHOOKS_CIRCUIT_COOLDOWN_MS: '2000',
    });
    const started = Date.now();
    const published = await publishMany(
      sender.url!,
      TEST_ADMIN_KEY,
      tenantId,
      loadSeedExample(),
      events,
      100,
    );
    const check = await backend.openStore();
    try {
      await waitUntilDrained(check, { tenantId }, DRAIN_BOUND_MS[scale], 'every chaos delivery to finish');
    } finally {
      await check.close();
    }
    const drainMs = Date.now() - started;
    const inFlightAfter = await readMetric(sender.url!, 'taskhooks_worker_attempts_in_flight');
    const stopped = await sender.stop('SIGTERM');
    const store = await backend.openStore();
    const deliveries = await readDeliveriesWithAttempts(store, tenantId).finally(() => store.close());
    const checks = checkChaosDeliveries({ published, deliveries, receiver, policy: POLICY });
    return {
      name: 'Chaos receiver',
      published: published.length,
      delivered: checks.succeeded,
      duplicates: checks.sentAfterSuccess,
      lost: published.length - checks.succeeded - checks.failedAsPolicy,
      notes: [
        `${checks.succeeded} succeeded, ${checks.failedAsPolicy} failed as the policy says ` +
          `(${POLICY.maxAttempts} attempts, 400 not retried); drained in ${(drainMs / 1000).toFixed(1)} s ` +
          `(bound ${DRAIN_BOUND_MS[scale] / 1000} s); timeout ${TIMEOUT_MS} ms < lease ${LEASE_MS} ms`,
        ...checks.problems.slice(0, 5),
      ],
      extra: {
        requests: checks.requests,
        failedAsPolicy: checks.failedAsPolicy,
        wrongOutcome: checks.wrongOutcome,
        unloggedOrExtraAttempts: checks.attemptCountMismatches,
        attemptRecordMismatches: checks.attemptMismatches,
        overlappingRequests: checks.overlaps,
        retryAfterIgnored: checks.retryAfterViolations,
        hugeExcerptsCapped: checks.hugeExcerptsCapped,
        maxExcerptBytes: checks.maxExcerptBytes,
        slowAnswersOvertakenByTimeout: checks.slowAnswersOvertaken,
        inFlightAfterDrain: inFlightAfter,
        receiverOpenAfterDrain: receiver.open(),
        senderExitCode: stopped.code ?? -1,
        drainSeconds: Math.round(drainMs / 100) / 10,
        ...Object.fromEntries(
          Object.entries(receiver.behaviourCounts()).map(([k, v]) => [`behaviour_${k}`, v]),
        ),
      },
    };
  } finally {
    await sender?.stop('SIGKILL');
    await receiver.close();
    await backend.dispose();
  }
}
