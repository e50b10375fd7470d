import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../src/testing/api-client.js';
import { startBackgroundPublishing } from '../../src/testing/background-publisher.js';
import { startCountingReceiver } from '../../src/testing/counting-receiver.js';
import { tallyDeliveries, waitUntilDrained } from '../../src/testing/delivery-tally.js';
import { loadSeedExample, seedTenantWithEndpoint, TEST_ADMIN_KEY } from '../../src/testing/seed-data.js';
import { type SenderProcess, startSenderProcess } from '../../src/testing/sender-process.js';
import type { FaultResult, ReliabilityScale } from '../result-types.js';
import { preparePostgresOutageRig, restartPostgresServer } from './postgres-outage.js';
import { watchReadiness } from './readiness-watch.js';

const EVENTS: Record<ReliabilityScale, number> = { full: 10_000, ci: 1000 };
const TERMINATE_ROUNDS: Record<ReliabilityScale, number> = { full: 20, ci: 5 };
const OUTAGE_MS: Record<ReliabilityScale, number> = { full: 5000, ci: 2000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fault 3: mid-load, every PostgreSQL connection of `taskhooks serve` is killed with
 * pg_terminate_backend, again and again; then its database refuses connections for a while (what
 * a server restart looks like to the sender); with TASKHOOKS_RELIABILITY_PG_RESTART=1 the full run
 * also restarts the real server. The sender must reconnect by itself and drain, /readyz must say
 * 503 while the database is gone and 200 after, and no acknowledged event may be lost.
 */
export async function run({ scale }: { scale: ReliabilityScale }): Promise<FaultResult> {
  const events = EVENTS[scale];
  const rig = await preparePostgresOutageRig();
  const receiver = await startCountingReceiver({ delayMs: { min: 1, max: 3 } });
  const dataDir = mkdtempSync(join(tmpdir(), 'th-fault-pg-'));
  const { openStore } = await import('../../src/store/open-store.js');
  let sender: SenderProcess | null = null;
  try {
    const setup = await openStore({ databaseUrl: rig.databaseUrl });
    const { tenantId } = await seedTenantWithEndpoint(setup, receiver.url);
    await setup.close();
    sender = await startSenderProcess('serve', {
      DATABASE_URL: rig.databaseUrl,
      TASKHOOKS_DATA_DIR: dataDir,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      TASKHOOKS_MAX_TIMEOUT_MS: '1000',
      TASKHOOKS_LEASE_MS: '3000',
    });
    const url = sender.url!;
    const readiness = watchReadiness(url);
    const publishing = startBackgroundPublishing({
      url,
      adminKey: TEST_ADMIN_KEY,
      tenantId,
      payload: loadSeedExample(),
      total: events,
      keepGoingOnError: true,
      pauseAfterErrorMs: 50,
    });
    await waitFor(() => publishing.acknowledged.length >= events / 5, 'a fifth published', 120_000);

    let killed = 0;
    for (let round = 0; round < TERMINATE_ROUNDS[scale]; round++) {
      killed += await rig.terminateSenderConnections();
      await sleep(300);
    }
    const outageStart = Date.now();
    killed += await rig.refuseConnections();
    await waitFor(
      () => {
        if (sender!.child.exitCode !== null || sender!.child.signalCode !== null)
          throw new Error(`the sender died during the outage:\n${sender!.output().slice(-2000)}`);
        return false;
      },
      'the sender to stay up',
      500,
    ).catch((error: Error) => {
      if (!error.message.startsWith('timed out')) throw error;
    });
    await waitFor(
      () => readiness.transitions.some((t) => t.status === 503 && t.at >= outageStart),
      '/readyz to answer 503 while the database refuses connections',
      30_000,
    );
    await sleep(OUTAGE_MS[scale]);
    await rig.restoreConnections();
    const restart =
      scale === 'full' && process.env.TASKHOOKS_RELIABILITY_PG_RESTART === '1'
        ? restartPostgresServer()
        : null;
    await waitFor(() => readiness.transitions.at(-1)?.status === 200, '/readyz to answer 200 again', 60_000);

    await waitFor(() => publishing.acknowledged.length >= events, 'every event acknowledged', 300_000, 100);
    const check = await openStore({ databaseUrl: rig.databaseUrl });
    const counts = await waitUntilDrained(check, { tenantId }, 180_000).finally(() => check.close());
    const tally = tallyDeliveries(publishing.acknowledged, receiver);
    await readiness.stop();
    const survived = sender.child.exitCode === null && sender.child.signalCode === null;
    const stopped = await sender.stop('SIGTERM');
    const failures = [...publishing.failures];
    return {
      name: 'PostgreSQL connections lost',
      published: tally.published,
      delivered: tally.delivered,
      duplicates: tally.duplicates,
      lost: tally.lost,
      notes: [
        `${TERMINATE_ROUNDS[scale]} pg_terminate_backend rounds (${killed} connections killed), ` +
          `then ${OUTAGE_MS[scale]} ms of refused connections` +
          (restart ? `, then a real server restart (${restart.downMs} ms)` : ''),
        ...failures.map(
          ([status, n]) =>
            `${n} publish calls failed with ${status}: ${publishing.failureMessages.get(status)}`,
        ),
      ],
      extra: {
        connectionsKilled: killed,
        readiness: readiness.transitions.map((t) => t.status).join('→'),
        readiness503Polls: readiness.polls.get(503) ?? 0,
        publish503: publishing.failures.get(503) ?? 0,
        publishOtherFailures: failures.filter(([s]) => s !== 503).reduce((sum, [, n]) => sum + n, 0),
        unacknowledgedButDelivered: tally.unacknowledgedDelivered,
        failedDeliveries: counts.failed,
        senderSurvived: survived ? 1 : 0,
        senderExitCode: stopped.code ?? -1,
        serverRestarted: restart ? 1 : 0,
      },
    };
  } finally {
    await sender?.stop('SIGKILL');
    await receiver.close();
    await rig.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
