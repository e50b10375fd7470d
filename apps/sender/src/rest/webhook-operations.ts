import {
  apiProcedures,
  endpointOutput,
  type RetryPresetName,
  retryInput,
  schemeInput,
  secretOnceOutput,
} from '@taskhooks/sender-client';
import { z } from 'zod';
import { SenderError } from '../errors/sender-errors.js';
import type { RestOperation } from './operation.js';

/** What a seed-003 style `POST /api/webhooks {url, events}` gets when it says nothing else. */
export interface WebhookDefaults {
  model: string;
  signatureHeader: string;
  eventHeader: string;
  retryPreset: RetryPresetName;
}

const activeField = z
  .boolean()
  .optional()
  .describe('Seed-003 name of `enabled`: false stops deliveries without deleting the webhook.');
const idParam = apiProcedures['endpoints.get'].input.shape.endpointId.describe('The webhook (endpoint) id.');

/** An endpoint as the `/api/webhooks` resource shows it: every endpoint field plus `active`. */
export const webhookOutput = endpointOutput
  .extend({ active: z.boolean().describe('Same as `enabled` (the seed-003 name).') })
  .describe('A webhook: an endpoint with the seed-003 defaults.');
type EndpointView = z.output<typeof endpointOutput>;
const toWebhook = (endpoint: EndpointView) => ({ ...endpoint, active: endpoint.enabled });

/** `active` is the seed-003 spelling of `enabled`; both may be sent only if they agree. */
function enabledOf(request: Record<string, unknown>): { enabled?: boolean } {
  const { active, enabled } = request as { active?: boolean; enabled?: boolean };
  if (active !== undefined && enabled !== undefined && active !== enabled) {
    throw new SenderError('invalid_request', 'active: contradicts enabled (send one of them)', [
      { path: 'active', code: 'conflict', message: 'active and enabled are the same setting and disagree' },
    ]);
  }
  const value = active ?? enabled;
  return value === undefined ? {} : { enabled: value };
}

/**
 * The seed-003 webhooks resource (`/api/webhooks`): endpoints.* with that seed's defaults — model
 * task_events_v1, HMAC-SHA256 hex signatures (`sha256=<hex>`) in X-Taskhooks-Signature with the event
 * name in X-Taskhooks-Event, and the seed-003 retry preset (3 attempts, 1 s and 5 s) — all
 * configurable. Request schemas are the procedures' own input schemas with other defaults.
 */
export function webhookOperations(defaults: WebhookDefaults): RestOperation[] {
  const create = apiProcedures['endpoints.create'].input;
  const update = apiProcedures['endpoints.update'].input;
  const listDeliveries = apiProcedures['deliveries.list'].input;
  const defaultScheme = {
    scheme: 'hmac-sha256-hex' as const,
    signatureHeader: defaults.signatureHeader,
    eventHeader: defaults.eventHeader,
  };
  // A caller who picks the default scheme but names no header still gets the deployment's names.
  const withDeploymentHeaders = <T>(scheme: T): T =>
    (scheme as { scheme?: string } | undefined)?.scheme === defaultScheme.scheme
      ? { ...defaultScheme, ...scheme }
      : scheme;
  const tag = 'webhooks';
  return [
    {
      operationId: 'webhooks.create',
      method: 'POST',
      path: '/api/webhooks',
      summary: 'Create a webhook (seed 003); the response includes its secret, shown once',
      tag,
      status: 201,
      procedure: 'endpoints.create',
      pathParams: [],
      request: create.extend({
        model: create.shape.model.default(defaults.model),
        scheme: schemeInput.default(defaultScheme),
        retry: retryInput.default({ preset: defaults.retryPreset }),
        // No default here, so `active` alone decides; the procedure defaults to enabled.
        enabled: create.shape.enabled.unwrap().optional().describe('Default true; same setting as `active`.'),
        active: activeField,
      }),
      toInput: ({ active, enabled, scheme, ...rest }) => ({
        ...rest,
        scheme: withDeploymentHeaders(scheme),
        ...enabledOf({ active, enabled }),
      }),
      response: webhookOutput.extend({ secret: secretOnceOutput }),
      toResponse: (output) => {
        const { endpoint, secret } = output as { endpoint: EndpointView; secret: string | null };
        return { ...toWebhook(endpoint), secret };
      },
    },
    {
      operationId: 'webhooks.list',
      method: 'GET',
      path: '/api/webhooks',
      summary: 'List webhooks',
      tag,
      status: 200,
      procedure: 'endpoints.list',
      pathParams: [],
      request: apiProcedures['endpoints.list'].input,
      toInput: (request) => request,
      response: z.object({ items: z.array(webhookOutput).describe('Oldest first.') }),
      toResponse: (output) => ({ items: (output as { items: EndpointView[] }).items.map(toWebhook) }),
    },
    {
      operationId: 'webhooks.get',
      method: 'GET',
      path: '/api/webhooks/{id}',
      summary: 'Get a webhook',
      tag,
      status: 200,
      procedure: 'endpoints.get',
      pathParams: ['id'],
      request: z.object({ id: idParam }),
      toInput: ({ id }) => ({ endpointId: id }),
      response: webhookOutput,
      toResponse: (output) => toWebhook(output as EndpointView),
    },
    {
      operationId: 'webhooks.update',
      method: 'PATCH',
      path: '/api/webhooks/{id}',
      summary: 'Change a webhook, e.g. `{"active": false}` to disable it without deleting',
      tag,
      status: 200,
      procedure: 'endpoints.update',
      pathParams: ['id'],
      request: update.omit({ endpointId: true }).extend({ id: idParam, active: activeField }),
      toInput: ({ id, active, enabled, ...rest }) => ({
        ...rest,
        endpointId: id,
        ...enabledOf({ active, enabled }),
      }),
      response: webhookOutput,
      toResponse: (output) => toWebhook(output as EndpointView),
    },
    {
      operationId: 'webhooks.delete',
      method: 'DELETE',
      path: '/api/webhooks/{id}',
      summary: 'Delete a webhook and its pending deliveries',
      tag,
      status: 200,
      procedure: 'endpoints.delete',
      pathParams: ['id'],
      request: z.object({ id: idParam }),
      toInput: ({ id }) => ({ endpointId: id }),
      response: apiProcedures['endpoints.delete'].output,
    },
    {
      operationId: 'webhooks.deliveries',
      method: 'GET',
      path: '/api/webhooks/{id}/deliveries',
      summary: 'Recent deliveries of a webhook, newest first',
      tag,
      status: 200,
      procedure: 'deliveries.list',
      pathParams: ['id'],
      request: listDeliveries.omit({ endpointId: true }).extend({ id: idParam }),
      toInput: ({ id, ...rest }) => ({ ...rest, endpointId: id }),
      response: apiProcedures['deliveries.list'].output,
    },
  ];
}
