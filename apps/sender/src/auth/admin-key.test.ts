import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadOrCreateAdminKey } from './admin-key.js';

it('generates the admin key once (mode 0600), says so, and reads the same key afterwards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-admin-key-'));
  try {
    const first = loadOrCreateAdminKey(undefined, dir);
    expect(first).toMatchObject({ source: join(dir, 'admin.key'), created: true });
    expect(first.key).toMatch(/^thk_admin_[\w-]{43}$/);
    expect(statSync(first.source).mode & 0o777).toBe(0o600);
    const again = loadOrCreateAdminKey(undefined, dir);
    expect(again).toEqual({ key: first.key, source: first.source });
    expect(loadOrCreateAdminKey('configured-key', dir)).toEqual({
      key: 'configured-key',
      source: 'TASKHOOKS_ADMIN_KEY',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
