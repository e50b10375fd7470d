import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteConnection } from './connection.js';

describe('WAL checkpoints off the event loop', () => {
  it('turns off commit-time checkpoints and still copies the WAL into the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-ckpt-'));
    const path = join(dir, 'ckpt.db');
    const conn = new SqliteConnection({ path });
    try {
      expect(await conn.checkpointsOffThread()).toBe(true);
      conn.write(() => conn.db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)'));
      const emptySize = statSync(path).size;
      // ~3 MiB of commits: past the thread's threshold. With commit-time checkpoints off, only
      // the thread can move these pages into the database file.
      const body = 'x'.repeat(3000);
      for (let i = 0; i < 1000; i++) {
        conn.writeRelaxed(() => conn.stmt('INSERT INTO blobs (body) VALUES (?)').run(body));
      }
      const deadline = Date.now() + 20_000;
      while (statSync(path).size < emptySize + 2 * 1024 * 1024 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(statSync(path).size).toBeGreaterThan(emptySize + 2 * 1024 * 1024);
      expect(conn.stmt('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 1000 });
    } finally {
      await conn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps automatic checkpoints for a database that is not in WAL mode', async () => {
    const conn = new SqliteConnection({ path: ':memory:' });
    try {
      expect(await conn.checkpointsOffThread()).toBe(false);
    } finally {
      await conn.close();
    }
  });
});
