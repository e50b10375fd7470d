import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, TEST_DATABASE_URL, type TempStore } from '../testing/temp-store.js';
import { checkReadiness } from './health.js';

let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.close().catch(() => {});
  temp = null;
});

describe('checkReadiness', () => {
  it('is ready while the store answers and the process is not stopping', async () => {
    temp = await openTempStore('sqlite');
    expect(await checkReadiness({ stopping: false, store: temp.store })).toEqual({
      ready: true,
      checks: { shutdown: 'ok', store: 'ok' },
    });
    expect(await checkReadiness({ stopping: true, store: temp.store })).toEqual({
      ready: false,
      checks: { shutdown: 'stopping', store: 'ok' },
    });
  });

  it('is not ready on a PostgreSQL session that cannot write (a standby, or read-only by default)', async () => {
    temp = await openTempStore('postgres');
    expect((await checkReadiness({ stopping: false, store: temp.store })).checks.store).toBe('ok');
    const { PostgresStore } = await import('../store/postgres/postgres-store.js');
    const readOnly = new PostgresStore({
      connectionString: `${TEST_DATABASE_URL}?options=${encodeURIComponent('-c default_transaction_read_only=on')}`,
      maxConnections: 1,
    });
    try {
      expect(await readOnly.writeBlocker()).toBe(
        'read-only (a standby, or default_transaction_read_only is on)',
      );
      // What /readyz reports with it: the store answers reads, but every publish would get 503.
      const readsButCannotWrite = {
        getTenant: temp.store.getTenant.bind(temp.store),
        writeBlocker: () => readOnly.writeBlocker(),
      };
      expect(await checkReadiness({ stopping: false, store: readsButCannotWrite })).toEqual({
        ready: false,
        checks: { shutdown: 'ok', store: 'read-only (a standby, or default_transaction_read_only is on)' },
      });
    } finally {
      await readOnly.close();
    }
  });

  it('is not ready once the store cannot answer', async () => {
    temp = await openTempStore('sqlite');
    await temp.store.close();
    const report = await checkReadiness({ stopping: false, store: temp.store });
    expect(report.ready).toBe(false);
    expect(report.checks.store).toMatch(/^unreachable/);
  });
});
