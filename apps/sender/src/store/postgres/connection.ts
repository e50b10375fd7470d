import pg from 'pg';
import { StoreError } from '../shared/errors.js';
import { assertUnchanged, loadMigrations } from '../shared/migrations.js';

export interface PostgresOptions {
  /** postgres://… connection string (DATABASE_URL). */
  connectionString: string;
  /** Schema to use instead of the server default (set as search_path on every connection). */
  schema?: string;
  /** Pool size; each claim or publish holds one connection briefly. */
  maxConnections?: number;
  /**
   * Longest wait for a new connection to be ready (default 10 s); see connectionSafety. Waiting
   * for a busy pool's next free connection is not bounded by it.
   */
  connectTimeoutMs?: number;
}

/**
 * Client settings that keep a network fault from hanging the sender: without a connect timeout,
 * a connection opened while the network was down (a failover behind a proxy that accepts and
 * never answers) never settled, and the claim, readiness probe or shutdown waiting on it waited
 * for good; TCP keepalive lets the kernel notice a peer that vanished silently.
 */
export function connectionSafety(options: Pick<PostgresOptions, 'connectTimeoutMs'>) {
  return {
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/**
 * A pg.Client class with connectionSafety built in. Given to the pool instead of the options:
 * pg-pool applies its own `connectionTimeoutMillis` to waiting for a busy pool's free connection
 * too, so ten calls holding the pool for longer than the timeout (a slow moment, publishes
 * queued behind an expiry's lock) would fail every call behind them instead of queueing them.
 */
function safeClientClass(options: Pick<PostgresOptions, 'connectTimeoutMs'>): typeof pg.Client {
  const safety = connectionSafety(options);
  return class SafeClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super({ ...(typeof config === 'string' ? { connectionString: config } : config), ...safety });
    }
  };
}

// Distinguishes our migration lock from other advisory-lock users; the second key is the schema.
const MIGRATION_LOCK_KEY = 0x7461_736b; // "task"
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

// Epoch-ms BIGINT columns (and COUNT) arrive as strings by default; every value we store is a safe integer.
const int8 = (value: string): number => Number(value);
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? int8
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type Queryable = pg.Pool | pg.PoolClient;

export class PostgresConnection {
  readonly pool: pg.Pool;

  constructor(options: PostgresOptions) {
    if (options.schema !== undefined && !IDENTIFIER.test(options.schema)) {
      throw new StoreError('invalid_input', `schema: "${options.schema}" must be a lowercase SQL identifier`);
    }
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      types: typeParsers,
      Client: safeClientClass(options),
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its server connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
    // Nor may a checked-out one between two queries (pg-pool listens only while a client is idle,
    // and an 'error' without a listener kills the process): its next query then fails, the caller
    // sees that error, and release() drops the broken client from the pool.
    this.pool.on('connect', (client) => client.on('error', () => {}));
  }

  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, values);
  }

  /** Runs `fn` in one transaction on one client; rolls back on any error. */
  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Safe to run from several processes at once: an advisory lock serialises them per schema. */
  async migrate(): Promise<void> {
    const migrations = loadMigrations(new URL('./migrations/', import.meta.url));
    await this.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))", [
        MIGRATION_LOCK_KEY,
      ]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
      const applied = await client.query<{ version: number; checksum: string }>(
        'SELECT version, checksum FROM schema_migrations ORDER BY version',
      );
      assertUnchanged(applied.rows, migrations);
      const done = new Set(applied.rows.map((row) => row.version));
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
          [migration.version, migration.name, migration.checksum, Date.now()],
        );
      }
    });
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/** Postgres error code of a failed query, if any (23505 unique_violation, 23503 foreign_key_violation). */
export function pgErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
