import { callApi, waitFor } from '../../src/testing/api-client.js';
import { startBackgroundPublishing } from '../../src/testing/background-publisher.js';
import { startCountingReceiver } from '../../src/testing/counting-receiver.js';
import { tallyDeliveries, waitUntilDrained } from '../../src/testing/delivery-tally.js';
import { loadSeedExample, seedTenantWithEndpoint, TEST_ADMIN_KEY } from '../../src/testing/seed-data.js';
import { type SenderProcess, startSenderProcess } from '../../src/testing/sender-process.js';
import type { FaultResult, ReliabilityScale } from '../result-types.js';
import { mountTmpfs } from './tmpfs-mount.js';

/** Size of the data dir's file system: how many events fit before it is full. */
const DISK_MIB: Record<ReliabilityScale, number> = { full: 24, ci: 4 };
const UNAVAILABLE_CALLS_TO_SEE: Record<ReliabilityScale, number> = { full: 50, ci: 10 };
const NAME = 'SQLite disk full';

/**
 * Fault 4: the SQLite data dir sits on a small tmpfs that fills up under publish load (a real
 * ENOSPC, which SQLite reports as SQLITE_FULL). Publishing must answer 503 naming the problem;
 * once the file system is grown ("space freed"), everything acknowledged before is delivered.
 * A read-only remount cannot be used instead: Linux refuses it (EBUSY) while the sender holds
 * the database open for writing, and chmod means nothing to root.
 */
export async function run({ scale }: { scale: ReliabilityScale }): Promise<FaultResult> {
  const disk = mountTmpfs(DISK_MIB[scale]);
  if ('unavailable' in disk) {
    return {
      name: NAME,
      published: 0,
      delivered: 0,
      duplicates: 0,
      lost: 0,
      notes: [`skipped: ${disk.unavailable}`],
      extra: { skipped: 1 },
    };
  }
  const receiver = await startCountingReceiver();
  let sender: SenderProcess | null = null;
  try {
    const { openStore } = await import('../../src/store/open-store.js');
    const setup = await openStore({ dataDir: disk.dir });
    const { tenantId } = await seedTenantWithEndpoint(setup, receiver.url);
    await setup.close();
    sender = await startSenderProcess('serve', {
      TASKHOOKS_DATA_DIR: disk.dir,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      TASKHOOKS_MAX_TIMEOUT_MS: '1000',
      TASKHOOKS_LEASE_MS: '3000',
    });
    const url = sender.url!;
    const payload = loadSeedExample();
    const publishing = startBackgroundPublishing({
      url,
      adminKey: TEST_ADMIN_KEY,
      tenantId,
      payload,
      total: 1_000_000, // bounded by the disk, then by stop()
      keepGoingOnError: true,
      pauseAfterErrorMs: 20,
    });
    await waitFor(
      () => (publishing.failures.get(503) ?? 0) >= UNAVAILABLE_CALLS_TO_SEE[scale],
      'publishing to fail with 503 on the full disk',
      180_000,
      20,
    );
    // What a REST client is told, while the disk is still full.
    const rest = await fetch(`${url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ tenantId, model: payload.model, event: payload.event, payload }),
    });
    const restBody = (await rest.json()) as { error?: { code?: string; message?: string } };
    await publishing.stop();
    const acknowledged = [...publishing.acknowledged];

    disk.resize(DISK_MIB[scale] * 16);
    const after = await callApi(url, TEST_ADMIN_KEY, 'events.publish', {
      tenantId,
      model: payload.model,
      event: payload.event,
      payload,
    });
    const check = await openStore({ dataDir: disk.dir });
    const counts = await waitUntilDrained(check, { tenantId }, 120_000).finally(() => check.close());
    const tally = tallyDeliveries(acknowledged, receiver);
    const otherFailures = [...publishing.failures].filter(([status]) => status !== 503);
    return {
      name: NAME,
      published: tally.published,
      delivered: tally.delivered,
      duplicates: tally.duplicates,
      lost: tally.lost,
      notes: [
        `data dir on a ${DISK_MIB[scale]} MiB tmpfs; REST answer when full: ${rest.status} ${restBody.error?.code}: ${restBody.error?.message}`,
        ...otherFailures.map(
          ([status, n]) =>
            `${n} publish calls failed with ${status}: ${publishing.failureMessages.get(status)}`,
        ),
      ],
      extra: {
        unavailableAnswers: publishing.failures.get(503) ?? 0,
        otherFailedCalls: otherFailures.reduce((sum, [, n]) => sum + n, 0),
        restStatusWhenFull: rest.status,
        restCodeWhenFull: restBody.error?.code ?? '',
        publishAfterSpaceFreed: after.status,
        failedDeliveries: counts.failed,
      },
    };
  } finally {
    await sender?.stop('SIGKILL');
    await receiver.close();
    disk.unmount();
  }
}
