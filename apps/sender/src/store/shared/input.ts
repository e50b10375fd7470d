import type { EndpointPatch, NewEndpoint, NewMessage } from '../types.js';
import { StoreError } from './errors.js';
import { requireId, requirePositiveInt, requireString, requireTime } from './validate.js';

const METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function checkNewEndpoint(endpoint: NewEndpoint): void {
  requireId('endpoint.id', endpoint.id);
  requireId('endpoint.tenantId', endpoint.tenantId);
  checkEndpointFields(endpoint, 'endpoint');
}

export function checkEndpointPatch(patch: EndpointPatch): void {
  checkEndpointFields(patch, 'patch');
}

function checkEndpointFields(fields: EndpointPatch, prefix: string): void {
  if (fields.url !== undefined) requireString(`${prefix}.url`, fields.url);
  if (fields.method !== undefined && !METHODS.has(fields.method)) {
    throw new StoreError(
      'invalid_input',
      `${prefix}.method: must be POST, PUT or PATCH, got ${fields.method}`,
    );
  }
  if (fields.model !== undefined) requireId(`${prefix}.model`, fields.model);
  if (
    fields.eventFilter !== undefined &&
    (!Array.isArray(fields.eventFilter) || fields.eventFilter.some((e) => typeof e !== 'string' || e === ''))
  ) {
    throw new StoreError('invalid_input', `${prefix}.eventFilter: must be an array of non-empty event names`);
  }
  if (fields.secretsSealed !== undefined) requireString(`${prefix}.secretsSealed`, fields.secretsSealed);
  if (fields.timeoutMs !== undefined) requirePositiveInt(`${prefix}.timeoutMs`, fields.timeoutMs, 600_000);
  if (fields.enabled !== undefined && typeof fields.enabled !== 'boolean') {
    throw new StoreError('invalid_input', `${prefix}.enabled: must be a boolean`);
  }
  if (fields.failingSince !== undefined && fields.failingSince !== null) {
    requireTime(`${prefix}.failingSince`, fields.failingSince);
  }
}

export function checkNewMessages(messages: NewMessage[]): void {
  if (!Array.isArray(messages)) throw new StoreError('invalid_input', 'messages: must be an array');
  messages.forEach((message, i) => {
    requireId(`messages[${i}].id`, message.id);
    requireId(`messages[${i}].tenantId`, message.tenantId);
    requireId(`messages[${i}].model`, message.model);
    requireId(`messages[${i}].event`, message.event);
    requireString(`messages[${i}].payloadJson`, message.payloadJson);
    requireTime(`messages[${i}].createdAt`, message.createdAt);
    if (message.idempotencyKey !== null) requireId(`messages[${i}].idempotencyKey`, message.idempotencyKey);
    if (message.onlyEndpointIds !== undefined && !Array.isArray(message.onlyEndpointIds)) {
      throw new StoreError(
        'invalid_input',
        `messages[${i}].onlyEndpointIds: must be an array of endpoint ids`,
      );
    }
  });
}

/** Column names for patchable endpoint fields, shared by both dialects. */
export const ENDPOINT_PATCH_COLUMNS = {
  url: 'url',
  method: 'method',
  description: 'description',
  model: 'model',
  eventFilter: 'event_filter',
  scheme: 'scheme',
  secretsSealed: 'secrets_sealed',
  retryPolicy: 'retry_policy',
  timeoutMs: 'timeout_ms',
  enabled: 'enabled',
  disabledReason: 'disabled_reason',
  failingSince: 'failing_since',
} as const satisfies Record<keyof EndpointPatch, string>;

export const JSON_ENDPOINT_FIELDS = new Set<keyof EndpointPatch>(['eventFilter', 'scheme', 'retryPolicy']);

export const FINISHED_STATES = ['succeeded', 'failed', 'skipped'] as const;
