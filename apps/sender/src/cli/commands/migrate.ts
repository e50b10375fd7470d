import { defineCommand, type OptionSpecs } from '../args/command-spec.js';
import { globalOptions } from '../args/common-options.js';
export const migrateOptions = { ...globalOptions } as const satisfies OptionSpecs;

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'Apply pending database migrations and list what was applied',
  usage: 'taskhooks migrate [options]',
  description: `Migrates DATABASE_URL (PostgreSQL), or the SQLite database in TASKHOOKS_DATA_DIR when it is
unset. serve and worker migrate on start too; run this first when you deploy several workers.
Safe to run from several processes at once (PostgreSQL takes an advisory lock).`,
  options: migrateOptions,
  examples: [
    'DATABASE_URL=postgres://taskhooks@db:5432/taskhooks taskhooks migrate',
    'TASKHOOKS_DATA_DIR=./data taskhooks migrate --json',
  ],
  run: async (input): Promise<number> => (await import('../migrate/run-migrate.js')).runMigrate(input),
});
