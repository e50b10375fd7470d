import { afterEach, describe, expect, it } from 'vitest';
import { restCall } from '../rest/testing/rest-call.js';
import { TokenBucketRateLimiter } from '../security/rate-limiter.js';
import {
  ADMIN_KEY,
  type ApiHarness,
  type Backend,
  pgQuery,
  startApiHarness,
  waitFor,
} from './testing/api-harness.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function rawApiKeyRows(harness: ApiHarness): Promise<unknown[]> {
  if (harness.pgSchema) return pgQuery(`SELECT * FROM ${harness.pgSchema}.api_keys`);
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(harness.sqlitePath!, { readonly: true });
  try {
    return db.prepare('SELECT * FROM api_keys').all();
  } finally {
    db.close();
  }
}

type CreatedKey = {
  key: string;
  apiKey: { id: string; prefix: string; kind: string; tenantId: string | null };
};

describe.each<Backend>(['sqlite', 'postgres'])('API keys and rate limits on %s', (backend) => {
  it('creates keys shown once and stored hashed, authenticates them, records use, and revokes', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const tenantKey = await h.call<CreatedKey>('apiKeys.create', { tenantId: 'fam', name: 'backend' });
    const adminKey = await h.call<CreatedKey>('apiKeys.create', { kind: 'admin', name: 'ops' });
    expect(tenantKey.data.key).toMatch(/^thk_tenant_[A-Za-z0-9_-]{43}$/);
    expect(adminKey.data.apiKey).toMatchObject({ kind: 'admin', tenantId: null });
    expect(tenantKey.data.key.startsWith(tenantKey.data.apiKey.prefix)).toBe(true);

    // The tenant key acts on its own tenant without naming it; the stored admin key sees every tenant.
    const own = await h.call('tenants.get', {}, tenantKey.data.key);
    expect(own.data).toMatchObject({ id: 'fam' });
    expect((await h.call('tenants.list', {}, adminKey.data.key)).status).toBe(200);
    expect((await h.call('tenants.list', {}, tenantKey.data.key)).status).toBe(403);

    const listed = await h.call<{ items: { id: string; lastUsedAt: number | null }[] }>('apiKeys.list', {});
    expect(JSON.stringify(listed.data)).not.toContain(tenantKey.data.key);
    const raw = JSON.stringify(await rawApiKeyRows(h));
    expect(raw).toContain(tenantKey.data.apiKey.id);
    for (const key of [tenantKey.data.key, adminKey.data.key]) {
      expect(raw).not.toContain(key);
      expect(raw).not.toContain(key.slice(-20));
    }
    await waitFor(async () => {
      const keys = await h!.store.listApiKeys({ tenantId: 'fam' });
      return keys[0]?.lastUsedAt !== null;
    }, 'last use to be recorded');

    const revoked = await h.call<{ revokedAt: number | null }>('apiKeys.revoke', {
      keyId: tenantKey.data.apiKey.id,
    });
    expect(revoked.data.revokedAt).toEqual(expect.any(Number));
    const refused = await h.call('tenants.get', {}, tenantKey.data.key);
    expect(refused.status).toBe(401);
    expect((await h.call('tenants.get', {}, `${tenantKey.data.key.slice(0, -1)}x`)).status).toBe(401);
    // The bootstrap admin key keeps working next to stored keys.
    expect((await h.call('tenants.list', {})).status).toBe(200);
  });

  it('records which key created each key; revoking a leaked key can take the keys it minted along', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    await h.call('tenants.create', { id: 'other', name: 'Other' });
    const create = async (input: object, by?: string) =>
      (await h!.call<CreatedKey & { apiKey: { createdByKeyId: string | null } }>('apiKeys.create', input, by))
        .data;
    const leaked = await create({ tenantId: 'fam', name: 'leaked' });
    expect(leaked.apiKey.createdByKeyId).toBeNull(); // made with the bootstrap admin key
    const minted = await create({ name: 'minted by the attacker' }, leaked.key);
    const mintedByMinted = await create({ name: 'and by that one' }, minted.key);
    const successor = await create({ tenantId: 'fam', name: 'successor' });
    expect([minted.apiKey.createdByKeyId, mintedByMinted.apiKey.createdByKeyId]).toEqual([
      leaked.apiKey.id,
      minted.apiKey.id,
    ]);
    const otherKey = await create({ tenantId: 'other', name: 'other' });

    // Through REST, as an incident runbook would: DELETE with the flag as a query parameter.
    const revoked = await restCall<{ id: string; alsoRevokedKeyIds: string[] }>(
      h.url,
      'DELETE',
      `/api/api-keys/${leaked.apiKey.id}?alsoKeysItCreated=true`,
      { key: ADMIN_KEY },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({
      id: leaked.apiKey.id,
      alsoRevokedKeyIds: [minted.apiKey.id, mintedByMinted.apiKey.id],
    });
    for (const gone of [leaked, minted, mintedByMinted])
      expect((await h.call('tenants.get', {}, gone.key)).status).toBe(401);
    for (const kept of [successor, otherKey])
      expect((await h.call('tenants.get', {}, kept.key)).status).toBe(200);

    // By default only the key itself: a key that created its own successor retires without it.
    const rotated = await create({ name: 'next' }, successor.key);
    const plain = await h.call<{ alsoRevokedKeyIds: string[] }>(
      'apiKeys.revoke',
      { keyId: successor.apiKey.id },
      successor.key,
    );
    expect(plain.data.alsoRevokedKeyIds).toEqual([]);
    expect((await h.call('tenants.get', {}, rotated.key)).status).toBe(200);
    const listed = await h.call<{ items: { id: string; createdByKeyId: string | null }[] }>('apiKeys.list', {
      tenantId: 'fam',
    });
    expect(listed.data.items.find((k) => k.id === rotated.apiKey.id)?.createdByKeyId).toBe(
      successor.apiKey.id,
    );
  });

  it('answers 429 with Retry-After per tenant (all its keys) or admin key, separately for publish and management', async () => {
    h = await startApiHarness(backend, {
      rateLimits: {
        publish: new TokenBucketRateLimiter({ capacity: 2, refillPerSecond: 0.05 }),
        management: new TokenBucketRateLimiter({ capacity: 4, refillPerSecond: 0.1 }),
      },
    });
    await h.call('tenants.create', { id: 'fam', name: 'Fam' }); // management token 1 of the admin key
    const key = (await h.call<CreatedKey>('apiKeys.create', { tenantId: 'fam', name: 'k' })).data.key; // 2
    const sibling = (await h.call<CreatedKey>('apiKeys.create', { tenantId: 'fam', name: 'k2' })).data.key; // 3

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.call('endpoints.list', {}, key)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const limited = await h.call('endpoints.list', {}, key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(limited.error?.data).toMatchObject({ reason: 'rate_limited' });

    // Publishing has its own bucket (invalid payload = 400, but it passed the limiter) …
    const publish = () =>
      h!.call('events.publish', { model: 'plan_bound_v2', event: 'plan.failed', payload: {} }, key);
    expect([(await publish()).status, (await publish()).status]).toEqual([400, 400]);
    const publishLimited = await publish();
    expect(publishLimited.status).toBe(429);
    expect(Number(publishLimited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // … every key of the tenant draws from the same buckets (minting keys cannot multiply them) …
    expect((await h.call('endpoints.list', {}, sibling)).status).toBe(429);
    expect((await h.call('endpoints.list', {}, sibling)).error?.message).toMatch(
      /^too many management requests for this tenant; retry after \d+ s$/,
    );
    // … and the admin key is unaffected.
    expect((await h.call('tenants.get', { tenantId: 'fam' })).status).toBe(200);
  });
});
