import { waitFor } from '../../src/testing/api-client.js';
import { type CountingReceiver, startCountingReceiver } from '../../src/testing/counting-receiver.js';
import { tallyDeliveries } from '../../src/testing/delivery-tally.js';
import { prepareProcessBackend } from '../../src/testing/process-backend.js';
import { seedTenantWithEndpoint, TEST_ADMIN_KEY } from '../../src/testing/seed-data.js';
import { type SenderProcess, startSenderProcess } from '../../src/testing/sender-process.js';
import { publishSeedEventsToStore } from '../../src/testing/store-publisher.js';
import { type ChaosReceiver, startChaosReceiver } from '../chaos-receiver/chaos-server.js';
import type { FaultResult, ReliabilityScale } from '../result-types.js';

const EVENTS: Record<ReliabilityScale, number> = { full: 800, ci: 150 };
/** Baseline and fault runs alternate, so both see the same background load on the shared cores. */
const PAIRS: Record<ReliabilityScale, number> = { full: 2, ci: 1 };
const HALF = 4;
const TIMEOUT_MS = 2000;

interface ArmResult {
  healthyPerSecond: number;
  published: string[];
  receivers: CountingReceiver[];
}

/**
 * Fault 6: 2 × HALF endpoints of one tenant get every event. In the fault arm half of them hang
 * (no answer until the sender's timeout); in the baseline arm all answer. Figure: throughput of the
 * healthy half with the fault relative to without it (the issue asks for ≥ 80 %).
 */
export async function run({ scale }: { scale: ReliabilityScale }): Promise<FaultResult> {
  const arms: { baseline: ArmResult[]; fault: ArmResult[] } = { baseline: [], fault: [] };
  for (let pair = 0; pair < PAIRS[scale]; pair++) {
    arms.baseline.push(await runArm(EVENTS[scale], false));
    arms.fault.push(await runArm(EVENTS[scale], true));
  }
  const all = [...arms.baseline, ...arms.fault];
  let published = 0;
  let delivered = 0;
  let duplicates = 0;
  let lost = 0;
  for (const arm of all) {
    for (const receiver of arm.receivers) {
      const tally = tallyDeliveries(arm.published, receiver);
      published += tally.published;
      delivered += tally.delivered;
      duplicates += tally.duplicates;
      lost += tally.lost;
    }
  }
  const rate = (list: ArmResult[]) => list.reduce((sum, arm) => sum + arm.healthyPerSecond, 0) / list.length;
  const baseline = rate(arms.baseline);
  const withFault = rate(arms.fault);
  return {
    name: 'Slow-endpoint isolation',
    published,
    delivered,
    duplicates,
    lost,
    notes: [
      `deliveries to the ${HALF} healthy endpoints, ${PAIRS[scale]} baseline/fault pair(s) of ${EVENTS[scale]} events; ` +
        `in the fault arm ${HALF} other endpoints hang until the ${TIMEOUT_MS} ms timeout`,
      `healthy half: ${baseline.toFixed(0)}/s without the fault, ${withFault.toFixed(0)}/s with it (ratio ${(withFault / baseline).toFixed(2)})`,
    ],
    extra: {
      healthyPerSecondBaseline: Math.round(baseline),
      healthyPerSecondWithFault: Math.round(withFault),
      throughputRatio: Math.round((withFault / baseline) * 100) / 100,
    },
  };
}

async function runArm(events: number, hangingHalf: boolean): Promise<ArmResult> {
  const receivers = await Promise.all(
    Array.from({ length: HALF }, () => startCountingReceiver({ delayMs: { min: 1, max: 3 } })),
  );
  const others: (CountingReceiver | ChaosReceiver)[] = await Promise.all(
    Array.from({ length: HALF }, () =>
      hangingHalf
        ? startChaosReceiver({ only: 'hang' })
        : startCountingReceiver({ delayMs: { min: 1, max: 3 } }),
    ),
  );
  const backend = await prepareProcessBackend('sqlite');
  let sender: SenderProcess | null = null;
  try {
    const store = await backend.openStore();
    const { tenantId } = await seedTenantWithEndpoint(store, receivers[0]!.url, {
      endpoint: { timeoutMs: TIMEOUT_MS },
    });
    for (const receiver of [...receivers.slice(1), ...others]) {
      await seedTenantWithEndpoint(store, receiver.url, { endpoint: { tenantId, timeoutMs: TIMEOUT_MS } });
    }
    // Everything is queued before the sender starts: the clock measures delivery only.
    const published = await publishSeedEventsToStore(store, tenantId, events);
    await store.close();
    sender = await startSenderProcess('serve', {
      ...backend.env,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      TASKHOOKS_MAX_TIMEOUT_MS: String(TIMEOUT_MS),
      TASKHOOKS_LEASE_MS: String(TIMEOUT_MS * 2),
    });
    await waitFor(
      () => receivers.every((r) => r.countsById.size >= events),
      'the healthy half to receive every event',
      180_000,
      10,
    );
    const arrivals = receivers.flatMap((r) => [...r.firstArrivalById.values()]);
    const seconds = Math.max(1, Math.max(...arrivals) - Math.min(...arrivals)) / 1000;
    return { healthyPerSecond: (events * HALF) / seconds, published, receivers };
  } finally {
    await sender?.stop('SIGKILL');
    await Promise.all([...receivers, ...others].map((r) => r.close()));
    await backend.dispose();
  }
}
