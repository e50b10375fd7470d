import { waitFor } from '../../src/testing/api-client.js';
import { startCountingReceiver } from '../../src/testing/counting-receiver.js';
import { tallyDeliveries, waitUntilDrained } from '../../src/testing/delivery-tally.js';
import { prepareProcessBackend } from '../../src/testing/process-backend.js';
import { seedTenantWithEndpoint } from '../../src/testing/seed-data.js';
import { type SenderProcess, startSenderProcess } from '../../src/testing/sender-process.js';
import { publishSeedEventsToStore } from '../../src/testing/store-publisher.js';
import type { FaultResult, ReliabilityScale } from '../result-types.js';

const EVENTS: Record<ReliabilityScale, number> = { full: 10_000, ci: 600 };
const CONCURRENCY = 16;
const PUBLISH_BATCH = 250;

/**
 * Fault 2: two `taskhooks worker` processes share one PostgreSQL schema while events keep coming;
 * one is SIGKILLed with attempts in flight. The survivor takes over its expired leases and drains.
 */
export async function run({ scale }: { scale: ReliabilityScale }): Promise<FaultResult> {
  const events = EVENTS[scale];
  const receiver = await startCountingReceiver({ delayMs: { min: 2, max: 5 } });
  const backend = await prepareProcessBackend('postgres');
  const workers: SenderProcess[] = [];
  const store = await backend.openStore();
  try {
    const { tenantId } = await seedTenantWithEndpoint(store, receiver.url);
    const env = {
      ...backend.env,
      TASKHOOKS_WORKER_CONCURRENCY: String(CONCURRENCY),
      TASKHOOKS_WORKER_BATCH: String(CONCURRENCY),
      TASKHOOKS_MAX_TIMEOUT_MS: '1000',
      // Long enough that a live worker's attempt rarely outlives its lease on a loaded machine,
      // short enough that the survivor takes the victim's claims over within seconds.
      TASKHOOKS_LEASE_MS: '5000',
    };
    workers.push(
      ...(await Promise.all([startSenderProcess('worker', env), startSenderProcess('worker', env)])),
    );
    const [victim, survivor] = workers as [SenderProcess, SenderProcess];

    // Events keep arriving in batches while both workers deliver.
    const published: string[] = [];
    const publishing = (async () => {
      while (published.length < events) {
        const size = Math.min(PUBLISH_BATCH, events - published.length);
        published.push(...(await publishSeedEventsToStore(store, tenantId, size, size)));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await waitFor(
      () => receiver.countsById.size >= events / 4 && receiver.unanswered() > 0,
      'a quarter delivered with requests open',
      120_000,
      1,
    );
    victim.child.kill('SIGKILL');
    const openAtKill = receiver.unanswered();
    const deliveredAtKill = receiver.countsById.size;
    if ((await victim.exited).signal !== 'SIGKILL') throw new Error('the worker did not die by SIGKILL');
    await publishing;
    const counts = await waitUntilDrained(store, { tenantId }, 180_000);
    const tally = tallyDeliveries(published, receiver);
    const stopped = await survivor.stop('SIGTERM');
    const logged = (msg: string) =>
      workers.reduce((sum, w) => sum + w.logs.filter((l) => l.msg === msg).length, 0);
    const survivorAttempts = Number(
      survivor.logs.find((l) => l.msg === 'delivery worker stopped')?.attemptsRecorded,
    );
    return {
      name: 'SIGKILL 1 of 2 workers (PostgreSQL)',
      published: tally.published,
      delivered: tally.delivered,
      duplicates: tally.duplicates,
      lost: tally.lost,
      notes: [
        `killed one worker at ${deliveredAtKill} delivered with ${openAtKill} requests open; ` +
          `the survivor drained; duplicates bounded by the victim's concurrency ${CONCURRENCY} ` +
          'plus sends whose lease expired before their outcome was written (leaseLostDrops)',
      ],
      extra: {
        duplicateBound: CONCURRENCY,
        failedDeliveries: counts.failed,
        survivorAttempts,
        survivorExitCode: stopped.code ?? -1,
        // Sends whose outcome could not be written (lease expired first): the other source of copies.
        leaseLostDrops: logged('lease lost before the attempt was recorded; dropped'),
        unrecordedAttempts: logged('delivery attempt could not be recorded'),
      },
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await store.close();
    await receiver.close();
    await backend.dispose();
  }
}
