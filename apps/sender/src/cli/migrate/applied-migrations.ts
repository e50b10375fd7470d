import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '../../store/open-store.js';

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: number;
}

/**
 * The rows of `schema_migrations` (what `store.migrate()` recorded), read over a separate short
 * connection: the store interface keeps its SQL to itself, and `migrate` only needs to report.
 */
export async function readAppliedMigrations(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<AppliedMigration[]> {
  const sql = 'SELECT version, name, applied_at AS "appliedAt" FROM schema_migrations ORDER BY version';
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number; name: string; appliedAt: string }>(sql);
      return rows.map((row) => ({
        version: Number(row.version),
        name: row.name,
        appliedAt: Number(row.appliedAt),
      }));
    } finally {
      await client.end();
    }
  }
  const file = join(options.dataDir, SQLITE_FILE_NAME);
  if (!existsSync(file)) return [];
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as AppliedMigration[];
  } finally {
    db.close();
  }
}
