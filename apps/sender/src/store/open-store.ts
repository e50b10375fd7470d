import { join } from 'node:path';
import { StoreError } from './shared/errors.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './types.js';

export interface OpenStoreOptions {
  /** DATABASE_URL: a postgres:// (or postgresql://) URL selects PostgreSQL; unset selects SQLite. */
  databaseUrl?: string;
  /** Folder of the SQLite database (default `.taskhooks`); created if missing. */
  dataDir?: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
}

export const SQLITE_FILE_NAME = 'taskhooks.db';

/** Opens the configured backend, migrated and ready. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const store = await createStore(options);
  if (options.migrate ?? true) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

async function createStore({ databaseUrl, dataDir }: OpenStoreOptions): Promise<Store> {
  if (databaseUrl) {
    if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
      // Loaded on demand so embedded (SQLite-only) installs never load the pg driver.
      const { PostgresStore } = await import('./postgres/postgres-store.js');
      return new PostgresStore({ connectionString: databaseUrl });
    }
    // Show only the scheme: the rest of the URL may carry a password.
    const scheme = databaseUrl.split(':', 1)[0];
    throw new StoreError(
      'invalid_input',
      `databaseUrl: unsupported scheme "${scheme}:" (use postgres://…, or leave it unset for SQLite)`,
    );
  }
  return new SqliteStore({ path: join(dataDir ?? '.taskhooks', SQLITE_FILE_NAME) });
}
