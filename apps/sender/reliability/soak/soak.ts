import { randomBytes } from 'node:crypto';
import { type CountingReceiver, startCountingReceiver } from '../../src/testing/counting-receiver.js';
import { contractExamples } from '../fuzz/publish-cases.js';
import type { ReliabilityScale, SoakResult } from '../result-types.js';
import { secretLedger } from '../support/secret-ledger.js';
import { type SenderUnderTest, startSenderUnderTest } from '../support/sender-under-test.js';
import { databaseSize } from './database-size.js';
import { sampleRss } from './process-memory.js';
import { publishSteadily } from './steady-publisher.js';

export interface SoakSettings {
  seconds: number;
  ratePerSec: number;
  batchSize: number;
  /** Endpoints (one tenant each); `failingEvery`-th of them answers 500 to everything. */
  endpoints: number;
  failingEvery: number;
  rssIntervalMs: number;
  /** After warm-up, RSS may grow by at most this much (MiB) or this fraction, whichever is larger. */
  rssGrowthMiB: number;
  rssGrowthFraction: number;
  drainTimeoutMs: number;
}

export const SOAK_SETTINGS: Record<ReliabilityScale, SoakSettings> = {
  full: {
    seconds: 300,
    ratePerSec: 1000,
    batchSize: 10,
    endpoints: 100,
    failingEvery: 100,
    rssIntervalMs: 5000,
    rssGrowthMiB: 64,
    rssGrowthFraction: 0.5,
    drainTimeoutMs: 600_000,
  },
  ci: {
    seconds: 10,
    ratePerSec: 200,
    batchSize: 10,
    endpoints: 100,
    failingEvery: 100,
    rssIntervalMs: 1000,
    rssGrowthMiB: 64,
    rssGrowthFraction: 0.5,
    drainTimeoutMs: 60_000,
  },
};

const item = (() => {
  const example = contractExamples.find((e) => e.model === 'task_events_v1' && e.event === 'task.created')!;
  return { model: example.model, event: example.event, payload: example.payload };
})();

/**
 * The bounded soak: steady publishing through the real API (publishBatch) to many tenants, 1 % of
 * whose endpoints always fail, while RSS is sampled; then every acknowledged event for a healthy
 * endpoint must have arrived, and a retention purge with a short retention must free the database.
 */
