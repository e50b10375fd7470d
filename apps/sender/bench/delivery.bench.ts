// Delivery throughput and latency benchmark (NOT a test). Run:
//   pnpm --filter @taskhooks/sender bench:delivery [-- --events=20000 --rate=1000 --seconds=10 --profile]
// All traffic goes to 127.0.0.1 (a receiver child process, Redis 6379, PostgreSQL 5432); every
// phase has a time limit, so the run always ends by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSeedExample } from '../src/testing/seed-data.js';
import { killAllSenderProcesses } from '../src/testing/sender-process.js';
import { type LatencyResult, latencyBullmq, latencyTaskhooks } from './latency.js';
import { summariseAreas, summariseProfiles } from './profile-summary.js';
import { startBenchReceiver } from './receiver-client.js';
import {
  type BenchContext,
  runBullmq,
  runRawUndici,
  runTaskhooks,
  type ThroughputResult,
} from './throughput.js';

const { values } = parseArgs({
  // `pnpm bench:delivery -- --events=…` passes the `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    events: { type: 'string', default: process.env.BENCH_EVENTS ?? '20000' },
    rate: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string', default: 'raw,bullmq,sqlite,postgres' },
    profile: { type: 'boolean', default: false },
    // Every published event carries its own idempotency key, as the official client sends them.
    keyed: { type: 'boolean', default: false },
    'skip-latency': { type: 'boolean', default: false },
    'skip-throughput': { type: 'boolean', default: false },
  },
});
const events = positive('events', values.events);
const only = new Set(values.only.split(','));
const payload = loadSeedExample();

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name}: expected a positive integer, got "${text}"`);
  return value;
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);

function printThroughput(results: ThroughputResult[]): void {
  const bull = results.find((r) => r.name.startsWith('BullMQ'))?.eventsPerSec;
  const ceiling = results.find((r) => r.name.startsWith('raw'))?.eventsPerSec;
  console.log(
    `\nThroughput: ${events} events, seed-000 payload (${JSON.stringify(payload).length} bytes), one endpoint\n`,
  );
  console.log(
    '| system | events/s | seconds | all published after s | × BullMQ | × ceiling | peak RSS MiB | CPU ms/event | + Redis/PostgreSQL CPU ms/event | total CPU ms/event | extra requests |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${fmt(r.eventsPerSec)} | ${fmt(r.seconds, 2)} | ${fmt(r.publishedAfter, 2)} | ${bull ? fmt(r.eventsPerSec / bull, 2) : '—'} | ` +
        `${ceiling ? fmt(r.eventsPerSec / ceiling, 2) : '—'} | ${fmt(r.peakRssMiB)} | ${fmt(r.cpuMsPerEvent, 3)} | ` +
        `${fmt(r.serviceCpuMsPerEvent, 3)} | ${fmt(totalCpu(r), 3)} | ${r.extraRequests} |`,
    );
  }
}

/** The measured process plus the server it stores in: the CPU the system spends per event. */
function totalCpu(r: ThroughputResult): number | null {
  return r.cpuMsPerEvent === null || r.serviceCpuMsPerEvent === null
    ? null
    : r.cpuMsPerEvent + r.serviceCpuMsPerEvent;
}

function printLatency(results: LatencyResult[]): void {
  console.log(
    `\nLatency: steady ${values.rate} events/s for ${values.seconds} s, one event per publish call\n`,
  );
  console.log(
    '| system | sent | delivered | achieved/s | p50 ms | p99 ms | max ms | acked→delivered p50 | acked→delivered p99 |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.sent} | ${r.delivered} | ${fmt(r.achievedPerSec)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ` +
        `${fmt(r.maxMs, 1)} | ${fmt(r.ackedP50Ms, 2)} | ${fmt(r.ackedP99Ms, 2)} |`,
    );
  }
}

