import { chmodSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../open-store.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

it('keeps the database, its WAL files and a new data dir to the owning user, whatever the umask', async () => {
  const previous = process.umask(0o022);
  try {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'th-perm-')), 'data');
    const store = await openStore({ dataDir });
    await store.createTenant({ id: 'fam', name: 'Fam', entitlement: 'active' }, Date.now());
    const files = readdirSync(dataDir).filter((f) => f.startsWith('taskhooks.db'));
    expect(files).toEqual(expect.arrayContaining(['taskhooks.db', 'taskhooks.db-wal']));
    expect(modeOf(dataDir)).toBe(0o700);
    for (const file of files) expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600]);
    await store.close();

    // A database left world-readable by an earlier version is tightened at the next open.
    chmodSync(join(dataDir, 'taskhooks.db'), 0o644);
    const reopened = await openStore({ dataDir });
    expect(modeOf(join(dataDir, 'taskhooks.db'))).toBe(0o600);
    await reopened.close();
  } finally {
    process.umask(previous);
  }
});