export async function runSoak(scale: ReliabilityScale): Promise<SoakResult> {
  const settings = SOAK_SETTINGS[scale];
  const healthy = await startCountingReceiver();
  const failing = await startCountingReceiver({ status: 500 });
  const env = {
    TASKHOOKS_RATE_LIMIT_MANAGEMENT_PER_SECOND: '1000',
    TASKHOOKS_RATE_LIMIT_MANAGEMENT_BURST: '1000',
  };
  let sender: SenderUnderTest | null = await startSenderUnderTest('soak', env);
  try {
    const { tenants, failingTenants, failingEndpoints } = await setUp(sender, settings, healthy, failing);
    const rss = sampleRss(sender.process.pid, settings.rssIntervalMs);
    const published = await publishSteadily({
      sender,
      tenants,
      item,
      ratePerSec: settings.ratePerSec,
      batchSize: settings.batchSize,
      durationMs: settings.seconds * 1000,
      maxInFlight: 32,
    });
    const healthyIds = [...published.tenantOf]
      .filter(([, tenant]) => !failingTenants.has(tenant))
      .map(([id]) => id);
    // Drain: wait while deliveries keep arriving (a slow machine drains slowly, which is not loss);
    // give up after `drainTimeoutMs` or once nothing new arrived for 30 s.
    const drainDeadline = Date.now() + settings.drainTimeoutMs;
    let lastProgress = Date.now();
    let arrived = healthy.countsById.size;
    while (Date.now() < drainDeadline && Date.now() - lastProgress < 30_000) {
      if (healthyIds.every((id) => healthy.countsById.has(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (healthy.countsById.size > arrived) {
        arrived = healthy.countsById.size;
        lastProgress = Date.now();
      }
    }
    const rssSamples = rss.stop();
    const problems: string[] = [];
    const latencies = healthyIds
      .filter((id) => healthy.firstArrivalById.has(id))
      .map((id) => healthy.firstArrivalById.get(id)! - published.startedAt.get(id)!)
      .sort((a, b) => a - b);
    const lost = healthyIds.filter((id) => !healthy.countsById.has(id)).length;
    let duplicates = 0;
    for (const id of healthyIds) duplicates += Math.max(0, (healthy.countsById.get(id) ?? 0) - 1);
    const failingEndpointStates = Object.fromEntries(
      sender
        .sql<{ state: string; n: number }>(
          `SELECT state, count(*) AS n FROM deliveries WHERE endpoint_id IN (${failingEndpoints.map(() => '?').join(',')}) GROUP BY state`,
          ...failingEndpoints,
        )
        .map((row) => [row.state, row.n]),
    );
    if (lost > 0) problems.push(`${lost} acknowledged events for healthy endpoints never arrived`);
    if (published.failedCalls.size > 0)
      problems.push(`publish calls failed: ${JSON.stringify([...published.failedCalls])}`);
    if (failing.totalRequests() === 0) problems.push('the failing endpoint was never tried');

    const warmupIndex = Math.ceil(rssSamples.length / 5);
    const afterWarmup = rssSamples[warmupIndex] ?? rssSamples.at(-1) ?? 0;
    const maxAfter = Math.max(...rssSamples.slice(warmupIndex));
    const bound = Math.max(settings.rssGrowthMiB, afterWarmup * settings.rssGrowthFraction);
    if (maxAfter - afterWarmup > bound) {
      problems.push(`RSS grew ${maxAfter - afterWarmup} MiB after warm-up (bound ${Math.round(bound)} MiB)`);
    }

    // Retention: stop (the last connection checkpoints the WAL), measure, restart with a retention
    // of under a second (the purge runs at start), stop again, measure.
    const { dataDir, dbPath } = sender;
    await sender.stop();
    sender = null;
    const before = databaseSize(dbPath);
    const purger = await startSenderUnderTest(
      'soak-purge',
      // Both stages: attempts and payloads, then the finished delivery rows and their messages.
      { ...env, TASKHOOKS_RETENTION_DAYS: '0.00001', TASKHOOKS_RECORD_RETENTION_DAYS: '0.00001' },
      { dataDir },
    );
    const purge = await purger.process.waitForLog(
      (line) => line.msg === 'retention purge',
      'the retention purge',
      300_000,
    );
    await purger.stop();
    const after = databaseSize(dbPath);
    if (after.liveBytes >= before.liveBytes) problems.push('the retention purge freed no database pages');

    const acknowledged = published.startedAt.size;
    const pct = (p: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
    return {
      seconds: settings.seconds,
      targetRatePerSec: settings.ratePerSec,
      achievedRatePerSec: Math.round(acknowledged / published.seconds),
      published: acknowledged,
      delivered: healthyIds.length - lost,
      lost,
      duplicates,
      failingEndpointStates,
      latencyMs: { p50: pct(0.5), p99: pct(0.99), max: Math.round(latencies.at(-1) ?? 0) },
      rssMiB: {
        start: rssSamples[0] ?? 0,
        afterWarmup,
        max: Math.max(...rssSamples),
        end: rssSamples.at(-1) ?? 0,
        samples: rssSamples,
      },
      database: {
        fileBytesBefore: before.fileBytes,
        fileBytesAfter: after.fileBytes,
        liveBytesBefore: before.liveBytes,
        liveBytesAfter: after.liveBytes,
      },
      purged: {
        attemptsDeleted: Number(purge.attemptsDeleted ?? 0),
        payloadsCleared: Number(purge.payloadsCleared ?? 0),
        deliveriesDeleted: Number(purge.deliveriesDeleted ?? 0),
        messagesDeleted: Number(purge.messagesDeleted ?? 0),
      },
      skippedCalls: published.skippedCalls,
      problems,
    };
  } finally {
    await sender?.stop();
    await healthy.close();
    await failing.close();
  }
}

/** One tenant per endpoint (so an event reaches exactly one endpoint), each with a custom auth header. */
async function setUp(
  sender: SenderUnderTest,
  settings: SoakSettings,
  healthy: CountingReceiver,
  failing: CountingReceiver,
) {
  const tenants: string[] = [];
  const failingTenants = new Set<string>();
  const failingEndpoints: string[] = [];
  for (let i = 0; i < settings.endpoints; i++) {
    const tenantId = `soak-${String(i).padStart(3, '0')}`;
    const isFailing = i % settings.failingEvery === 0;
    await sender.trpc('tenants.create', { id: tenantId, name: `Soak ${i}` });
    const token = `Bearer ${randomBytes(24).toString('hex')}`;
    secretLedger.addSecret(token.slice('Bearer '.length));
    const created = await sender.trpc('endpoints.create', {
      tenantId,
      url: isFailing ? failing.url : healthy.url,
      model: 'task_events_v1',
      headers: { Authorization: token },
      retry: isFailing ? { custom: { maxAttempts: 3, delaysMs: [1000, 2000] } } : { preset: 'default' },
    });
    const data = (created.json as { result?: { data?: { endpoint: { id: string }; secret: string } } }).result
      ?.data;
    if (!data)
      throw new Error(`soak endpoint create answered ${created.status}: ${created.text.slice(0, 200)}`);
    secretLedger.addSecret(data.secret);
    tenants.push(tenantId);
    if (isFailing) {
      failingTenants.add(tenantId);
      failingEndpoints.push(data.endpoint.id);
    }
  }
  return { tenants, failingTenants, failingEndpoints };
}
