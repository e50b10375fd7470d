import type { SecurityCheckResult } from '../result-types.js';
import { secretLedger } from '../support/secret-ledger.js';
import type { HttpAnswer, SenderUnderTest } from '../support/sender-under-test.js';

const TENANT = 'security-revocation';

interface KeyUnderTest {
  label: string;
  key: string;
  id: string;
  revokeVia: 'tRPC' | 'REST';
}

/**
 * API keys are never accepted after revocation, on tRPC or REST: each key works, then requests keep
 * firing while it is revoked; every request started after the revoke call answered must be 401.
 */
export async function checkRevokedKeys(sender: SenderUnderTest): Promise<SecurityCheckResult> {
  const problems: string[] = [];
  let afterRevoke = 0;
  await sender.trpc('tenants.create', { id: TENANT, name: 'Revocation' });
  const keys: KeyUnderTest[] = [];
  for (const [label, kind, revokeVia] of [
    ['tenant key', 'tenant', 'tRPC'],
    ['tenant key', 'tenant', 'REST'],
    ['admin key', 'admin', 'tRPC'],
    ['admin key', 'admin', 'REST'],
  ] as const) {
    const created = await sender.trpc('apiKeys.create', {
      kind,
      ...(kind === 'tenant' ? { tenantId: TENANT } : {}),
      name: `${label} revoked via ${revokeVia}`,
    });
    const data = (created.json as { result?: { data?: { key: string; apiKey: { id: string } } } }).result
      ?.data;
    if (!data) throw new Error(`apiKeys.create answered ${created.status}`);
    secretLedger.addSecret(data.key);
    keys.push({ label, key: data.key, id: data.apiKey.id, revokeVia });
  }

  for (const k of keys) {
    const what = `${k.label} revoked via ${k.revokeVia}`;
    const use = (via: number): Promise<HttpAnswer> =>
      via % 2 === 0
        ? sender.trpc('tenants.get', { tenantId: TENANT }, { key: k.key, query: true })
        : sender.request('GET', `/api/tenant?tenantId=${TENANT}`, { key: k.key });
    for (const via of [0, 1]) {
      const answer = await use(via);
      if (answer.status !== 200) problems.push(`${what}: not usable before revocation (${answer.status})`);
    }
    let revokedAt = Number.POSITIVE_INFINITY;
    let stop = false;
    const loops = Array.from({ length: 4 }, async (_, loop) => {
      for (let i = 0; !stop && i < 2_000; i++) {
        const startedAt = performance.now();
        const answer = await use(loop + i);
        if (startedAt > revokedAt) {
          afterRevoke++;
          if (answer.status !== 401)
            problems.push(
              `${what}: ${loop % 2 === 0 ? 'tRPC' : 'REST'} answered ${answer.status} after revocation`,
            );
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const revoked =
      k.revokeVia === 'tRPC'
        ? await sender.trpc('apiKeys.revoke', { keyId: k.id })
        : await sender.request('DELETE', `/api/api-keys/${k.id}`);
    revokedAt = performance.now();
    if (revoked.status !== 200) problems.push(`${what}: revoke answered ${revoked.status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop = true;
    await Promise.all(loops);
    // And on every other kind of call, both wire formats.
    const tries = [
      await sender.trpc(
        'events.publish',
        { tenantId: TENANT, model: 'task_events_v1', event: 'task.created', payload: {} },
        { key: k.key },
      ),
      await sender.request('POST', '/api/events', {
        key: k.key,
        body: { tenantId: TENANT, model: 'task_events_v1', event: 'task.created', payload: {} },
      }),
      await sender.trpc('apiKeys.create', { tenantId: TENANT, name: 'escalation' }, { key: k.key }),
      await sender.request('GET', `/api/endpoints?tenantId=${TENANT}`, { key: k.key }),
    ];
    for (const answer of tries)
      if (answer.status !== 401) problems.push(`${what}: a later call answered ${answer.status}`);
  }
  return {
    check: 'API keys never accepted after revocation (tRPC + REST)',
    passed: problems.length === 0 && afterRevoke > 0,
    detail:
      `${keys.length} keys, ${afterRevoke} requests after revocation` +
      (problems.length === 0 ? ', all 401' : `: ${problems.slice(0, 3).join('; ')}`),
  };
}
