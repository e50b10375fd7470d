import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store.contract.js';
import type { Store } from '../types.js';
import { CLAIM_CANDIDATES } from './deliveries.js';
import { SqliteStore } from './sqlite-store.js';

async function openTemp(): Promise<{ dir: string; path: string; store: SqliteStore }> {
  const dir = mkdtempSync(join(tmpdir(), 'th-sqlite-'));
  const path = join(dir, 'nested', 'taskhooks.db');
  const store = new SqliteStore({ path });
  await store.migrate();
  return { dir, path, store };
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
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('claims through the partial due index rather than a table scan', async () => {
    const { dir, path, store } = await openTemp();
    try {
      await store.close();
      const db = new Database(path, { readonly: true });
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${CLAIM_CANDIDATES}`)
        .all({ now: 1, limit: 10, excluded: '[]' }) as {
        detail: string;
      }[];
      const details = plan.map((p) => p.detail).join('\n');
      expect(details).toMatch(/SEARCH d USING INDEX deliveries_due/);
      expect(details).toMatch(/SEARCH d USING INDEX deliveries_leases/);
      expect(details).not.toMatch(/SCAN d\b/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
});
