// What the store's counting reads cost as the retained history grows (NOT a test). Run:
//   pnpm --filter @taskhooks/sender bench:scrape [-- --history=100000,500000 --only=sqlite,postgres]
// Side by side on the same database, all history rows of one endpoint:
// - a /metrics scrape: the queue-depth query (countQueuedDeliveries, through the partial indexes of
//   unfinished rows) against a count by state over every retained row (what /metrics ran before);
// - a portal overview, per endpoint: its newest 1,000 deliveries by state (countRecentDeliveries)
//   against all of its retained rows by state (what the portal ran before).
// PostgreSQL at 127.0.0.1:5432 for the postgres rows.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { uuidv7 } from '../src/ids/uuidv7.js';
import { RECENT_DELIVERIES } from '../src/portal/api/success-rate.js';
import { SQLITE_FILE_NAME } from '../src/store/open-store.js';
import type { Store } from '../src/store/types.js';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { seedTenantWithEndpoint } from '../src/testing/seed-data.js';
import type { Backend } from '../src/testing/temp-store.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    history: { type: 'string', default: '100000,500000' },
    only: { type: 'string', default: 'sqlite,postgres' },
    queued: { type: 'string', default: '1000' },
    repeats: { type: 'string', default: '5' },
  },
});
const histories = values.history.split(',').map(Number);
const queued = Number(values.queued);
const repeats = Number(values.repeats);
if (histories.some((n) => !Number.isInteger(n) || n < 0 || n > 5_000_000)) {
  throw new Error(`--history: whole numbers from 0 to 5,000,000, got ${values.history}`);
}

/** Finished rows (the history) and pending ones (the queue), written straight into the table. */
async function fill(
  prepared: ProcessBackend,
  store: Store,
  history: number,
): Promise<{ tenantId: string; endpointId: string }> {
  const { tenantId, endpoint } = await seedTenantWithEndpoint(store, 'http://127.0.0.1:9/');
  const messageId = uuidv7();
  await store.publishMessages([
    {
      id: messageId,
      tenantId,
      model: 'plan_bound_v2',
      event: 'plan.completed',
      payloadJson: '{}',
      idempotencyKey: null,
      createdAt: Date.now(),
    },
  ]);
  const insert = `INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, event, state, attempt_count,
      next_attempt_at, created_at, updated_at)`;
  if (prepared.backend === 'postgres') {
    await prepared.sql(
      `${insert} SELECT 'h' || n, $1, $2, $3, 'plan.completed', CASE WHEN n <= $5 THEN 'pending' ELSE 'succeeded' END,
         1, CASE WHEN n <= $5 THEN n END, n, n FROM generate_series(1, $4::int) AS n`,
      [tenantId, messageId, endpoint.id, history + queued, queued],
    );
    await prepared.sql('ANALYZE deliveries');
    return { tenantId, endpointId: endpoint.id };
  }
  const db = new Database(join(prepared.dataDir, SQLITE_FILE_NAME));
  const row = db.prepare(`${insert} VALUES (?, ?, ?, ?, 'plan.completed', ?, 1, ?, ?, ?)`);
  db.transaction(() => {
    for (let n = 1; n <= history + queued; n++) {
      const pending = n <= queued;
      row.run(
        `h${n}`,
        tenantId,
        messageId,
        endpoint.id,
        pending ? 'pending' : 'succeeded',
        pending ? n : null,
        n,
        n,
      );
    }
  })();
  db.close();
  return { tenantId, endpointId: endpoint.id };
}

async function medianMs(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[times.length >> 1]!;
}

console.log(`Store counting cost, ${queued} queued deliveries, median of ${repeats}\n`);
console.log(
  `| backend | retained deliveries | /metrics: queue depth (now) ms | count by state (before) ms | ratio | portal: newest ${RECENT_DELIVERIES} (now) ms | endpoint by state (before) ms | ratio |`,
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const backend of values.only.split(',') as Backend[]) {
  for (const history of histories) {
    const prepared = await prepareProcessBackend(backend);
    const store = await prepared.openStore();
    try {
      const scope = await fill(prepared, store, history);
      const queueNow = await medianMs(() => store.countQueuedDeliveries());
      const queueBefore = await medianMs(() => store.countDeliveries());
      const rateNow = await medianMs(() => store.countRecentDeliveries(scope, RECENT_DELIVERIES));
      const rateBefore = await medianMs(() => store.countDeliveries(scope));
      console.log(
        `| ${backend} | ${history + queued} | ${queueNow.toFixed(2)} | ${queueBefore.toFixed(1)} | ${(queueBefore / queueNow).toFixed(0)}× | ${rateNow.toFixed(2)} | ${rateBefore.toFixed(1)} | ${(rateBefore / rateNow).toFixed(0)}× |`,
      );
    } finally {
      await store.close();
      await prepared.dispose();
    }
  }
}
