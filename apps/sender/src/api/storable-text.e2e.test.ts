import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, type Backend, startApiHarness } from './testing/api-harness.js';

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
