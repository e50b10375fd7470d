import { expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../testing/temp-store.js';

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
