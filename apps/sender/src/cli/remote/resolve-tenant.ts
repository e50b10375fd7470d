import type { SenderClient } from '@taskhooks/sender-client';
import { CliError, ExitCode } from '../exit-codes.js';
import type { ApiTarget } from './api-target.js';

/**
 * The tenant acted on: --tenant (or the default), or for a tenant key without one, the key's own.
 * A named tenant is looked up, so a mistyped one fails with "does not exist" (exit 3) instead of
 * an empty listing or a secret printed for a tenant nobody can send to.
 */
export async function resolveTenantId(client: SenderClient, target: ApiTarget): Promise<string> {
  return (await client.tenants.get(target.tenantId === undefined ? {} : { tenantId: target.tenantId })).id;
}

/**
 * The endpoint named by --endpoint; with a tenant named (--tenant or TASKHOOKS_TENANT) it must be
 * that tenant's. An admin key reaches every tenant's endpoints, so without the check
 * `--tenant a --endpoint <b's>` acted on tenant b without a word.
 */
export async function endpointOfTenant(
  client: SenderClient,
  endpointId: string,
  tenant: string | undefined,
): Promise<{ id: string; url: string; tenantId: string }> {
  const endpoint = await client.endpoints.get({ endpointId });
  if (tenant !== undefined && endpoint.tenantId !== tenant) {
    throw new CliError(
      `--endpoint ${endpointId} is not an endpoint of tenant "${tenant}"`,
      ExitCode.notFound,
    );
  }
  return endpoint;
}
