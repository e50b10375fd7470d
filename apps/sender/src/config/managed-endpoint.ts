import { StoreError } from '../store/shared/errors.js';
import type { Endpoint, NewEndpoint, Store } from '../store/types.js';

/**
 * Creates or updates an endpoint that the environment manages (a fixed id, applied on every start
 * by every process of a deployment at once), and its tenant if that is missing. A copy deleted
 * through the API is restored: the environment is the source of truth, so unsetting the variable,
 * not deleting the endpoint, is how to stop it.
 */
export async function applyManagedEndpoint(
  store: Store,
  endpoint: NewEndpoint,
  tenantName: string,
  now: number,
): Promise<Endpoint> {
  await ensureTenant(store, endpoint.tenantId, tenantName, now);
  return store.upsertEndpoint(endpoint, now);
}

/** Creates the tenant (active) unless it exists, also when another process creates it at the same moment. */
export async function ensureTenant(store: Store, id: string, name: string, now: number): Promise<void> {
  if (await store.getTenant(id)) return;
  try {
    await store.createTenant({ id, name, entitlement: 'active' }, now);
  } catch (error) {
    // Another process of the deployment created it meanwhile: theirs is as good.
    if (!(error instanceof StoreError && error.code === 'conflict')) throw error;
  }
}
