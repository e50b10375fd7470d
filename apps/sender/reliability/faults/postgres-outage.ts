import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { TEST_DATABASE_URL } from '../../src/testing/temp-store.js';

/**
 * A PostgreSQL database of its own for one fault scenario (other suites share the server), with
 * the ways to take it away from the sender: kill its connections, refuse new ones, or restart
 * the whole server. Connections are found by the application_name the sender is given.
 */
export interface PostgresOutageRig {
  /** DATABASE_URL for the sender: the own database, tagged with `applicationName`. */
  databaseUrl: string;
  /** pg_terminate_backend on every connection of the sender; returns how many were killed. */
  terminateSenderConnections(): Promise<number>;
  /** Refuses new connections to the database (and kills the open ones) until `restore`. */
  refuseConnections(): Promise<number>;
  restoreConnections(): Promise<void>;
  dispose(): Promise<void>;
}

export async function preparePostgresOutageRig(): Promise<PostgresOutageRig> {
  const { default: pg } = await import('pg');
  const suffix = randomBytes(5).toString('hex');
  const database = `th_fault_pg_${suffix}`;
  const applicationName = `th-fault-${suffix}`;
  // The admin connection lives in the shared `test` database, so it survives our outages.
  const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  admin.on('error', () => {});
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  url.searchParams.set('application_name', applicationName);
  const terminate = async () => {
    const { rows } = await admin.query<{ killed: number }>(
      'SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    return rows[0]?.killed ?? 0;
  };
  return {
    databaseUrl: url.toString(),
    terminateSenderConnections: terminate,
    async refuseConnections() {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      return terminate();
    },
    async restoreConnections() {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    },
    async dispose() {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`).catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
      await admin.end();
    },
  };
}

/**
 * Restarts the local PostgreSQL server (fast shutdown, start) the way this machine starts it, and
 * waits until it accepts connections again. Every other user of the server loses its connections
 * too, hence opt-in (TASKHOOKS_RELIABILITY_PG_RESTART=1) and never in the CI-scale run.
 */
export function restartPostgresServer(): { downMs: number } {
  const version = execFileSync('ls', ['/etc/postgresql'], { encoding: 'utf8' }).trim().split('\n')[0]!;
  const started = Date.now();
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart', '-m', 'fast'], {
    stdio: 'pipe',
    timeout: 60_000,
  });
  // pg_isready exits 0 once the server accepts connections; bounded to ~30 s.
  for (let i = 0; i < 300; i++) {
    try {
      execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432'], { stdio: 'pipe' });
      return { downMs: Date.now() - started };
    } catch {
      execFileSync('sleep', ['0.1']);
    }
  }
  throw new Error('PostgreSQL did not come back within 30 s after the restart');
}
