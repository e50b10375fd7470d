import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { callApi } from '../src/testing/api-client.js';
import { prepareProcessBackend } from '../src/testing/process-backend.js';
import { seedTenantWithEndpoint, TEST_ADMIN_KEY } from '../src/testing/seed-data.js';
import { type SenderProcess, startSenderProcess } from '../src/testing/sender-process.js';
import type { Backend } from '../src/testing/temp-store.js';
import { forkBenchChild } from './child-process.js';
import { cpuTimeMs, peakRssMiB, serviceCpuTimeMs } from './process-stats.js';
import { summariseAreas, summariseProfiles } from './profile-summary.js';
import type { BenchReceiver } from './receiver-client.js';

export const wallClock = () => performance.timeOrigin + performance.now();

export interface ThroughputResult {
  name: string;
  events: number;
  seconds: number;
  eventsPerSec: number;
  peakRssMiB: number | null;
  /** Requests beyond one per event (should be 0). */
  extraRequests: number;
  /** When the last publish call returned, in seconds from the start (null: not measured). */
  publishedAfter: number | null;
  /** CPU time of the sending process per event, in ms (robust to other load on the machine). */
  cpuMsPerEvent: number | null;
  /**
   * CPU of the server it stores in (Redis for BullMQ, PostgreSQL for taskhooks on PostgreSQL) per
   * event, in ms: work the system does outside the measured process. 0 for embedded SQLite.
   */
  serviceCpuMsPerEvent: number | null;
  profile?: ReturnType<typeof summariseProfiles> & { areas: ReturnType<typeof summariseAreas> };
}

export interface BenchContext {
  receiver: BenchReceiver;
  payload: Record<string, unknown>;
  events: number;
  /** Events per publish call (publishBatch / addBulk). */
  perCall: number;
  /** Publish calls in flight at once. */
  publishers: number;
  timeoutMs: number;
  /** Events sent (and delivered) before the measured run, so every system is measured warm (JIT, pools). */
  warmupEvents: number;
}

/** Sends `ctx.warmupEvents` through `publishOne`, waits until they arrived, then clears the receiver. */
async function warmUp(ctx: BenchContext, publishOne: (count: number) => Promise<void>): Promise<void> {
  if (ctx.warmupEvents <= 0) return;
  await ctx.receiver.reset();
  const arrived = ctx.receiver.waitForDistinct(ctx.warmupEvents, ctx.timeoutMs);
  await publishAll({ ...ctx, events: ctx.warmupEvents }, publishOne);
  await arrived;
  await ctx.receiver.reset();
}

function result(
  name: string,
  events: number,
  startedAt: number,
  reached: { at: number; requests: number },
  rss: number | null,
  publishedAt: number | null,
  cpuMs: number | null,
  serviceCpuMs: number | null = 0,
): ThroughputResult {
  const seconds = (reached.at - startedAt) / 1000;
  return {
    name,
    events,
    seconds,
    eventsPerSec: events / seconds,
    peakRssMiB: rss,
    extraRequests: reached.requests - events,
    publishedAfter: publishedAt === null ? null : (publishedAt - startedAt) / 1000,
    cpuMsPerEvent: cpuMs === null ? null : cpuMs / events,
    serviceCpuMsPerEvent: serviceCpuMs === null ? null : serviceCpuMs / events,
  };
}

/** Runs `publishOne(offset, count)` over all events, `publishers` calls at a time. */
async function publishAll(ctx: BenchContext, publishOne: (count: number) => Promise<void>): Promise<void> {
  let remaining = ctx.events;
  await Promise.all(
    Array.from({ length: ctx.publishers }, async () => {
      while (remaining > 0) {
        const count = Math.min(ctx.perCall, remaining);
        remaining -= count;
        await publishOne(count);
      }
    }),
  );
}

/** (1) The ceiling: a bare undici Pool loop in its own process. */
export async function runRawUndici(ctx: BenchContext): Promise<ThroughputResult> {
  await ctx.receiver.reset();
  const child = await forkBenchChild('raw-undici-child.ts', {
    RECEIVER_URL: ctx.receiver.url,
    EVENTS: String(ctx.events),
    CONCURRENCY: '64',
    PAYLOAD_JSON: JSON.stringify(ctx.payload),
  });
  try {
    const reached = ctx.receiver.waitForDistinct(ctx.events, ctx.timeoutMs);
    const cpuBefore = cpuTimeMs(child.pid);
    const startedAt = wallClock();
    child.send({ type: 'start' });
    const done = await reached;
    await child.next('done', ctx.timeoutMs);
    const cpu = cpuUsed(child.pid, cpuBefore);
    return result('raw undici Pool (ceiling)', ctx.events, startedAt, done, peakRssMiB(child.pid), null, cpu);
  } finally {
    await child.close();
  }
}

