import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from '../api/testing/api-harness.js';
import { OPERATOR_TENANT_ID } from './operator-config.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const refusal = (path: string) => ({
  status: 403,
  error: expect.objectContaining({
    message: expect.stringContaining(`"${OPERATOR_TENANT_ID}" is reserved for the operator webhook`),
    data: expect.objectContaining({ issues: [expect.objectContaining({ path, code: 'reserved' })] }),
  }),
});

describe('the operator tenant is reserved', () => {
  it('no customer tenant can take its id (the operator endpoint would later be put into it)', async () => {
    h = await startApiHarness('sqlite');
    const created = await h.call('tenants.create', { id: OPERATOR_TENANT_ID, name: 'Ops' });
    expect(created).toMatchObject(refusal('id'));
    expect(await h.store.getTenant(OPERATOR_TENANT_ID)).toBeNull();
  });

  it('hands out no key and no portal link scoped to it: its events name every tenant', async () => {
    h = await startApiHarness('sqlite', {
      env: {
        TASKHOOKS_OPERATOR_WEBHOOK_URL: 'http://127.0.0.1:8080/ops',
        TASKHOOKS_OPERATOR_WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
      },
    });
    expect(await h.store.getTenant(OPERATOR_TENANT_ID)).not.toBeNull();
    const key = await h.call('apiKeys.create', {
      kind: 'tenant',
      tenantId: OPERATOR_TENANT_ID,
      name: 'peek',
    });
    expect(key).toMatchObject(refusal('tenantId'));
    expect(await h.store.listApiKeys({ tenantId: OPERATOR_TENANT_ID })).toEqual([]);
    const link = await h.call('portal.createLink', { tenantId: OPERATOR_TENANT_ID });
    expect(link).toMatchObject(refusal('tenantId'));
    // A customer tenant still gets both.
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    expect((await h.call('apiKeys.create', { kind: 'tenant', tenantId: 'fam', name: 'k' })).status).toBe(200);
    expect((await h.call('portal.createLink', { tenantId: 'fam' })).status).toBe(200);
  });
});
