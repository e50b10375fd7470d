import { sealSecrets } from '../auth/endpoint-secrets.js';
import { applyManagedEndpoint } from '../config/managed-endpoint.js';
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
 * (like env-only mode's endpoint; one deleted through the API comes back). Returns whether
 * operational events are to be sent.
 */
export async function applyOperatorEndpoint(
  store: Store,
  config: OperatorConfig,
  now: number,
  box: SecretBox,
): Promise<boolean> {
  const url = config.TASKHOOKS_OPERATOR_WEBHOOK_URL;
  if (!url || config.TASKHOOKS_OPERATOR_WEBHOOK_SECRET === undefined) {
    if ((await store.getEndpoint(OPERATOR_ENDPOINT_ID))?.enabled) {
      await store.updateEndpoint(
        OPERATOR_ENDPOINT_ID,
        { enabled: false, disabledReason: 'TASKHOOKS_OPERATOR_WEBHOOK_URL is not set' },
        now,
      );
    }
    return false;
  }
  const preset = getPreset('default');
  await applyManagedEndpoint(
    store,
    {
      id: OPERATOR_ENDPOINT_ID,
      tenantId: OPERATOR_TENANT_ID,
      url,
      method: 'POST',
      description: 'Operational webhooks, configured by TASKHOOKS_OPERATOR_WEBHOOK_URL',
      model: OPERATOR_MODEL,
      eventFilter: [],
      scheme: { scheme: 'standard-webhooks' },
      secretsSealed: sealSecrets(box, OPERATOR_ENDPOINT_ID, {
        secrets: [{ value: config.TASKHOOKS_OPERATOR_WEBHOOK_SECRET }],
        headers: {},
      }),
      retryPolicy: preset.policy,
      timeoutMs: preset.timeoutMs,
      enabled: true,
      disabledReason: null,
    },
    'taskhooks operator',
    now,
  );
  return true;
}
