import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateApiKey } from '../security/api-keys.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createAuthenticator } from './authenticator.js';

const BOOTSTRAP = 'bootstrap-admin-key-0123456789';
let dir: string;
let store: SqliteStore;
let now: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'th-auth-'));
  store = new SqliteStore({ path: join(dir, 'db.sqlite') });
  await store.migrate();
  await store.createTenant({ id: 'fam', name: 'Fam', entitlement: 'active' }, 1);
  now = 1_000_000;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addKey(kind: 'admin' | 'tenant', id: string) {
  const generated = generateApiKey(kind);
  await store.createApiKey(
    {
      id,
      tenantId: kind === 'admin' ? null : 'fam',
      prefix: generated.displayPrefix,
      hash: generated.hash,
      name: id,
    },
    1,
  );
  return generated.key;
}

describe('createAuthenticator', () => {
  it('accepts the bootstrap key and stored keys, mapping each to its caller', async () => {
    const auth = createAuthenticator({ store, bootstrapAdminKey: BOOTSTRAP, now: () => now });
    const tenantKey = await addKey('tenant', 'k-tenant');
    const adminKey = await addKey('admin', 'k-admin');
    expect(await auth(`Bearer ${BOOTSTRAP}`)).toEqual({ kind: 'admin', keyId: 'admin', bootstrap: true });
    expect(await auth(`Bearer ${tenantKey}`)).toEqual({ kind: 'tenant', tenantId: 'fam', keyId: 'k-tenant' });
    expect(await auth(`bearer ${adminKey}`)).toEqual({ kind: 'admin', keyId: 'k-admin' });
  });

  it('refuses missing, malformed, unknown and revoked keys alike', async () => {
    const auth = createAuthenticator({ store, bootstrapAdminKey: BOOTSTRAP, now: () => now });
    const key = await addKey('tenant', 'k1');
    for (const header of [
      undefined,
      '',
      key,
      `Basic ${key}`,
      'Bearer thk_tenant_short',
      `Bearer ${generateApiKey('tenant').key}`,
    ]) {
      expect(await auth(header)).toBeNull();
    }
    await store.revokeApiKey('k1', 5);
    expect(await auth(`Bearer ${key}`)).toBeNull();
  });

  it('records last use at most once per interval', async () => {
    const auth = createAuthenticator({
      store,
      bootstrapAdminKey: BOOTSTRAP,
      now: () => now,
      touchIntervalMs: 1000,
    });
    const key = await addKey('tenant', 'k1');
    const lastUsed = async () => (await store.listApiKeys())[0]!.lastUsedAt;
    await auth(`Bearer ${key}`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await lastUsed()).toBe(1_000_000);
    now += 500;
    await auth(`Bearer ${key}`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await lastUsed()).toBe(1_000_000);
    now += 600;
    await auth(`Bearer ${key}`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await lastUsed()).toBe(1_001_100);
  });
});
