// The printed result: every measured cost as a range over the reps, then the verdict ratios.
// Ratios are taken per rep (each rep's floor against the same rep's budget), then ranged.
import { availableParallelism } from 'node:os';
import { postgresStoreUs, type RepCosts, sqliteStoreUs, type Verdict, verdict } from './budget.js';
import { bullmqTotalUs } from './send-costs.js';

interface Rep {
  costs: RepCosts;
  verdict: Verdict;
}

type Row = [label: string, value: (rep: Rep) => number];

const cores = availableParallelism();

const BUDGET_ROWS: Row[] = [
  ['BullMQ events/s (informative)', (r) => r.costs.bullmq.eventsPerSec],
  ['BullMQ worker', (r) => r.costs.bullmq.workerUs],
  ['Redis (every redis-server process)', (r) => r.costs.bullmq.redisUs],
  ['receiver (during BullMQ)', (r) => r.costs.bullmq.receiverUs],
  ['BullMQ load generator (addBulk)', (r) => r.costs.bullmq.loadGeneratorUs],
  ['BullMQ: the four processes', (r) => bullmqTotalUs(r.costs.bullmq)],
  [
    `machine CPU per event at BullMQ's rate (${cores} cores)`,
    (r) => (cores * 1e6) / r.costs.bullmq.eventsPerSec,
  ],
  ['HTTP ingest load generator (callApi publishBatch)', (r) => r.costs.ingest.loadGeneratorUs],
  ['budget at 2× BullMQ (sender + its store server)', (r) => r.verdict.budget2x],
  ['budget at 1× BullMQ', (r) => r.verdict.budget1x],
];

const WORK_ROWS: Row[] = [
  ['raw undici events/s (informative)', (r) => r.costs.raw.eventsPerSec],
  ['undici send (raw-undici-child)', (r) => r.costs.raw.senderUs],
  ['HTTP ingest server (read, JSON.parse, answer)', (r) => r.costs.ingest.serverUs],
  ['JSON.parse, share of a 100-event batch', (r) => r.costs.micro.parseShareUs],
  ['validateOutgoing', (r) => r.costs.micro.validateUs],
  ['JSON.stringify of the validated payload', (r) => r.costs.micro.stringifyUs],
  ['signRequest (standard-webhooks)', (r) => r.costs.micro.signUs],
  ['SQLite publish commit', (r) => r.costs.sqlite.publishUs],
  ['SQLite completion commit (+ attempt)', (r) => r.costs.sqlite.completeUs],
  ['SQLite store total', (r) => sqliteStoreUs(r.costs)],
  ['PostgreSQL client (pg)', (r) => r.costs.postgres.clientUs],
  ['PostgreSQL server (every postgres process)', (r) => r.costs.postgres.serverUs],
  ['PostgreSQL store total', (r) => postgresStoreUs(r.costs)],
  ['SQLite floor, without HTTP ingest', (r) => r.verdict.sqliteFloor],
  ['SQLite floor, with HTTP ingest', (r) => r.verdict.sqliteFloorWithIngest],
  ['PostgreSQL floor, without HTTP ingest', (r) => r.verdict.postgresFloor],
  ['PostgreSQL floor, with HTTP ingest', (r) => r.verdict.postgresFloorWithIngest],
];

const VERDICT_ROWS: Row[] = [
  ['SQLite floor ÷ 2×-BullMQ budget', (r) => r.verdict.sqliteFloor / r.verdict.budget2x],
  [
    'SQLite floor with HTTP ingest ÷ 2×-BullMQ budget',
    (r) => r.verdict.sqliteFloorWithIngest / r.verdict.budget2x,
  ],
  ['PostgreSQL floor ÷ 1×-BullMQ budget', (r) => r.verdict.postgresFloor / r.verdict.budget1x],
  [
    'PostgreSQL floor with HTTP ingest ÷ 1×-BullMQ budget',
    (r) => r.verdict.postgresFloorWithIngest / r.verdict.budget1x,
  ],
];

function range(reps: Rep[], value: (rep: Rep) => number, digits: number): string {
  const values = reps.map(value);
  if (values.some((v) => !Number.isFinite(v))) return '—';
  const low = Math.min(...values).toFixed(digits);
  const high = Math.max(...values).toFixed(digits);
  return low === high ? low : `${low}–${high}`;
}

function printTable(heading: string, column: string, reps: Rep[], rows: Row[], digits: number): void {
  console.log(`\n| ${heading} | ${column} |`);
  console.log('| --- | ---: |');
  for (const [label, value] of rows) {
    const rowDigits = label.includes('events/s') ? 0 : digits;
    console.log(`| ${label} | ${range(reps, value, rowDigits)} |`);
  }
}

export function printReport(allCosts: RepCosts[], events: number, payloadBytes: number): void {
  const reps = allCosts.map((costs) => ({ costs, verdict: verdict(costs) }));
  console.log(
    `\nThe floor: ${events} events per measurement, ${reps.length} rep${reps.length === 1 ? '' : 's'}, seed-000 payload (${payloadBytes} bytes).`,
  );
  console.log('µs of CPU per event, min–max over the reps.');
  printTable('the budget', 'µs/event', reps, BUDGET_ROWS, 1);
  printTable('the work a durable sender cannot skip', 'µs/event', reps, WORK_ROWS, 1);
  printTable('verdict (over 1: out of reach on this machine)', 'ratio', reps, VERDICT_ROWS, 2);
}
