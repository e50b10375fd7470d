import type { SenderClient } from '@taskhooks/sender-client';
import type { ApiTarget } from './api-target.js';

/**
 * The tenant acted on: --tenant (or the default), or for a tenant key without one, the key's own.
 * A named tenant is looked up, so a mistyped one fails with "does not exist" (exit 3) instead of
 * an empty listing or a secret printed for a tenant nobody can send to.
 */
export async function resolveTenantId(client: SenderClient, target: ApiTarget): Promise<string> {
  return (await client.tenants.get(target.tenantId === undefined ? {} : { tenantId: target.tenantId })).id;
}
