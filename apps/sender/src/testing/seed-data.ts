import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPreset, type PresetName } from '../delivery/presets.js';
import { uuidv7 } from '../ids/uuidv7.js';
import type { Endpoint, NewEndpoint, Store } from '../store/types.js';

/** The seed-000 example payload (plan_bound_v2, plan.failed): what a family app really sends. */
export function loadSeedExample(): Record<string, unknown> {
  const file = join(
    import.meta.dirname,
    '../../../../packages/contracts/src/models/plan-bound-v2/__fixtures__/seed-000-example.json',
  );
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export const TEST_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

/** One active tenant with one standard-webhooks endpoint for plan_bound_v2 (every event). */
export async function seedTenantWithEndpoint(
  store: Store,
  url: string,
  options: { preset?: PresetName; now?: number; endpoint?: Partial<NewEndpoint> } = {},
): Promise<{ tenantId: string; endpoint: Endpoint }> {
  const now = options.now ?? Date.now();
  const tenantId = uuidv7();
  await store.createTenant({ id: tenantId, name: 'Family', entitlement: 'active' }, now);
  const { policy, timeoutMs } = getPreset(options.preset ?? 'default');
  const endpoint = await store.createEndpoint(
    {
      id: uuidv7(),
      tenantId,
      url,
      method: 'POST',
      description: 'process test endpoint',
      model: 'plan_bound_v2',
      eventFilter: [],
      scheme: { scheme: 'standard-webhooks' },
      secretsSealed: JSON.stringify({ secrets: [TEST_SECRET], headers: {} }),
      retryPolicy: policy,
      timeoutMs,
      enabled: true,
      ...options.endpoint,
    },
    now,
  );
  return { tenantId, endpoint };
}
