import { expect, it } from 'vitest';
import type { NewApiKey } from '../types.js';
import { type ContractContext, seedTenant, T0 } from './fixtures.js';

function newKey(tenantId: string | null, n: number, overrides: Partial<NewApiKey> = {}): NewApiKey {
  return { id: `key-${n}`, tenantId, prefix: `pfx${n}`, hash: `hash-${n}`, name: `key ${n}`, ...overrides };
}

export function apiKeyContract(ctx: ContractContext): void {
  it('creates admin and tenant keys, finds them by hash and lists them by scope', async () => {
    const a = await seedTenant(ctx.store, { endpoints: 0 });
    const b = await seedTenant(ctx.store, { endpoints: 0 });
    const admin = await ctx.store.createApiKey(newKey(null, 1), T0);
    expect(admin).toEqual({
      ...newKey(null, 1),
      createdAt: T0,
      revokedAt: null,
      lastUsedAt: null,
      createdBy: null,
    });
    await ctx.store.createApiKey(newKey(a.tenantId, 2), T0 + 1);
    await ctx.store.createApiKey(newKey(b.tenantId, 3), T0 + 2);
    await ctx.store.createApiKey(newKey(a.tenantId, 4), T0 + 3);

    expect(await ctx.store.findApiKeyByHash('hash-2')).toMatchObject({ id: 'key-2', tenantId: a.tenantId });
    expect(await ctx.store.findApiKeyByHash('nope')).toBeNull();
    expect(await ctx.store.getApiKey('key-3')).toMatchObject({ id: 'key-3', tenantId: b.tenantId });
    expect(await ctx.store.getApiKey('hash-3')).toBeNull();
    expect((await ctx.store.listApiKeys()).map((k) => k.id)).toEqual(['key-1', 'key-2', 'key-3', 'key-4']);
    expect((await ctx.store.listApiKeys({ tenantId: null })).map((k) => k.id)).toEqual(['key-1']);
    expect((await ctx.store.listApiKeys({ tenantId: a.tenantId })).map((k) => k.id)).toEqual([
      'key-2',
      'key-4',
    ]);
    expect((await ctx.store.listApiKeys({ tenantId: 'nobody' })).map((k) => k.id)).toEqual([]);
  });

  it('refuses a duplicate id or hash and an unknown tenant', async () => {
    const { tenantId } = await seedTenant(ctx.store, { endpoints: 0 });
    await ctx.store.createApiKey(newKey(tenantId, 1), T0);
    await expect(ctx.store.createApiKey(newKey(tenantId, 2, { hash: 'hash-1' }), T0)).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(ctx.store.createApiKey(newKey(tenantId, 3, { id: 'key-1' }), T0)).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(ctx.store.createApiKey(newKey('missing', 4), T0)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('apiKey.tenantId'),
    });
    expect((await ctx.store.listApiKeys()).map((k) => k.id)).toEqual(['key-1']);
  });

  it('revokes within a tenant scope only, keeping the first revocation time', async () => {
    const a = await seedTenant(ctx.store, { endpoints: 0 });
    const b = await seedTenant(ctx.store, { endpoints: 0 });
    await ctx.store.createApiKey(newKey(a.tenantId, 1), T0);
    await ctx.store.createApiKey(newKey(null, 2), T0);

    expect(await ctx.store.revokeApiKey('key-1', T0 + 5, b.tenantId)).toBeNull();
    expect((await ctx.store.findApiKeyByHash('hash-1'))?.revokedAt).toBeNull();
    expect((await ctx.store.getApiKey('key-1'))?.revokedAt).toBeNull();
    // A tenant scope never reaches an admin key.
    expect(await ctx.store.revokeApiKey('key-2', T0 + 5, a.tenantId)).toBeNull();

    expect(await ctx.store.revokeApiKey('key-1', T0 + 10, a.tenantId)).toMatchObject({ revokedAt: T0 + 10 });
    expect(await ctx.store.revokeApiKey('key-1', T0 + 20)).toMatchObject({ revokedAt: T0 + 10 });
    expect((await ctx.store.getApiKey('key-1'))?.revokedAt).toBe(T0 + 10);
    expect(await ctx.store.revokeApiKey('key-2', T0 + 30)).toMatchObject({ revokedAt: T0 + 30 });
    expect(await ctx.store.revokeApiKey('missing', T0)).toBeNull();
  });

  it('revokes the keys a key created, and theirs, within the scope, keeping earlier revocations', async () => {
    const a = await seedTenant(ctx.store, { endpoints: 0 });
    const b = await seedTenant(ctx.store, { endpoints: 0 });
    // admin-1 → a-2 → a-3 → a-4; a-2 → a-5 (revoked earlier); admin-1 → b-6; a-7 made by nobody.
    await ctx.store.createApiKey(newKey(null, 1), T0);
    await ctx.store.createApiKey(newKey(a.tenantId, 2, { createdBy: 'key-1' }), T0 + 1);
    await ctx.store.createApiKey(newKey(a.tenantId, 3, { createdBy: 'key-2' }), T0 + 2);
    await ctx.store.createApiKey(newKey(a.tenantId, 4, { createdBy: 'key-3' }), T0 + 3);
    await ctx.store.createApiKey(newKey(a.tenantId, 5, { createdBy: 'key-2' }), T0 + 4);
    await ctx.store.createApiKey(newKey(b.tenantId, 6, { createdBy: 'key-1' }), T0 + 5);
    await ctx.store.createApiKey(newKey(a.tenantId, 7), T0 + 6);
    expect((await ctx.store.getApiKey('key-3'))?.createdBy).toBe('key-2');
    await ctx.store.revokeApiKey('key-5', T0 + 10);

    expect(await ctx.store.revokeKeysCreatedBy('key-2', T0 + 20, b.tenantId)).toEqual([]);
    const revoked = await ctx.store.revokeKeysCreatedBy('key-2', T0 + 20, a.tenantId);
    expect(revoked.map((k) => [k.id, k.revokedAt])).toEqual([
      ['key-3', T0 + 20],
      ['key-4', T0 + 20],
    ]);
    expect((await ctx.store.getApiKey('key-5'))?.revokedAt).toBe(T0 + 10);
    expect((await ctx.store.getApiKey('key-2'))?.revokedAt).toBeNull();
    expect((await ctx.store.getApiKey('key-7'))?.revokedAt).toBeNull();
    // Unscoped (an admin), from the top: what is left of the tree, across tenants.
    expect((await ctx.store.revokeKeysCreatedBy('key-1', T0 + 30)).map((k) => k.id)).toEqual([
      'key-2',
      'key-6',
    ]);
    expect(await ctx.store.revokeKeysCreatedBy('key-1', T0 + 40)).toEqual([]);
    expect((await ctx.store.getApiKey('key-1'))?.revokedAt).toBeNull();
  });

  it('records the last use without moving it backwards', async () => {
    await ctx.store.createApiKey(newKey(null, 1), T0);
    await ctx.store.touchApiKey('key-1', T0 + 100);
    expect((await ctx.store.findApiKeyByHash('hash-1'))?.lastUsedAt).toBe(T0 + 100);
    await ctx.store.touchApiKey('key-1', T0 + 50);
    expect((await ctx.store.findApiKeyByHash('hash-1'))?.lastUsedAt).toBe(T0 + 100);
    await ctx.store.touchApiKey('key-1', T0 + 200);
    expect((await ctx.store.findApiKeyByHash('hash-1'))?.lastUsedAt).toBe(T0 + 200);
  });

  it('keeps keys across a reopen (durable)', async () => {
    await ctx.store.createApiKey(newKey(null, 1), T0);
    const again = await ctx.harness.reopen();
    expect(await again.findApiKeyByHash('hash-1')).toMatchObject({ id: 'key-1', prefix: 'pfx1' });
  });
}