/** (2) BullMQ on Redis: addBulk from here, a concurrency-64 Worker process POSTing with undici. */
export async function runBullmq(ctx: BenchContext): Promise<ThroughputResult> {
  await ctx.receiver.reset();
  const queueName = `taskhooks-bench-${randomBytes(4).toString('hex')}`;
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const queue = new Queue(queueName, { connection });
  const worker = await forkBenchChild('bullmq-worker-child.ts', {
    RECEIVER_URL: ctx.receiver.url,
    QUEUE_NAME: queueName,
    CONCURRENCY: '64',
  });
  try {
    const publishOne = async (count: number) => {
      await queue.addBulk(Array.from({ length: count }, () => ({ name: 'plan.failed', data: ctx.payload })));
    };
    await warmUp(ctx, publishOne);
    const reached = ctx.receiver.waitForDistinct(ctx.events, ctx.timeoutMs);
    const cpuBefore = cpuTimeMs(worker.pid);
    const redisBefore = serviceCpuTimeMs('redis-server');
    const startedAt = wallClock();
    await publishAll(ctx, publishOne);
    const publishedAt = wallClock();
    const done = await reached;
    const name = 'BullMQ (Redis, concurrency 64)';
    const cpu = cpuUsed(worker.pid, cpuBefore);
    const redis = serviceCpuUsed('redis-server', redisBefore);
    return result(name, ctx.events, startedAt, done, peakRssMiB(worker.pid), publishedAt, cpu, redis);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
}

export interface TaskhooksRun {
  sender: SenderProcess;
  tenantId: string;
  dispose(): Promise<void>;
}

/**
 * Like the BullMQ worker, 64 requests in flight to the one endpoint (the default per-endpoint cap
 * of 8 is a politeness limit for real receivers, not a throughput setting).
 */
export const TASKHOOKS_BENCH_ENV = {
  TASKHOOKS_WORKER_CONCURRENCY: '64',
  TASKHOOKS_MAX_IN_FLIGHT_PER_ENDPOINT: '64',
};

/** A `taskhooks serve` child on a fresh SQLite dir or PostgreSQL schema, with one endpoint at the receiver. */
export async function startTaskhooks(
  backend: Backend,
  receiverUrl: string,
  options: { profileDir?: string; env?: Record<string, string> } = {},
): Promise<TaskhooksRun> {
  const prepared = await prepareProcessBackend(backend);
  const store = await prepared.openStore();
  const { tenantId } = await seedTenantWithEndpoint(store, receiverUrl);
  await store.close();
  const sender = await startSenderProcess(
    'serve',
    {
      ...prepared.env,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      ...TASKHOOKS_BENCH_ENV,
      ...options.env,
    },
    options.profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] } : {},
  );
  let disposed: Promise<void> | null = null;
  return {
    sender,
    tenantId,
    dispose() {
      disposed ??= (async () => {
        await sender.stop('SIGTERM');
        await prepared.dispose();
      })();
      return disposed;
    },
  };
}

/** (3)/(4) taskhooks: publishBatch through the real API, delivered by the same process's worker. */
export async function runTaskhooks(
  ctx: BenchContext,
  backend: Backend,
  options: {
    profile?: boolean;
    env?: Record<string, string>;
    /** A unique idempotency key on every event, as @taskhooks/sender-client sends them. */
    keyed?: boolean;
  } = {},
): Promise<ThroughputResult> {
  await ctx.receiver.reset();
  const profileDir = options.profile ? mkdtempSync(join(tmpdir(), 'th-prof-')) : undefined;
  const run = await startTaskhooks(backend, ctx.receiver.url, {
    ...(profileDir ? { profileDir } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  let rss: number | null = null;
  try {
    const url = run.sender.url!;
    const publishOne = async (count: number) => {
      const response = await callApi(url, TEST_ADMIN_KEY, 'events.publishBatch', {
        tenantId: run.tenantId,
        events: Array.from({ length: count }, () => ({
          model: 'plan_bound_v2',
          event: 'plan.failed',
          payload: ctx.payload,
          ...(options.keyed ? { idempotencyKey: `bench-${randomUUID()}` } : {}),
        })),
      });
      if (response.status !== 200)
        throw new Error(`publishBatch: HTTP ${response.status} ${response.error?.message}`);
    };
    await warmUp(ctx, publishOne);
    const reached = ctx.receiver.waitForDistinct(ctx.events, ctx.timeoutMs);
    const cpuBefore = cpuTimeMs(run.sender.pid);
    const serviceBefore = backend === 'postgres' ? serviceCpuTimeMs('postgres') : 0;
    const startedAt = wallClock();
    await publishAll(ctx, publishOne);
    const publishedAt = wallClock();
    const done = await reached;
    rss = peakRssMiB(run.sender.pid);
    const cpu = cpuUsed(run.sender.pid, cpuBefore);
    const service = backend === 'postgres' ? serviceCpuUsed('postgres', serviceBefore) : 0;
    const name = `taskhooks ${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'}${options.profile ? ' (profiled)' : ''}`;
    const measured = result(name, ctx.events, startedAt, done, rss, publishedAt, cpu, service);
    await run.dispose();
    return profileDir
      ? { ...measured, profile: { ...summariseProfiles(profileDir), areas: summariseAreas(profileDir) } }
      : measured;
  } finally {
    await run.dispose().catch(() => {});
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
}

function serviceCpuUsed(command: 'redis-server' | 'postgres', before: number | null): number | null {
  const after = serviceCpuTimeMs(command);
  return after === null || before === null ? null : after - before;
}

function cpuUsed(pid: number, before: number | null): number | null {
  const after = cpuTimeMs(pid);
  return after === null || before === null ? null : after - before;
}
