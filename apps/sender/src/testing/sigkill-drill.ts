import { callApi, publishMany, waitFor } from './api-client.js';
import { startBackgroundPublishing } from './background-publisher.js';
import { startCountingReceiver } from './counting-receiver.js';
import { type DeliveryTally, tallyDeliveries, waitUntilDrained } from './delivery-tally.js';
import { prepareProcessBackend } from './process-backend.js';
import { loadSeedExample, seedTenantWithEndpoint, TEST_ADMIN_KEY } from './seed-data.js';
import { type SenderProcess, startSenderProcess } from './sender-process.js';
import type { Backend } from './temp-store.js';

export interface SigkillDrillOptions {
  events: number;
  /** Worker concurrency: the most attempts a crash can leave in flight (the duplicate bound). */
  concurrency: number;
  drainTimeoutMs?: number;
}

export interface SigkillDrillResult extends DeliveryTally {
  acknowledgedAtKill: number;
  deliveredAtKill: number;
  requestsOpenAtKill: number;
  /** Final delivery counts of the tenant. */
  counts: Record<string, number>;
  /** Status of one more publish to the restarted process, and its SIGTERM exit code. */
  publishAfterRecovery: number;
  restartedExitCode: number | null;
}

/**
 * `taskhooks serve` under publish load is SIGKILLed while deliveries are in flight and a publish
 * call is cut off, restarted on the same data, given the rest of the events, and drained. Returns
 * what the receiver got against what was acknowledged. Shared by test/crash-recovery.test.ts and
 * the reliability suite's fault scenario.
 */
export async function runSigkillDrill(
  kind: Backend,
  options: SigkillDrillOptions,
): Promise<SigkillDrillResult> {
  const { events, concurrency } = options;
  const payload = loadSeedExample();
  const receiver = await startCountingReceiver({ delayMs: { min: 2, max: 5 } });
  const backend = await prepareProcessBackend(kind);
  const processes: SenderProcess[] = [];
  try {
    const store = await backend.openStore();
    const { tenantId } = await seedTenantWithEndpoint(store, receiver.url);
    await store.close();
    const env = {
      ...backend.env,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      TASKHOOKS_WORKER_CONCURRENCY: String(concurrency),
      TASKHOOKS_WORKER_BATCH: String(concurrency),
      // Short lease: the killed process's claims become claimable again within ~2 s.
      TASKHOOKS_MAX_TIMEOUT_MS: '1000',
      TASKHOOKS_LEASE_MS: '3000',
    };
    // Kill mid-stream: some events delivered, some waiting, attempts in flight, a publish cut off.
    const first = await startSenderProcess('serve', env);
    processes.push(first);
    const publishing = startBackgroundPublishing({
      url: first.url!,
      adminKey: TEST_ADMIN_KEY,
      tenantId,
      payload,
      total: events,
      // ~2,000 events/s: the kill condition (a third acknowledged, deliveries under way) comes well
      // before publishing could end, at any scale and on any machine speed. Unpaced, a 600-event
      // run sometimes finished publishing first (6 calls) and the drill had nothing to cut off.
      perCall: 50,
      pauseBetweenCallsMs: 25,
    });
    await waitFor(
      () =>
        receiver.countsById.size >= Math.min(100, events / 10) &&
        publishing.acknowledged.length >= events / 3 &&
        receiver.unanswered() > 0,
      'a third of the events published, some delivered and some requests open',
      60_000,
      1,
    );
    first.child.kill('SIGKILL');
    const requestsOpenAtKill = receiver.unanswered();
    const deliveredAtKill = receiver.countsById.size;
    if ((await first.exited).signal !== 'SIGKILL') throw new Error('the sender did not die by SIGKILL');
    if ((await publishing.done) !== 'cut off') throw new Error('publishing finished before the kill');
    const published = publishing.acknowledged;
    const acknowledgedAtKill = published.length;

    // Restart on the same data and publish the rest, so `events` were acknowledged in total.
    const second = await startSenderProcess('serve', env);
    processes.push(second);
    published.push(
      ...(await publishMany(second.url!, TEST_ADMIN_KEY, tenantId, payload, events - published.length)),
    );
    const check = await backend.openStore();
    let counts: Record<string, number>;
    try {
      // Everything stored — including a batch committed just before the kill but never acknowledged.
      counts = await waitUntilDrained(check, { tenantId }, options.drainTimeoutMs ?? 90_000);
    } finally {
      await check.close();
    }
    const tally = tallyDeliveries(published, receiver);
    const after = await callApi(second.url!, TEST_ADMIN_KEY, 'events.publish', {
      tenantId,
      model: String(payload.model),
      event: String(payload.event),
      payload,
    });
    const stopped = await second.stop('SIGTERM');
    return {
      ...tally,
      acknowledgedAtKill,
      deliveredAtKill,
      requestsOpenAtKill,
      counts,
      publishAfterRecovery: after.status,
      restartedExitCode: stopped.code,
    };
  } finally {
    await Promise.all(processes.map((sender) => sender.stop('SIGKILL')));
    await receiver.close();
    await backend.dispose();
  }
}
