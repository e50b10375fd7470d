import type { RestOperation } from './operation.js';
import { procedureOperations } from './procedure-operations.js';
import { type WebhookDefaults, webhookOperations } from './webhook-operations.js';

export { buildOpenApiDocument } from './openapi.js';
export type { RestOperation } from './operation.js';
export { type RestErrorBody, restError } from './rest-errors.js';
export { createRestHandler, type RestHandlerOptions } from './rest-handler.js';
export type { WebhookDefaults } from './webhook-operations.js';

/** seed 003: task_events_v1, `sha256=<hex>` in X-Taskhooks-Signature, 3 attempts (1 s, 5 s). */
export const SEED_003_WEBHOOK_DEFAULTS: WebhookDefaults = {
  model: 'task_events_v1',
  signatureHeader: 'X-Taskhooks-Signature',
  eventHeader: 'X-Taskhooks-Event',
  retryPreset: 'seed-003',
};

/** Every REST operation: the seed-003 webhooks resource, then one per procedure with REST meta. */
export function restOperations(
  webhookDefaults: WebhookDefaults = SEED_003_WEBHOOK_DEFAULTS,
): RestOperation[] {
  return [...webhookOperations(webhookDefaults), ...procedureOperations()];
}

/** Non-REST routes of the same server, for the OpenAPI document. */
export const operationalPaths = {
  '/livez': {
    get: {
      operationId: 'livez',
      summary: 'Liveness: the process answers',
      tags: ['operations'],
      security: [],
      responses: { '200': { description: 'Alive' } },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readyz',
      summary: 'Readiness: not shutting down and the store answers',
      tags: ['operations'],
      security: [],
      responses: {
        '200': { description: 'Ready' },
        '503': { description: 'Not ready (details in the body)' },
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      summary: 'Prometheus metrics (Bearer TASKHOOKS_METRICS_TOKEN when set)',
      tags: ['operations'],
      security: [],
      responses: { '200': { description: 'Prometheus text format' } },
    },
  },
};
