import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../store/types.js';
import { type Backend, TEST_DATABASE_URL } from './temp-store.js';

/** Where a sender child process keeps its data, and a way for the test to look at the same data. */
export interface ProcessBackend {
  backend: Backend;
  /** TASKHOOKS_DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL) for the child process. */
  env: Record<string, string>;
  /** The SQLite data dir (also used for the admin key file on PostgreSQL). */
  dataDir: string;
  /** Opens (and migrates) the same database from the test process. */
  openStore(): Promise<Store>;
  /** Runs raw SQL against the database (PostgreSQL only), e.g. to count attempts. */
  sql<R>(text: string, values?: unknown[]): Promise<R[]>;
  dispose(): Promise<void>;
}

/**
 * A fresh data dir, or a fresh PostgreSQL schema selected through the connection string's
 * `options=-c search_path=…` (pg passes it to the server), so the CLI needs no schema setting.
 */
export async function prepareProcessBackend(backend: Backend): Promise<ProcessBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'th-proc-'));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (backend === 'sqlite') {
    return {
      backend,
      env: { TASKHOOKS_DATA_DIR: dataDir },
      dataDir,
      async openStore() {
        const { openStore } = await import('../store/open-store.js');
        return openStore({ dataDir });
      },
      async sql() {
        throw new Error('sql() is for PostgreSQL; use openStore() on SQLite');
      },
      dispose: removeDir,
    };
  }
  // Loaded lazily: see the note in temp-store.ts about pg under the vitest conditions.
  const { default: pg } = await import('pg');
  const schema = `th_proc_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withSearchPath(TEST_DATABASE_URL, schema);
  const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const scoped = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    backend,
    env: { DATABASE_URL: databaseUrl, TASKHOOKS_DATA_DIR: dataDir },
    dataDir,
    async openStore() {
      const { openStore } = await import('../store/open-store.js');
      return openStore({ databaseUrl });
    },
    async sql<R>(text: string, values: unknown[] = []) {
      return (await scoped.query(text, values)).rows as R[];
    },
    async dispose() {
      await scoped.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
      await admin.end();
      await removeDir();
    },
  };
}

export function withSearchPath(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
