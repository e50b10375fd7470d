// The floor benchmark (NOT a test): the least CPU per event a durable webhook sender must spend
// (HTTP batch ingest, contract validation, a durable SQLite or PostgreSQL commit with a minimal
// schema, signing, the undici send, an attempt record) against the CPU per event that 2× (SQLite)
// or 1× (PostgreSQL) BullMQ's rate leaves on this machine. Run:
//   pnpm bench:floor [-- --events 20000 --reps 3]
// Everything talks to 127.0.0.1: a receiver child, Redis 6379, PostgreSQL 5432 (DATABASE_URL if
// set). It prints figures and never fails on them.
import { parseArgs } from 'node:util';
import { loadSeedExample } from '../../src/testing/seed-data.js';
import { startBenchReceiver } from '../receiver-client.js';
import type { RepCosts } from './budget.js';
import { measureHttpIngest } from './ingest-cost.js';
import { measureMicroCosts } from './micro-costs.js';
import { measurePostgresFloor } from './postgres-floor.js';
import { printReport } from './report.js';
import { measureBullmq, measureRawSend } from './send-costs.js';
import { measureSqliteFloor } from './sqlite-floor.js';

const { values } = parseArgs({
  // `pnpm bench:floor -- --events …` passes the `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    events: { type: 'string', default: '20000' },
    reps: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2000' },
  },
});

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name}: expected a positive integer, got "${text}"`);
  return value;
}

const events = positive('events', values.events);
const reps = positive('reps', values.reps);
const warmup = positive('warmup', values.warmup);
const payload = loadSeedExample();

async function step<T>(rep: number, label: string, measure: () => Promise<T>): Promise<T> {
  process.stderr.write(`… rep ${rep}/${reps}: ${label}\n`);
  return measure();
}

async function main(): Promise<void> {
  const receiver = await startBenchReceiver();
  const measured: RepCosts[] = [];
  try {
    for (let rep = 1; rep <= reps; rep++) {
      try {
        measured.push({
          raw: await step(rep, 'raw undici send', () => measureRawSend(receiver, payload, events)),
          bullmq: await step(rep, 'BullMQ', () => measureBullmq(receiver, payload, events, warmup)),
          ingest: await step(rep, 'HTTP ingest', () => measureHttpIngest(payload, events, warmup)),
          micro: await step(rep, 'validation, serialising, signing', () =>
            measureMicroCosts(payload, events),
          ),
          sqlite: await step(rep, 'SQLite floor', () => measureSqliteFloor(payload, events, warmup)),
          postgres: await step(rep, 'PostgreSQL floor', () => measurePostgresFloor(payload, events, warmup)),
        });
      } catch (error) {
        console.error(`rep ${rep} failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  } finally {
    await receiver.close();
  }
  if (measured.length === 0) {
    console.log('\nNo rep completed: nothing to report.');
    return;
  }
  printReport(measured, events, JSON.stringify(payload).length);
}

await main();
