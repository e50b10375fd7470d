import { runSigkillDrill } from '../../src/testing/sigkill-drill.js';
import type { FaultResult, ReliabilityScale } from '../result-types.js';

const EVENTS: Record<ReliabilityScale, number> = { full: 10_000, ci: 600 };
const CONCURRENCY = 32;

/** Fault 1: SIGKILL of `taskhooks serve` (SQLite) mid-load, restart on the same file, drain. */
export async function run({ scale }: { scale: ReliabilityScale }): Promise<FaultResult> {
  const drill = await runSigkillDrill('sqlite', { events: EVENTS[scale], concurrency: CONCURRENCY });
  return {
    name: 'SIGKILL sender (SQLite)',
    published: drill.published,
    delivered: drill.delivered,
    duplicates: drill.duplicates,
    lost: drill.lost,
    notes: [
      `killed after ${drill.acknowledgedAtKill} acknowledged, ${drill.deliveredAtKill} delivered, ` +
        `${drill.requestsOpenAtKill} requests open; duplicates bounded by worker concurrency ${CONCURRENCY}`,
    ],
    extra: {
      duplicateBound: CONCURRENCY,
      acknowledgedAtKill: drill.acknowledgedAtKill,
      unacknowledgedButDelivered: drill.unacknowledgedDelivered,
      failedDeliveries: drill.counts.failed ?? 0,
      publishAfterRecovery: drill.publishAfterRecovery,
    },
  };
}
