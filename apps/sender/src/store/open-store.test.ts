import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';

describe('openStore', () => {
  it('opens a migrated SQLite store under dataDir, creating the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-open-'));
    try {
      const dataDir = join(dir, 'a', 'b');
      const store = await openStore({ dataDir });
      expect(store.dialect).toBe('sqlite');
      expect(existsSync(join(dataDir, 'taskhooks.db'))).toBe(true);
      expect(await store.listTenants()).toEqual([]); // tables exist
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens PostgreSQL for a postgres:// URL', async () => {
    const store = await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', migrate: false });
    expect(store.dialect).toBe('postgres');
    await store.close();
  });

  it('rejects other URL schemes without echoing credentials', async () => {
    const error = await openStore({ databaseUrl: 'mysql://root:hunter2@127.0.0.1/db' }).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/databaseUrl: unsupported scheme "mysql:"/);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
