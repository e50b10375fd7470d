import type { Store } from '../../store/types.js';
import type { ReceiverHandler } from '../../testing/test-receiver.js';
import type { ApiHarness } from './api-harness.js';
import { waitFor } from './api-harness.js';

/** Two tenants with keys; B owns endpoints, messages and settled deliveries (one succeeded, one failed). */
export interface TenancyWorld {
  tenantA: string;
  tenantB: string;
  keyA: string;
  keyB: string;
  keyBId: string;
  endpointOkB: string;
  endpointFailB: string;
  messageB: string;
  deliveryOkB: string;
  deliveryFailedB: string;
}

function expectOk<T>(result: { status: number; data: T; error?: unknown }, what: string): T {
  if (result.status !== 200)
    throw new Error(`${what} answered ${result.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** Receiver handler for the world: /fail answers 500, everything else 204. */
export const worldReceiver: ReceiverHandler = (req, res) =>
  res.writeHead(req.url === '/fail' ? 500 : 204).end();

export async function buildTenancyWorld(h: ApiHarness): Promise<TenancyWorld> {
  const [tenantA, tenantB] = ['family-a', 'family-b'];
  for (const id of [tenantA, tenantB])
    expectOk(await h.call('tenants.create', { id, name: id }), 'tenants.create');
  const keyA = expectOk(
    await h.call<{ key: string }>('apiKeys.create', { tenantId: tenantA, name: 'A' }),
    'key A',
  );
  const keyB = expectOk(
    await h.call<{ key: string; apiKey: { id: string } }>('apiKeys.create', { tenantId: tenantB, name: 'B' }),
    'key B',
  );
  const create = async (path: string, preset: string) =>
    expectOk(
      await h.call<{ endpoint: { id: string } }>(
        'endpoints.create',
        { url: h.receiver.url(path), model: 'plan_bound_v2', retry: { preset } },
        keyB.key,
      ),
      'endpoints.create',
    ).endpoint.id;
  const endpointOkB = await create('/ok', 'default');
  const endpointFailB = await create('/fail', 'seed-000');
  const sentOk = expectOk(
    await h.call<{ messageId: string }>('endpoints.sendTest', { endpointId: endpointOkB }, keyB.key),
    'sendTest ok',
  );
  await expectOk(
    await h.call('endpoints.sendTest', { endpointId: endpointFailB }, keyB.key),
    'sendTest fail',
  );
  const settled = await waitFor(async () => {
    const page = await h.store.listDeliveries({ tenantId: tenantB });
    const states = page.items.map((d) => d.state);
    return states.length === 2 && states.every((s) => s === 'succeeded' || s === 'failed') && page.items;
  }, 'B deliveries to settle');
  // The failing endpoint's health is written after its delivery settles: wait for it too, or it
  // could change between a matrix row's before and after snapshots.
  await waitFor(
    async () => (await h.store.getEndpoint(endpointFailB))?.failingSince != null,
    'the failing endpoint to be marked failing',
  );
  return {
    tenantA,
    tenantB,
    keyA: keyA.key,
    keyB: keyB.key,
    keyBId: keyB.apiKey.id,
    endpointOkB,
    endpointFailB,
    messageB: sentOk.messageId,
    deliveryOkB: settled.find((d) => d.state === 'succeeded')!.id,
    deliveryFailedB: settled.find((d) => d.state === 'failed')!.id,
  };
}

/** Everything stored for a tenant, attempts and secrets included: equal snapshots = nothing changed. */
export async function snapshotTenant(store: Store, tenantId: string) {
  const deliveries = (await store.listDeliveries({ tenantId, limit: 500 })).items;
  return {
    tenant: await store.getTenant(tenantId),
    endpoints: await store.listEndpoints(tenantId),
    messages: (await store.listMessages({ tenantId, limit: 500 })).items,
    deliveries: await Promise.all(deliveries.map((d) => store.getDelivery(d.id))),
    apiKeys: await store.listApiKeys({ tenantId }),
  };
}
