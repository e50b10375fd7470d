import { openStore } from '../../store/index.js';
import type { CommandInput } from '../args/command-spec.js';
import type { migrateOptions } from '../commands/migrate.js';
import { readAppliedMigrations } from '../migrate/applied-migrations.js';
import { loadConfigForCli } from '../serve/load-config.js';

/** `taskhooks migrate`: apply pending migrations and list the ones applied now. */
export async function runMigrate({ output, env }: CommandInput<typeof migrateOptions>): Promise<number> {
  const config = loadConfigForCli(env);
  const location = config.DATABASE_URL
    ? `PostgreSQL (${new URL(config.DATABASE_URL).host})`
    : `SQLite in ${config.TASKHOOKS_DATA_DIR}`;
  const startedAt = Date.now();
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.TASKHOOKS_DATA_DIR });
  await store.close();
  const rows = await readAppliedMigrations({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.TASKHOOKS_DATA_DIR,
  });
  const applied = rows.filter((row) => row.appliedAt >= startedAt);
  const label = (row: { version: number; name: string }) =>
    `${String(row.version).padStart(4, '0')}_${row.name}`;
  if (applied.length === 0) {
    output.say(
      `${location}: up to date (${rows.length} migrations, latest ${rows.at(-1) ? label(rows.at(-1)!) : 'none'})`,
    );
  } else {
    output.say(`${location}: applied ${applied.length} migration(s)`);
    for (const row of applied) output.say(`  ${output.style.green('+')} ${label(row)}`);
  }
  output.emit({
    database: config.DATABASE_URL ? 'postgres' : 'sqlite',
    applied: applied.map(label),
    current: rows.map(label),
  });
  return 0;
}
