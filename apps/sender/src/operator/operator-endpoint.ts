import { sealSecrets } from '../auth/endpoint-secrets.js';
import { getPreset } from '../delivery/presets.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Store } from '../store/types.js';
import {
  OPERATOR_ENDPOINT_ID,
  OPERATOR_MODEL,
  OPERATOR_TENANT_ID,
  type OperatorConfig,
} from './operator-config.js';

/**
 * Creates, updates or switches off the operator endpoint to match the environment, on every start
 * (like env-only mode's endpoint). Returns whether operational events are to be sent.
 */
export async function applyOperatorEndpoint(
  store: Store,
  config: OperatorConfig,
  now: number,
  box: SecretBox,
): Promise<boolean> {
  const existing = await store.getEndpoint(OPERATOR_ENDPOINT_ID);
  const url = config.TASKHOOKS_OPERATOR_WEBHOOK_URL;
  if (!url || config.TASKHOOKS_OPERATOR_WEBHOOK_SECRET === undefined) {
    if (existing?.enabled) {
      await store.updateEndpoint(
        OPERATOR_ENDPOINT_ID,
        { enabled: false, disabledReason: 'TASKHOOKS_OPERATOR_WEBHOOK_URL is not set' },
        now,
      );
    }
    return false;
  }
  if (!(await store.getTenant(OPERATOR_TENANT_ID))) {
    await store.createTenant(
      { id: OPERATOR_TENANT_ID, name: 'taskhooks operator', entitlement: 'active' },
      now,
    );
  }
  const preset = getPreset('default');
  const fields = {
    url,
    method: 'POST' as const,
    description: 'Operational webhooks, configured by TASKHOOKS_OPERATOR_WEBHOOK_URL',
    model: OPERATOR_MODEL,
    eventFilter: [],
    scheme: { scheme: 'standard-webhooks' as const },
    secretsSealed: sealSecrets(box, OPERATOR_ENDPOINT_ID, {
      secrets: [{ value: config.TASKHOOKS_OPERATOR_WEBHOOK_SECRET }],
      headers: {},
    }),
    retryPolicy: preset.policy,
    timeoutMs: preset.timeoutMs,
    enabled: true,
    disabledReason: null,
  };
  if (existing) await store.updateEndpoint(OPERATOR_ENDPOINT_ID, { ...fields, failingSince: null }, now);
  else await store.createEndpoint({ id: OPERATOR_ENDPOINT_ID, tenantId: OPERATOR_TENANT_ID, ...fields }, now);
  return true;
}
