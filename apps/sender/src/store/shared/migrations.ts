import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StoreError } from './errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Reads `NNNN_name.sql` files from a folder, in version order. The files ship beside the code
 * (a bundler must copy `src/store/*\/migrations/*.sql` next to its output).
 */
export function loadMigrations(folder: URL): Migration[] {
  const path = fileURLToPath(folder);
  const migrations: Migration[] = [];
  for (const file of readdirSync(path).sort()) {
    const match = FILE_PATTERN.exec(file);
    if (!match) continue;
    const sql = readFileSync(`${path}/${file}`, 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  for (let i = 0; i < migrations.length; i++) {
    if (migrations[i]!.version !== i + 1) {
      throw new StoreError(
        'migration',
        `migrations in ${path}: expected version ${i + 1}, found ${migrations[i]!.version}`,
      );
    }
  }
  return migrations;
}

/** An applied migration whose file changed would leave databases silently different: refuse. */
export function assertUnchanged(applied: { version: number; checksum: string }[], known: Migration[]): void {
  for (const row of applied) {
    const migration = known.find((m) => m.version === row.version);
    if (!migration) {
      throw new StoreError(
        'migration',
        `database has migration ${row.version} which this build does not know (newer build ran against it?)`,
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new StoreError(
        'migration',
        `migration ${row.version}_${migration.name} was edited after it was applied (checksum mismatch)`,
      );
    }
  }
}