async function main(): Promise<void> {
  const receiver = await startBenchReceiver();
  const ctx: BenchContext = {
    receiver,
    payload,
    events,
    perCall: 100,
    publishers: 4,
    timeoutMs: Math.max(120_000, events * 20),
    warmupEvents: Number(values.warmup),
  };
  const throughput: ThroughputResult[] = [];
  const latency: LatencyResult[] = [];
  const attempt = async <T>(label: string, run: () => Promise<T>, into: T[]) => {
    process.stderr.write(`… ${label}\n`);
    try {
      into.push(await run());
    } catch (error) {
      console.error(`${label} failed: ${error instanceof Error ? error.message : error}`);
    }
  };
  try {
    if (!values['skip-throughput']) {
      if (only.has('raw')) await attempt('raw undici', () => runRawUndici(ctx), throughput);
      if (only.has('bullmq')) await attempt('BullMQ', () => runBullmq(ctx), throughput);
      if (only.has('sqlite'))
        await attempt(
          'taskhooks SQLite',
          () => runTaskhooks(ctx, 'sqlite', { keyed: values.keyed }),
          throughput,
        );
      if (only.has('postgres'))
        await attempt(
          'taskhooks PostgreSQL',
          () => runTaskhooks(ctx, 'postgres', { keyed: values.keyed }),
          throughput,
        );
      printThroughput(throughput);
    }

    if (!values['skip-latency']) {
      const lctx = {
        receiver,
        payload,
        ratePerSec: positive('rate', values.rate),
        seconds: positive('seconds', values.seconds),
        warmupSeconds: 2,
      };
      if (only.has('bullmq')) await attempt('BullMQ latency', () => latencyBullmq(lctx), latency);
      if (only.has('sqlite'))
        await attempt('SQLite latency', () => latencyTaskhooks(lctx, 'sqlite'), latency);
      if (only.has('postgres'))
        await attempt('PostgreSQL latency', () => latencyTaskhooks(lctx, 'postgres'), latency);
      printLatency(latency);

      // Where a single-event publish and its delivery spend the sender's CPU at the steady rate.
      for (const backend of values.profile ? (['sqlite', 'postgres'] as const) : []) {
        if (!only.has(backend)) continue;
        const dir = mkdtempSync(join(tmpdir(), 'th-lat-prof-'));
        try {
          const profiled: LatencyResult[] = [];
          await attempt(
            `profile ${backend} latency`,
            () => latencyTaskhooks(lctx, backend, { profileDir: dir }),
            profiled,
          );
          if (!profiled[0]) continue;
          const areas = summariseAreas(dir);
          const calls = lctx.ratePerSec * (lctx.seconds + (lctx.warmupSeconds ?? 0));
          console.log(
            `\nCPU profile of the sender at ${values.rate}/s single publishes (${profiled[0].name}, p50 ${fmt(profiled[0].p50Ms, 2)} ms under the profiler): ` +
              `${areas.busyMs} ms busy, ${fmt((areas.busyMs / calls) * 1000, 0)} µs per publish+delivery incl. startup\n`,
          );
          console.log('| area | ms | share |');
          console.log('|---|---:|---:|');
          for (const row of areas.rows)
            console.log(`| ${row.area} | ${row.ms} | ${(row.share * 100).toFixed(1)}% |`);
          console.log('\n| self ms | share | function |');
          console.log('|---:|---:|---|');
          for (const row of summariseProfiles(dir, 25).rows)
            console.log(`| ${row.ms} | ${(row.share * 100).toFixed(1)}% | ${row.name} |`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }

    if (values.profile && !values['skip-throughput']) {
      for (const backend of ['sqlite', 'postgres'] as const) {
        if (!only.has(backend)) continue;
        const profiled: ThroughputResult[] = [];
        await attempt(`profile ${backend}`, () => runTaskhooks(ctx, backend, { profile: true }), profiled);
        const run = profiled[0];
        if (!run?.profile) continue;
        const { totalMs, idleMs, rows } = run.profile;
        console.log(
          `\nCPU profile of the sender (${run.name}, ${fmt(run.eventsPerSec)} events/s under the profiler):`,
        );
        console.log(`main thread ${totalMs} ms sampled, ${idleMs} ms idle/program; top self time:\n`);
        console.log('| self ms | share | function |');
        console.log('|---:|---:|---|');
        for (const row of rows) console.log(`| ${row.ms} | ${(row.share * 100).toFixed(1)}% | ${row.name} |`);
        const { areas } = run.profile;
        console.log(
          `\nBy area (${areas.busyMs} ms busy, ${fmt(areas.busyMs / (ctx.events + ctx.warmupEvents), 3)} ms/event incl. startup):\n`,
        );
        console.log('| area | ms | share |');
        console.log('|---|---:|---:|');
        for (const row of areas.rows)
          console.log(`| ${row.area} | ${row.ms} | ${(row.share * 100).toFixed(1)}% |`);
      }
    }
  } finally {
    await killAllSenderProcesses();
    await receiver.close();
  }
}

await main();
