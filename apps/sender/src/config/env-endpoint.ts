import { isLegacyPlainJson, openSecrets, sealSecrets } from '../auth/endpoint-secrets.js';
import { getPreset } from '../delivery/presets.js';
import type { SecretBox } from '../security/secret-box.js';
import { StoreError } from '../store/shared/errors.js';
import type { Store } from '../store/types.js';
import { ConfigError, type SenderConfig } from './env.js';
import { envEndpointScheme } from './env-endpoint-scheme.js';
import { applyManagedEndpoint, ensureTenant } from './managed-endpoint.js';

/** Fixed id of the endpoint that env-only mode manages, so restarts update it instead of adding one. */
export const ENV_ENDPOINT_ID = '00000000-0000-7000-8000-00000000e0e0';

/**
 * Env-only mode (seed 001): WEBHOOK_URL/SECRET/METHOD/HEADERS describe one default endpoint, with
 * no API call needed. Re-applied on every start so the environment stays the source of truth
 * (several processes at once agree on one endpoint; one deleted through the API comes back).
 * WEBHOOK_SECRET and WEBHOOK_HEADERS are sealed with `box` before they reach the store, like the
 * secrets of every API-created endpoint. Returns whether sending is enabled at all
 * (WEBHOOK_ENABLED=false turns every delivery off).
 */
export async function applyEnvEndpoint(
  store: Store,
  config: SenderConfig,
  now: number,
  box: SecretBox,
): Promise<{ sendingEnabled: boolean }> {
  const sendingEnabled = config.WEBHOOK_ENABLED !== false;
  if (config.WEBHOOK_ENABLED === undefined && !config.WEBHOOK_URL) {
    await resealLegacyPlainSecrets(store, box, now);
    return { sendingEnabled };
  }

  const tenantId = config.WEBHOOK_TENANT;
  const live = await store.getEndpoint(ENV_ENDPOINT_ID);
  if (config.WEBHOOK_URL && live && live.tenantId !== tenantId) {
    throw tenantChanged(`endpoint ${ENV_ENDPOINT_ID} belongs to tenant ${live.tenantId}, not ${tenantId}`);
  }
  // Also with sending off: the application keeps publishing to this tenant.
  await ensureTenant(store, tenantId, tenantId, now);
  if (!config.WEBHOOK_URL) {
    if (live)
      await store.updateEndpoint(
        ENV_ENDPOINT_ID,
        { enabled: false, disabledReason: 'WEBHOOK_ENABLED=false' },
        now,
      );
    await resealLegacyPlainSecrets(store, box, now);
    return { sendingEnabled };
  }
  const preset = getPreset('default');
  const scheme = envEndpointScheme(config);
  const endpoint = {
    id: ENV_ENDPOINT_ID,
    tenantId,
    url: config.WEBHOOK_URL,
    method: config.WEBHOOK_METHOD,
    description: 'Configured by WEBHOOK_* environment variables',
    model: config.WEBHOOK_MODEL,
    eventFilter: [],
    scheme,
    secretsSealed: sealSecrets(box, ENV_ENDPOINT_ID, {
      secrets: config.WEBHOOK_SECRET ? [{ value: config.WEBHOOK_SECRET }] : [],
      headers: config.WEBHOOK_HEADERS ?? {},
    }),
    retryPolicy: preset.policy,
    timeoutMs: preset.timeoutMs,
    enabled: sendingEnabled,
    disabledReason: sendingEnabled ? null : 'WEBHOOK_ENABLED=false',
  };
  try {
    await applyManagedEndpoint(store, endpoint, tenantId, now);
  } catch (error) {
    // A deleted endpoint of another tenant (a live one was refused above).
    if (error instanceof StoreError && error.code === 'conflict') throw tenantChanged(error.message);
    throw error;
  }
  return { sendingEnabled };
}

/**
 * The env endpoint was created under another WEBHOOK_TENANT. Moving it would show the old tenant's
 * delivery history under the new one, and leaving it silently would send the new tenant's events
 * nowhere.
 */
function tenantChanged(detail: string): ConfigError {
  return new ConfigError(
    `Invalid configuration in environment variables:\n  WEBHOOK_TENANT: the env-only endpoint was created for another tenant (${detail}); set WEBHOOK_TENANT back to it`,
  );
}

/**
 * Versions before sealing wrote the env endpoint's secret as plain JSON; a start that leaves the
 * endpoint in place (WEBHOOK_URL now unset) encrypts such a record instead of keeping it readable.
 */
async function resealLegacyPlainSecrets(store: Store, box: SecretBox, now: number): Promise<void> {
  const endpoint = await store.getEndpoint(ENV_ENDPOINT_ID);
  if (!endpoint || !isLegacyPlainJson(endpoint.secretsSealed)) return;
  const opened = openSecrets(box, endpoint.id, endpoint.secretsSealed, { acceptLegacyPlainJson: true });
  await store.updateEndpoint(endpoint.id, { secretsSealed: sealSecrets(box, endpoint.id, opened) }, now);
}
