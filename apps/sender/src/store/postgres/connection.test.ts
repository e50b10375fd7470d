import { expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../testing/temp-store.js';
import { storeUnavailableReason } from '../shared/unavailable.js';

it('a connection killed while a client is checked out between queries fails that call, not the process; the pool recovers', async () => {
  // Loaded lazily: see testing/temp-store.ts on pg under the shared vitest conditions.
  const { default: pg } = await import('pg');
  const { PostgresConnection } = await import('./connection.js');
  const connection = new PostgresConnection({ connectionString: TEST_DATABASE_URL, maxConnections: 1 });
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const failed = connection.transaction(async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      // The client is idle but checked out when the server drops it: pg emits 'error' on it now.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return client.query('SELECT 1');
    });
    await expect(failed).rejects.toThrow(/not queryable|terminat/);
    // The broken client left the pool: the next call gets a fresh connection.
    expect((await connection.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  } finally {
    await admin.end();
    await connection.close();
  }
});

it('gives up on a server that accepts connections and never answers, and so does the LISTEN connection', async () => {
  const net = await import('node:net');
  const { PostgresStore } = await import('./postgres-store.js');
  // What a failover behind a proxy can look like: the TCP connection opens, nothing ever comes back.
  const sockets = new Set<import('node:net').Socket>();
  const silent = net.createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as import('node:net').AddressInfo).port;
  const store = new PostgresStore({
    connectionString: `postgres://postgres@127.0.0.1:${port}/test`,
    connectTimeoutMs: 300,
  });
  try {
    const started = Date.now();
    const failure = await store.getTenant('any').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(storeUnavailableReason(failure)).toBe(
      'the database server did not answer in time (connect timeout)',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    // The LISTEN connection's attempt gives up too, so closing the store does not wait on it.
    const unwatch = store.watchDueDeliveries(() => {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    await unwatch();
    const closing = Date.now();
    await store.close();
    expect(Date.now() - closing).toBeLessThan(5_000);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
}, 20_000);

it('a call waiting for a busy pool waits past the connect timeout: only opening a connection is bounded', async () => {
  const { PostgresConnection } = await import('./connection.js');
  const connection = new PostgresConnection({
    connectionString: TEST_DATABASE_URL,
    maxConnections: 1,
    connectTimeoutMs: 300,
  });
  try {
    // The one connection is opened first, so no connect (bounded by 300 ms) is timed under load.
    await connection.query('SELECT 1');
    // Its outcome is captured at once: a rejection while the test awaits the queued call would
    // otherwise be reported as unhandled.
    const busy = connection.query('SELECT pg_sleep(1)').then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const queued = await connection.query<{ one: number }>('SELECT 1 AS one');
    expect(queued.rows).toEqual([{ one: 1 }]);
    expect(Date.now() - started).toBeGreaterThan(300);
    expect(await busy).toBeNull();
  } finally {
    await connection.close();
  }
});
