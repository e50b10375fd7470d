import type { SenderClient } from '@taskhooks/sender-client';
import type { ApiTarget } from './api-target.js';

/** The tenant acted on: --tenant (or the default), or for a tenant key without one, the key's own. */
export async function resolveTenantId(client: SenderClient, target: ApiTarget): Promise<string> {
  if (target.tenantId !== undefined) return target.tenantId;
  return (await client.tenants.get({})).id;
}
