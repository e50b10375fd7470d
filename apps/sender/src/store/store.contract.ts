import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeyContract } from './contract/api-keys.contract.js';
import type { ContractContext, StoreHarness } from './contract/fixtures.js';
import { lifecycleContract } from './contract/lifecycle.contract.js';
import { portalLinkContract } from './contract/portal-links.contract.js';
import { publishContract } from './contract/publish.contract.js';
import { publishLeaseContract } from './contract/publish-lease.contract.js';
import { queryContract } from './contract/queries.contract.js';
import { retentionContract } from './contract/retention.contract.js';
import { tenantAndEndpointContract } from './contract/tenants-endpoints.contract.js';

export type { StoreHarness } from './contract/fixtures.js';

/**
 * The behaviour every Store backend must show. `createStore` returns a fresh, migrated, empty store
 * per test, a `reopen` that opens a second instance on the same data, and a `cleanup`.
 */
export function describeStoreContract(name: string, createStore: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    const ctx: ContractContext = {
      get store() {
        if (!harness) throw new Error('store used outside a test');
        return harness.store;
      },
      get harness() {
        if (!harness) throw new Error('harness used outside a test');
        return harness;
      },
    };

    beforeEach(async () => {
      harness = await createStore();
    });
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    describe('tenants and endpoints', () => tenantAndEndpointContract(ctx));
    describe('publishing', () => publishContract(ctx));
    describe('publish leases (hand-over to a local worker)', () => publishLeaseContract(ctx));
    describe('delivery lifecycle', () => lifecycleContract(ctx));
    describe('queries and durability', () => queryContract(ctx));
    describe('retention', () => retentionContract(ctx));
    describe('api keys', () => apiKeyContract(ctx));
    describe('portal link uses', () => portalLinkContract(ctx));
    it('knows of nothing that would stop writes on a writable database (readiness)', async () => {
      expect(await ctx.store.writeBlocker()).toBeNull();
    });
  });
}
