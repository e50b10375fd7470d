import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { claimAll, completion, newMessage, seedTenant, T0 } from '../contract/fixtures.js';
import { recentDeliveryCountsQuery } from '../shared/delivery-counts.js';
import { COUNT_QUEUED_DELIVERIES } from '../shared/queued-counts.js';
import { describeStoreContract } from '../store.contract.js';
import type { Store } from '../types.js';
import { CLAIM_CANDIDATES, DELETE_UNFINISHED_OF_ENDPOINT } from './deliveries.js';
import {
  DELETE_BARE_MESSAGES,
  DELETE_FINISHED_DELIVERIES,
  DELETE_OLD_OPERATIONAL_EVENTS,
} from './retention.js';
import { SqliteStore } from './sqlite-store.js';

async function openTemp(): Promise<{ dir: string; path: string; store: SqliteStore }> {
  const dir = mkdtempSync(join(tmpdir(), 'th-sqlite-'));
  const path = join(dir, 'nested', 'taskhooks.db');
  const store = new SqliteStore({ path });
  await store.migrate();
  return { dir, path, store };
}

/** The plans SQLite chooses on a freshly migrated database: per query, its steps one per line. */
async function queryPlans(...queries: [sql: string, ...params: unknown[]][]): Promise<string[]> {
  const { dir, path, store } = await openTemp();
  try {
    await store.close();
    const db = new Database(path, { readonly: true });
    try {
      return queries.map(([sql, ...params]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((step) => step.detail)
          .join('\n'),
      );
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeStoreContract('sqlite', async () => {
  const { dir, path, store } = await openTemp();
  const opened: Store[] = [store];
  return {
    store,
    reopen: async () => {
      const again = new SqliteStore({ path });
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite specifics', () => {
  it('runs in WAL mode with full sync and foreign keys, and records applied migrations', async () => {
    const { dir, path, store } = await openTemp();
    try {
      await store.migrate();
      await store.close();
      const db = new Database(path, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = db.prepare('SELECT version, name FROM schema_migrations').all();
      expect(versions).toEqual([
        { version: 1, name: 'init' },
        { version: 2, name: 'api_keys' },
        { version: 3, name: 'deliveries_by_endpoint_time' },
        { version: 4, name: 'portal_link_uses' },
        { version: 5, name: 'api_key_creator' },
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('claims through the partial due index rather than a table scan', async () => {
    const [claim] = await queryPlans([CLAIM_CANDIDATES, { now: 1, limit: 10, excluded: '[]' }]);
    expect(claim).toMatch(/SEARCH d USING INDEX deliveries_due/);
    expect(claim).toMatch(/SEARCH d USING INDEX deliveries_leases/);
    expect(claim).not.toMatch(/SCAN d\b/);
  });

  it("lists an endpoint's deliveries in index order and deletes its unfinished ones through the partial indexes", async () => {
    const [listing, deletion] = await queryPlans(
      [
        'SELECT d.* FROM deliveries d WHERE d.endpoint_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 51',
        'e',
      ],
      [DELETE_UNFINISHED_OF_ENDPOINT, 'e', 'e'],
    );
    expect(listing).toMatch(/SEARCH d USING INDEX deliveries_by_endpoint_time \(endpoint_id=\?\)/);
    expect(listing).not.toMatch(/TEMP B-TREE/);
    expect(deletion).toMatch(/deliveries_due/);
    expect(deletion).toMatch(/deliveries_leases/);
    expect(deletion).not.toMatch(/deliveries_by_endpoint_time/);
  });

  it('counts the queue through the partial indexes of unfinished rows, never the whole table', async () => {
    const [plan] = await queryPlans([COUNT_QUEUED_DELIVERIES]);
    expect(plan).toMatch(/SCAN deliveries USING COVERING INDEX deliveries_due/);
    expect(plan).toMatch(/SCAN deliveries USING COVERING INDEX deliveries_leases/);
    expect(plan).not.toMatch(/SCAN deliveries$/m);
  });

  it("counts an endpoint's newest deliveries by walking its time index backwards, with or without a tenant", async () => {
    const plans = await queryPlans(
      ...[{ endpointId: 'e' }, { endpointId: 'e', tenantId: 't' }].map((scope) => {
        const { sql, values } = recentDeliveryCountsQuery('sqlite', scope, 1000);
        return [sql, ...values] as [string, ...unknown[]];
      }),
    );
    for (const plan of plans) {
      expect(plan).toMatch(/SEARCH d USING INDEX deliveries_by_endpoint_time \(endpoint_id=\?\)/);
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(plan).not.toMatch(/SCAN d\b/);
    }
  });

  it('walks the time indexes to delete old delivery rows, bare messages and operational events, never the whole table', async () => {
    const window = { cutoff: 1, limit: 10, from: 0 };
    const [deliveries, messages, operationalEvents] = await queryPlans(
      [DELETE_FINISHED_DELIVERIES, window],
      [DELETE_BARE_MESSAGES, window],
      [DELETE_OLD_OPERATIONAL_EVENTS, window],
    );
    expect(deliveries).toMatch(
      /SEARCH deliveries USING (COVERING )?INDEX deliveries_by_time \(created_at>\? AND created_at<\?\)/,
    );
    expect(deliveries).not.toMatch(/TEMP B-TREE/);
    expect(messages).toMatch(
      /SEARCH m USING (COVERING )?INDEX messages_by_time \(created_at>\? AND created_at<\?\)/,
    );
    expect(messages).toMatch(/deliveries_by_message/);
    expect(operationalEvents).toMatch(
      /SEARCH operational_events USING (COVERING )?INDEX operational_events_by_time \(created_at<\?\)/,
    );
    expect(operationalEvents).not.toMatch(/TEMP B-TREE/);
  });

  it('refuses a database whose applied migration was edited', async () => {
    const { dir, path, store } = await openTemp();
    try {
      await store.close();
      const db = new Database(path);
      db.prepare("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1").run();
      db.close();
      const again = new SqliteStore({ path });
      await expect(again.migrate()).rejects.toThrow(/0*1_init was edited after it was applied/);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a completion still waiting for company when the store closes, instead of dropping it', async () => {
    const { dir, path, store } = await openTemp();
    try {
      const { tenantId } = await seedTenant(store);
      await store.publishMessages([newMessage(tenantId)]);
      const [claimed] = await claimAll(store, 'worker-1', T0);
      // Not awaited, and its linger timer never fires: only close() can write it.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const completed = store.completeDelivery(completion(claimed!, 'worker-1', 'succeeded', T0 + 5));
      try {
        await store.close();
      } finally {
        vi.useRealTimers();
      }
      await expect(completed).resolves.toBe(true);
      const again = new SqliteStore({ path });
      const delivery = await again.getDelivery(claimed!.delivery.id);
      await again.close();
      expect(delivery?.state).toBe('succeeded');
      expect(delivery?.attempts.map((a) => a.outcome)).toEqual(['succeeded']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
