import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../testing/temp-store.js';
import { StoreError } from './errors.js';
import { storeUnavailableReason } from './unavailable.js';

/** Runs `fn` and returns what it threw (fails the test when it throws nothing). */
async function thrownBy(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('storeUnavailableReason: real database errors', () => {
  it('names SQLITE_FULL and SQLITE_READONLY, ignores caller mistakes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-unavailable-'));
    try {
      const path = join(dir, 'db.sqlite');
      const db = new Database(path);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages}`);
      const full = await thrownBy(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('x'.repeat(100_000)));
      expect(storeUnavailableReason(full)).toBe('the disk holding the database is full (SQLITE_FULL)');
      const duplicate = await thrownBy(() =>
        db.exec('INSERT INTO t (id) VALUES (1); INSERT INTO t (id) VALUES (1)'),
      );
      expect((duplicate as { code: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
      expect(storeUnavailableReason(duplicate)).toBeUndefined();
      db.close();

      const readonly = new Database(path, { readonly: true });
      const denied = await thrownBy(() => readonly.prepare('INSERT INTO t (v) VALUES (?)').run('y'));
      expect(storeUnavailableReason(denied)).toMatch(/^the database is read-only \(SQLITE_READONLY/);
      readonly.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(storeUnavailableReason(new StoreError('invalid_input', 'cursor: bad'))).toBeUndefined();
    expect(storeUnavailableReason(new Error('boom'))).toBeUndefined();
    expect(storeUnavailableReason(null)).toBeUndefined();
  });

  it('names a refused and a terminated PostgreSQL connection, ignores a syntax error', async () => {
    const { default: pg } = await import('pg');
    const refused = await thrownBy(async () => {
      const client = new pg.Client({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'test' });
      client.on('error', () => {});
      await client.connect();
    });
    expect(storeUnavailableReason(refused)).toBe('the database server is unreachable (ECONNREFUSED)');

    const victim = new pg.Client({ connectionString: TEST_DATABASE_URL });
    victim.on('error', () => {});
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await Promise.all([victim.connect(), admin.connect()]);
    try {
      const syntax = await thrownBy(() => victim.query('SELEC 1'));
      expect(storeUnavailableReason(syntax)).toBeUndefined();
      const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const sleeping = thrownBy(() => victim.query('SELECT pg_sleep(10)'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      expect(storeUnavailableReason(await sleeping)).toBe('the database connection was lost (57P01)');
      // The client is now broken: the next query fails without a SQLSTATE.
      expect(storeUnavailableReason(await thrownBy(() => victim.query('SELECT 1')))).toBe(
        'the database connection was lost',
      );
    } finally {
      await admin.end();
      await victim.end().catch(() => {});
    }
  });
});
