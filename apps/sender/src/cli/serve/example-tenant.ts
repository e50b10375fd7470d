import type { SenderConfig } from '../../config/env.js';
import { ensureTenant } from '../../config/managed-endpoint.js';
import type { Store } from '../../store/types.js';
import { DEFAULT_TENANT } from '../remote/api-target.js';

/**
 * Zero configuration: in development mode `serve` makes sure the tenant the other commands use by
 * default exists, so `listen` and `trigger` work against a fresh data directory. Production
 * tenants are created on purpose (tenants.create).
 */
export async function ensureExampleTenant(
  store: Store,
  config: SenderConfig,
): Promise<{ id: string; created: boolean } | null> {
  if (config.TASKHOOKS_MODE !== 'development') return null;
  const created = await ensureTenant(store, DEFAULT_TENANT, 'Example tenant', Date.now());
  return { id: DEFAULT_TENANT, created };
}
