import type { DestinationPolicy } from '../security/destination-policy.js';
import {
  type BlockReason,
  DestinationBlockedError,
  type ResolveHost,
  validateEndpointUrl,
} from '../security/ssrf-guard.js';
import { StoreError } from '../store/shared/errors.js';
import type { Endpoint, NewEndpoint, Store } from '../store/types.js';
import { ConfigError } from './env.js';

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

/**
 * Creates the tenant (active) unless it exists, also when another process creates it at the same
 * moment; true when this call created it.
 */
export async function ensureTenant(store: Store, id: string, name: string, now: number): Promise<boolean> {
  if (await store.getTenant(id)) return false;
  try {
    await store.createTenant({ id, name, entitlement: 'active' }, now);
    return true;
  } catch (error) {
    // Another process of the deployment created it meanwhile: theirs is as good.
    if (!(error instanceof StoreError && error.code === 'conflict')) throw error;
    return false;
  }
}

const REFUSED_AT_DELIVERY = new Set<BlockReason>(['address', 'scheme', 'port']);

/**
 * Refuses at start a URL from `variable` that the destination policy would block at every delivery
 * (a reserved port; in production also a private or loopback address, or plain http:, not
 * allow-listed), naming the variable.
 * A name that does not resolve right now is let through: DNS may be back before the first event.
 */
export async function checkManagedEndpointUrl(
  variable: string,
  url: string | undefined,
  policy: DestinationPolicy,
  resolve?: ResolveHost,
): Promise<void> {
  if (!url) return;
  try {
    await validateEndpointUrl(url, policy, { allowUnresolvable: true, ...(resolve ? { resolve } : {}) });
  } catch (error) {
    if (!(error instanceof DestinationBlockedError)) throw error;
    // Only what delivery itself refuses (credentials are refused by refuseUrlCredentials).
    if (!REFUSED_AT_DELIVERY.has(error.reason)) return;
    const allowlist =
      error.reason === 'address' || error.reason === 'scheme' ? ' (TASKHOOKS_DESTINATION_ALLOWLIST)' : '';
    throw new ConfigError(
      `Invalid configuration in environment variables:\n  ${variable}: ${error.message}${allowlist}; every delivery to it would be refused`,
    );
  }
}

/**
 * A user name or password in an environment-managed URL: delivery drops them (so a receiver
 * expecting Basic auth answers 401) and endpoint listings would show them. Refused at start, as
 * the API refuses them, whether or not sending is on.
 */
export function refuseUrlCredentials(
  variable: 'WEBHOOK_URL' | 'TASKHOOKS_OPERATOR_WEBHOOK_URL',
  url: string | undefined,
): void {
  if (!url || !URL.canParse(url)) return;
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return;
  const instead =
    variable === 'WEBHOOK_URL'
      ? 'put them in a header instead (WEBHOOK_HEADERS, e.g. {"Authorization":"Basic …"})'
      : 'remove them: the operator webhook is authenticated by its signature (TASKHOOKS_OPERATOR_WEBHOOK_SECRET)';
  throw new ConfigError(
    `Invalid configuration in environment variables:\n  ${variable}: must not contain credentials (user:password@); they would be shown in endpoint listings and never sent: ${instead}`,
  );
}
