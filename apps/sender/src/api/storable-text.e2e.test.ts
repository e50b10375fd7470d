import { afterEach, describe, expect, it } from 'vitest';
import { type ErrorBody, restCall } from '../rest/testing/rest-call.js';
import { loadSeedExample } from '../testing/seed-data.js';
import { ADMIN_KEY, type ApiHarness, type Backend, startApiHarness } from './testing/api-harness.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

// PostgreSQL cannot store a NUL character and SQLite can: both answer the same 400, by field.
describe.each<Backend>(['sqlite', 'postgres'])('text with a NUL character on %s', (backend) => {
  it('is refused by field wherever it would be stored or looked up, and nothing is stored', async () => {
    h = await startApiHarness(backend);
    expect((await h.call('tenants.create', { id: 'fam', name: 'Fam' })).status).toBe(200);
    const refusals = [
      await h.call('tenants.create', { id: 'fam2', name: 'Ko\u0000vacs' }),
      await h.call('apiKeys.create', { tenantId: 'fam', name: 'backend\u0000' }),
      await h.call('endpoints.create', {
        tenantId: 'fam',
        url: h.receiver.url('/hook'),
        model: 'plan_bound_v2',
        description: 'a\u0000b',
      }),
      await h.call('endpoints.get', { endpointId: 'x\u0000' }),
      await h.call('messages.list', { tenantId: 'fam', event: 'plan.failed\u0000' }),
      await h.call('events.publishBatch', {
        tenantId: 'fam\u0000',
        events: [{ model: 'plan_bound_v2', event: 'plan.failed', payload: {} }],
      }),
    ];
    const paths = ['name', 'name', 'description', 'endpointId', 'event', 'tenantId'];
    refusals.forEach((refused, i) => {
      expect(refused.status, paths[i]).toBe(400);
      expect(refused.error?.data?.issues, paths[i]).toEqual([
        expect.objectContaining({ path: paths[i], message: 'must not contain NUL characters (\\u0000)' }),
      ]);
    });
    expect((await h.store.listTenants()).map((t) => t.id)).toEqual(['fam']);
    expect(await h.store.listEndpoints('fam')).toEqual([]);
  });
});

// A lone surrogate (half of a UTF-16 pair) is no character: PostgreSQL failed the whole publish
// group commit on one (other tenants' publishes with it), SQLite stored U+FFFD instead.
describe.each<Backend>(['sqlite', 'postgres'])('text with a lone surrogate on %s', (backend) => {
  it('is refused by field, on REST and tRPC, without failing anyone else’s publishes', async () => {
    h = await startApiHarness(backend);
    for (const id of ['fam', 'other']) await h.call('tenants.create', { id, name: id });
    const payload = loadSeedExample();
    const publishRest = (tenantId: string, idempotencyKey?: string) =>
      restCall(h!.url, 'POST', '/api/events', {
        key: ADMIN_KEY,
        body: { tenantId, model: 'plan_bound_v2', event: 'plan.failed', payload, idempotencyKey },
      });
    // Bad publishes from one tenant while another publishes: only the bad ones are refused.
    const [bad, good] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, (_, i) => publishRest('fam', `k${i}\ud800`))),
      Promise.all(Array.from({ length: 40 }, (_, i) => publishRest('other', i % 2 ? `ok-${i}` : undefined))),
    ]);
    expect(good.map((r) => r.status)).toEqual(good.map(() => 200));
    for (const refused of bad) {
      expect(refused.status).toBe(400);
      expect((refused.json as unknown as ErrorBody).error.issues).toEqual([
        expect.objectContaining({
          path: 'idempotencyKey',
          message: expect.stringContaining('lone surrogate'),
        }),
      ]);
    }
    const refusals = [
      await h.call('events.publish', {
        tenantId: 'fam',
        model: 'plan_bound_v2',
        event: 'plan.failed',
        payload,
        idempotencyKey: '\udc00k',
      }),
      await h.call('tenants.create', { id: 'fam2', name: 'a\ud800' }),
      await h.call('apiKeys.create', { tenantId: 'fam', name: 'key\udfff' }),
      await h.call('endpoints.create', {
        tenantId: 'fam',
        url: h.receiver.url('/hook'),
        model: 'plan_bound_v2',
        description: 'a\ud800b',
      }),
    ];
    const paths = ['idempotencyKey', 'name', 'name', 'description'];
    refusals.forEach((refused, i) => {
      expect(refused.status, paths[i]).toBe(400);
      expect(refused.error?.data?.issues, paths[i]).toEqual([
        expect.objectContaining({ path: paths[i], message: expect.stringContaining('lone surrogate') }),
      ]);
    });
    expect((await h.store.countDeliveries({ tenantId: 'fam' })).pending ?? 0).toBe(0);
    expect((await h.store.listMessages({ tenantId: 'other', limit: 100 })).items).toHaveLength(40);
    expect((await h.store.listTenants()).map((t) => t.id).sort()).toEqual(['fam', 'other']);
    // A well-formed pair (an emoji) is text like any other.
    expect((await h.call('apiKeys.create', { tenantId: 'fam', name: 'key 🔑' })).status).toBe(200);
  });
});
