import { sealSecrets } from '../auth/endpoint-secrets.js';
import { getPreset } from '../delivery/presets.js';
import type { SecretBox } from '../security/secret-box.js';
import { StoreError } from '../store/shared/errors.js';
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
    // Another process of the deployment may create it at the same moment: theirs is as good.
    await ignoreConflict(
      store.createTenant({ id: OPERATOR_TENANT_ID, name: 'taskhooks operator', entitlement: 'active' }, now),
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
  const update = () => store.updateEndpoint(OPERATOR_ENDPOINT_ID, { ...fields, failingSince: null }, now);
  if (existing) return (await update()) !== null;
  const created = await ignoreConflict(
    store.createEndpoint({ id: OPERATOR_ENDPOINT_ID, tenantId: OPERATOR_TENANT_ID, ...fields }, now),
  );
  // A conflict: another process created it meanwhile (update it to this start's settings), or an
  // admin deleted it through the API (the update finds nothing: no operator webhooks, no failed start).
  return created !== null || (await update()) !== null;
}

async function ignoreConflict<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof StoreError && error.code === 'conflict') return null;
    throw error;
  }
}
