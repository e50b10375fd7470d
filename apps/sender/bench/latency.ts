import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Pool } from 'undici';
import { TEST_ADMIN_KEY } from '../src/testing/seed-data.js';
import type { Backend } from '../src/testing/temp-store.js';
import { forkBenchChild } from './child-process.js';
import type { BenchReceiver } from './receiver-client.js';
import { startTaskhooks, wallClock } from './throughput.js';

export interface LatencyResult {
  name: string;
  sent: number;
  delivered: number;
  achievedPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From the publish call's answer (event durably stored) to arrival: the delivery pipeline alone. */
  ackedP50Ms: number;
  ackedP99Ms: number;
}

export interface LatencyContext {
  receiver: BenchReceiver;
  payload: Record<string, unknown>;
  ratePerSec: number;
  seconds: number;
  /** Seconds at the same rate before measuring (not counted): JIT, pools and caches warm. */
  warmupSeconds?: number;
}

/**
 * Publishes at a steady rate, one event per call, and measures publish→delivered latency: the
 * receiver's arrival time minus the time the publish call started (same host clock, so the
 * difference is exact to the clock's resolution). Calls run open-loop: a slow answer does not
 * slow the schedule, so queueing shows up as latency, as it would for a real app.
 */
async function steadyRate(
  ctx: LatencyContext,
  name: string,
  publishOne: () => Promise<string>,
): Promise<LatencyResult> {
  if (ctx.warmupSeconds)
    await steadyRate({ ...ctx, seconds: ctx.warmupSeconds, warmupSeconds: 0 }, name, publishOne);
  await ctx.receiver.reset();
  const startedAt = new Map<string, number>();
  const ackedAt = new Map<string, number>();
  const total = Math.round(ctx.ratePerSec * ctx.seconds);
  const calls: Promise<void>[] = [];
  const begin = performance.now();
  let issued = 0;
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - begin) / 1000) * ctx.ratePerSec) + 1);
    while (issued < due) {
      issued++;
      const t0 = wallClock();
      calls.push(
        publishOne().then((id) => {
          startedAt.set(id, t0);
          ackedAt.set(id, wallClock());
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(calls);
  const elapsed = (performance.now() - begin) / 1000;
  await ctx.receiver.waitForDistinct(total, 60_000);
  const { arrivals } = await ctx.receiver.arrivals();
  const since = (times: Map<string, number>) =>
    [...times].map(([id, t]) => (arrivals.get(id) ?? Number.NaN) - t).sort((a, b) => a - b);
  const latencies = since(startedAt);
  const acked = since(ackedAt);
  const quantile = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const pick = (q: number) => quantile(latencies, q);
  return {
    name,
    sent: total,
    delivered: latencies.filter((l) => !Number.isNaN(l)).length,
    achievedPerSec: total / elapsed,
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    ackedP50Ms: quantile(acked, 0.5),
    ackedP99Ms: quantile(acked, 0.99),
  };
}

export async function latencyTaskhooks(
  ctx: LatencyContext,
  backend: Backend,
  options: { profileDir?: string } = {},
): Promise<LatencyResult> {
  const run = await startTaskhooks(backend, ctx.receiver.url, options);
  const api = new Pool(run.sender.url!, { connections: 64 });
  try {
    const name = `taskhooks ${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
    return await steadyRate(ctx, name, async () => {
      const response = await api.request({
        method: 'POST',
        path: '/trpc/events.publish',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
        body: JSON.stringify({
          tenantId: run.tenantId,
          model: 'plan_bound_v2',
          event: 'plan.failed',
          payload: ctx.payload,
        }),
      });
      const body = (await response.body.json()) as { result?: { data: { messageId: string } } };
      if (!body.result) throw new Error(`publish answered ${response.statusCode}`);
      return body.result.data.messageId;
    });
  } finally {
    await api.close();
    await run.dispose();
  }
}

export async function latencyBullmq(ctx: LatencyContext): Promise<LatencyResult> {
  const queueName = `taskhooks-bench-${randomBytes(4).toString('hex')}`;
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const queue = new Queue(queueName, { connection });
  const worker = await forkBenchChild('bullmq-worker-child.ts', {
    RECEIVER_URL: ctx.receiver.url,
    QUEUE_NAME: queueName,
    CONCURRENCY: '64',
  });
  try {
    return await steadyRate(ctx, 'BullMQ (Redis, concurrency 64)', async () => {
      const job = await queue.add('plan.failed', ctx.payload);
      return String(job.id);
    });
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
}
