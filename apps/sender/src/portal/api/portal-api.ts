import type { ApiServices, Caller } from '../../api/context.js';
import { appRouter } from '../../api/router.js';
import { createCallerFactory } from '../../api/trpc.js';
import { SenderError } from '../../errors/sender-errors.js';
import { portalCatalog, portalCatalogEvent } from './portal-catalog.js';
import { RECENT_DELIVERIES, successRateOf } from './success-rate.js';

const createCaller = createCallerFactory(appRouter);

/**
 * The API procedures a portal session may call: what an endpoint owner does with their own
 * endpoints and deliveries. Never API keys, tenants, entitlements or publishing.
 */
export const PORTAL_PROCEDURES = [
  'endpoints.list',
  'endpoints.get',
  'endpoints.create',
  'endpoints.update',
  'endpoints.delete',
  'endpoints.rotateSecret',
  'endpoints.sendTest',
  'deliveries.list',
  'deliveries.get',
  'deliveries.redeliver',
  'deliveries.recover',
] as const;

type Procedures = Record<string, Record<string, (input: unknown) => Promise<unknown>>>;

/** The caller a portal session acts as: its tenant, like a tenant API key, under a portal key id. */
export function portalCaller(tenantId: string): Caller {
  return { kind: 'tenant', tenantId, keyId: `portal:${tenantId}` };
}

/**
 * Runs one portal operation for `tenantId`. The procedures run through the same tRPC caller as
 * the API (validation, tenant scoping, rate limits, error mapping): the portal adds no logic of its
 * own beyond reading the catalog and counting each endpoint's recent deliveries.
 */
export async function callPortalOperation(
  services: ApiServices,
  tenantId: string,
  operation: string,
  input: Record<string, unknown>,
): Promise<unknown> {
  const procedures = createCaller({ ...services, caller: portalCaller(tenantId) }) as unknown as Procedures;
  // The session decides the tenant; whatever the page sends as tenantId is ignored.
  const { tenantId: _ignored, ...scoped } = input;
  if (operation === 'overview') {
    const [tenant, endpoints] = await Promise.all([
      procedures.tenants!.get!({}),
      procedures.endpoints!.list!({}) as Promise<{ items: { id: string }[] }>,
    ]);
    const items = await Promise.all(
      endpoints.items.map(async (endpoint) => ({
        ...endpoint,
        stats: successRateOf(
          await services.store.countRecentDeliveries(
            { tenantId, endpointId: endpoint.id },
            RECENT_DELIVERIES,
          ),
          RECENT_DELIVERIES,
        ),
      })),
    );
    return { tenant, endpoints: items };
  }
  if (operation === 'catalog') return { models: portalCatalog() };
  if (operation === 'catalog.event') return portalCatalogEvent(scoped);
  if ((PORTAL_PROCEDURES as readonly string[]).includes(operation)) {
    const [namespace, name] = operation.split('.') as [string, string];
    return procedures[namespace]![name]!(scoped);
  }
  throw new SenderError('not_found', `the portal has no operation "${operation}"`, [
    { path: '', code: 'not_found', message: 'unknown portal operation' },
  ]);
}
