import { accessSync, chmodSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertUnchanged, loadMigrations } from '../shared/migrations.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import { WalSyncer } from './wal-sync.js';

export interface SqliteOptions {
  /** Path of the database file (created with its folder if missing). */
  path: string;
  /** How long a writer waits for a lock held by another connection, in ms. */
  busyTimeoutMs?: number;
}

/**
 * One better-sqlite3 connection with a statement cache. better-sqlite3 is synchronous, so each
 * store call runs to completion without interleaving; multi-statement writes still use explicit
 * transactions so a crash never leaves half of one behind.
 */
export class SqliteConnection {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Null when the database is not in WAL mode (e.g. in memory): durable writes then use FULL. */
  private readonly wal: WalSyncer | null;
  /** Resolves to the checkpoint thread, or null while SQLite checkpoints automatically. */
  private readonly checkpointer: Promise<WalCheckpointer | null>;

  constructor(options: SqliteOptions) {
    // Payloads, the delivery log and API-key hashes: readable by this user only (umask 022 made
    // them world-readable). SQLite gives the -wal/-shm files the database file's mode.
    mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
    this.db = new Database(options.path);
    if (!this.db.memory) restrictToOwner(options.path);
    const mode = this.db.pragma('journal_mode = WAL', { simple: true });
    this.wal = mode === 'wal' ? new WalSyncer(`${this.db.name}-wal`) : null;
    // FULL: a write survives power loss once it returns (WAL+NORMAL may lose it). Hot paths opt
    // out explicitly: `writeDurable` (same promise, fsync off the event loop) and `writeRelaxed`.
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    this.db.pragma('foreign_keys = ON');
    this.checkpointer = this.wal ? this.#startCheckpointer() : Promise.resolve(null);
  }

  /** A database file or directory this process cannot write (the WAL files live beside it), or null. */
  writeBlocker(): string | null {
    if (this.db.memory) return null;
    for (const [what, path] of [
      ['database file', this.db.name],
      ['directory', dirname(this.db.name)],
    ] as const) {
      try {
        accessSync(path, constants.W_OK);
      } catch {
        return `read-only (the ${what} is not writable)`;
      }
    }
    return null;
  }

  /** True once WAL checkpoints run on their own thread instead of inside commits. */
  async checkpointsOffThread(): Promise<boolean> {
    return (await this.checkpointer) !== null && this.db.pragma('wal_autocheckpoint', { simple: true }) === 0;
  }

  async #startCheckpointer(): Promise<WalCheckpointer | null> {
    const restoreAutomatic = () => {
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    };
    const checkpointer = await startWalCheckpointer(this.db.name, { onStopped: restoreAutomatic });
    // Until the thread runs (or if it cannot), SQLite's automatic checkpoints stay on.
    if (checkpointer && this.db.open) this.db.pragma('wal_autocheckpoint = 0');
    return checkpointer;
  }

  /** A prepared statement, compiled once per distinct SQL text. */
  stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn` in BEGIN IMMEDIATE: takes the write lock up front so reads inside see the final state. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Like `write`, and resolves only once the commit is on disk — but the fsync runs on the thread
   * pool (see WalSyncer), so the event loop is not frozen for it. For publishes: "stored" must
   * mean stored even across a power cut.
   */
  async writeDurable<T>(fn: () => T): Promise<T> {
    if (!this.wal) return this.write(fn);
    const result = this.writeRelaxed(fn);
    await this.wal.sync();
    return result;
  }

  /**
   * Like `write`, but commits without waiting for fsync (synchronous=NORMAL for this transaction).
   * Only for delivery bookkeeping (claim, complete, release): losing one of those to a power cut
   * rolls the delivery back to "due", which means a re-send — at-least-once already allows that —
   * never a lost event. It survives a process crash (the WAL is in the OS cache), and the next
   * FULL commit (a publish) syncs it too. An fsync per attempt would cap delivery at one attempt
   * per disk flush and block the event loop meanwhile.
   */
  writeRelaxed<T>(fn: () => T): T {
    // Cached statements: `db.pragma()` compiles its SQL on every call, twice per hot-path write.
    this.stmt('PRAGMA synchronous = NORMAL').run();
    try {
      return this.write(fn);
    } finally {
      this.stmt('PRAGMA synchronous = FULL').run();
    }
  }

  migrate(): void {
    const migrations = loadMigrations(new URL('./migrations/', import.meta.url));
    this.write(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
      const applied = this.db
        .prepare('SELECT version, checksum FROM schema_migrations ORDER BY version')
        .all() as { version: number; checksum: string }[];
      assertUnchanged(applied, migrations);
      const done = new Set(applied.map((row) => row.version));
      const record = this.db.prepare(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
      );
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        this.db.exec(migration.sql);
        record.run(migration.version, migration.name, migration.checksum, Date.now());
      }
    });
  }

  async close(): Promise<void> {
    // The checkpoint thread goes first: the last connection to close checkpoints and removes the WAL.
    await (await this.checkpointer)?.close();
    if (this.db.open) this.db.close();
    this.statements.clear();
    await this.wal?.close();
  }
}

/** chmod 600 on the database and any WAL/SHM files left from before; a file of another user is left as it is. */
function restrictToOwner(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (existsSync(file)) chmodSync(file, 0o600);
    } catch {}
  }
}
