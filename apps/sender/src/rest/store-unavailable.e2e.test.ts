import type Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { ADMIN_KEY, type ApiHarness, startApiHarness } from '../api/testing/api-harness.js';
import { loadSeedExample } from '../testing/seed-data.js';
import { type ErrorBody, restCall } from './testing/rest-call.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const payload = loadSeedExample();
const batchOf = (count: number) => ({
  tenantId: 't1',
  events: Array.from({ length: count }, () => ({ model: payload.model, event: payload.event, payload })),
});

it('a full SQLite database answers publish with 503 naming the problem; nothing of it is stored; it recovers', async () => {
  h = await startApiHarness('sqlite');
  await restCall(h.url, 'POST', '/api/tenants', { key: ADMIN_KEY, body: { id: 't1', name: 't1' } });
  const ok = await restCall(h.url, 'POST', '/api/events/batch', { key: ADMIN_KEY, body: batchOf(5) });
  expect(ok.status).toBe(200);

  // A real SQLITE_FULL from SQLite itself: the store's connection may not grow the file any more
  // (the same error a full disk gives). Reaching into the store is the only way to set this limit.
  const db = (h.store as unknown as { conn: { db: Database.Database } }).conn.db;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  const full = await restCall<ErrorBody>(h.url, 'POST', '/api/events/batch', {
    key: ADMIN_KEY,
    body: batchOf(50),
  });
  expect(full.status).toBe(503);
  expect(full.json.error.code).toBe('unavailable');
  expect(full.json.error.message).toMatch(
    /^storage unavailable: the disk holding the database is full \(SQLITE_FULL\)/,
  );
  expect(full.json.error.issues).toEqual([
    { path: '', code: 'storage_unavailable', message: 'the disk holding the database is full (SQLITE_FULL)' },
  ]);
  // tRPC says the same, with its own status mapping.
  const trpc = await fetch(`${h.url}/trpc/events.publishBatch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify(batchOf(50)),
  });
  expect(trpc.status).toBe(503);
  expect(((await trpc.json()) as { error: { data: { reason: string } } }).error.data.reason).toBe(
    'unavailable',
  );
  expect((await h.store.listMessages({ tenantId: 't1', limit: 100 })).items).toHaveLength(5);

  db.pragma('max_page_count = 1073741823');
  const again = await restCall(h.url, 'POST', '/api/events/batch', { key: ADMIN_KEY, body: batchOf(50) });
  expect(again.status).toBe(200);
  expect((await h.store.listMessages({ tenantId: 't1', limit: 500 })).items).toHaveLength(55);
});
