import { deliveryStateSchema, MAX_PAGE_SIZE } from '@taskhooks/sender-client';
import type { CommandInput } from '../args/command-spec.js';
import { parsePositiveInt, parseSince } from '../args/duration.js';
import type { deliveriesOptions } from '../commands/deliveries.js';
import { usageError } from '../exit-codes.js';
import { styleStatus } from '../output/colors.js';
import { formatAge, formatTable } from '../output/format.js';
import type { DeliverySummary } from '../remote/attempt-tracker.js';
import { connect } from '../remote/connect.js';
import { endpointOfTenant, resolveTenantId } from '../remote/resolve-tenant.js';

/** Endpoints read when no --endpoint is given (one API call each). */
const MAX_ENDPOINTS = 100;

/** `taskhooks deliveries`: recent deliveries of one endpoint or every endpoint of the tenant. */
export async function runDeliveries({
  values,
  output,
  env,
  signal,
}: CommandInput<typeof deliveriesOptions>): Promise<number> {
  const limit = parsePositiveInt(values.limit, 'limit', 20, MAX_PAGE_SIZE);
  if (values.failed && values.status && values.status !== 'failed') {
    throw usageError('--failed and --status disagree: use one of them');
  }
  const statusText = values.failed ? 'failed' : values.status;
  const status = statusText === undefined ? undefined : deliveryStateSchema.safeParse(statusText);
  if (status && !status.success) {
    throw usageError(
      `--status: expected one of ${deliveryStateSchema.options.join(', ')}, got "${statusText}"`,
    );
  }
  const since = values.since === undefined ? undefined : parseSince(values.since, 'since', Date.now());
  const { client, target } = connect(values, env, signal);
  const filter = {
    limit,
    ...(status?.success ? { status: status.data } : {}),
    ...(values.event ? { event: values.event } : {}),
    ...(since === undefined ? {} : { since }),
  };

  let urlOf = new Map<string, string>();
  let endpointIds: string[];
  if (values.endpoint) {
    const endpoint = await endpointOfTenant(client, values.endpoint, values.tenant ?? env.TASKHOOKS_TENANT);
    urlOf.set(endpoint.id, endpoint.url);
    endpointIds = [endpoint.id];
  } else {
    const { items } = await client.endpoints.list({ tenantId: await resolveTenantId(client, target) });
    if (items.length > MAX_ENDPOINTS)
      output.note(`showing the first ${MAX_ENDPOINTS} of ${items.length} endpoints' deliveries`);
    urlOf = new Map(items.map((e) => [e.id, e.url]));
    endpointIds = items.slice(0, MAX_ENDPOINTS).map((e) => e.id);
  }
  const pages = await Promise.all(
    endpointIds.map((endpointId) => client.deliveries.list({ endpointId, ...filter })),
  );
  const items: DeliverySummary[] = pages
    .flatMap((page) => page.items)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    .slice(0, limit);

  output.emit({ items: items.map((d) => ({ ...d, url: urlOf.get(d.endpointId) ?? null })) });
  if (items.length === 0) {
    output.say('No deliveries match.');
    return 0;
  }
  const { style } = output;
  const now = Date.now();
  const rows = [
    ['DELIVERY', 'EVENT', 'STATUS', 'ATTEMPTS', 'LAST', 'CREATED', 'ENDPOINT'].map((h) => style.dim(h)),
  ];
  for (const d of items) {
    const colour = d.status === 'succeeded' ? style.green : d.status === 'failed' ? style.red : style.yellow;
    const last = d.lastStatus === null ? (d.lastError ? 'ERR' : '—') : String(d.lastStatus);
    rows.push([
      d.id,
      d.event,
      colour(d.status),
      String(d.attemptCount),
      d.lastStatus === null && !d.lastError ? last : styleStatus(style, d.lastStatus, last),
      formatAge(d.createdAt, now),
      urlOf.get(d.endpointId) ?? d.endpointId,
    ]);
  }
  for (const line of formatTable(rows)) output.say(line);
  return 0;
}
