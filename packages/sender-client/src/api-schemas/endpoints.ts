import { z } from 'zod';
import { idSchema, storableText, tenantIdInput } from './common.js';
import {
  endpointOutput,
  eventsInput,
  headersInput,
  methodInput,
  retryInput,
  schemeInput,
  secretOnceOutput,
  timeoutInput,
  urlInput,
} from './endpoint-fields.js';

const endpointId = idSchema('endpoint');

export const endpointsCreateInput = z.strictObject({
  tenantId: tenantIdInput,
  url: urlInput,
  method: methodInput.default('POST'),
  description: storableText().max(500).default('').describe('Free text shown in lists.'),
  model: z
    .string()
    .min(1)
    .describe(
      'Payload model id to pin a version (e.g. plan_bound_v2), or a model family name (e.g. plan_bound) to pin its newest version.',
    ),
  events: eventsInput.default([]),
  scheme: schemeInput.default({ scheme: 'standard-webhooks' }),
  headers: headersInput.default({}),
  retry: retryInput.default({ preset: 'default' }),
  timeoutMs: timeoutInput.optional(),
  enabled: z.boolean().default(true).describe('Create disabled to set it up before traffic flows.'),
  secret: z
    .string()
    .min(32)
    .max(200)
    .regex(/^[A-Za-z0-9_+/=-]+$/, 'letters, digits and _ + / = - only')
    .optional()
    .describe(
      'Bring your own signing secret instead of a generated one (e.g. a development endpoint re-created with the same secret): `whsec_` + base64 of 24–64 bytes for standard-webhooks, 32–200 URL-safe characters otherwise. Not for header-auth.',
    ),
});
export const endpointsCreateOutput = z.object({ endpoint: endpointOutput, secret: secretOnceOutput });

export const endpointsListInput = z.strictObject({ tenantId: tenantIdInput });
export const endpointsListOutput = z.object({
  items: z.array(endpointOutput).describe('The tenant’s endpoints, oldest first.'),
});

export const endpointsGetInput = z.strictObject({ endpointId });

export const endpointsUpdateInput = z.strictObject({
  endpointId,
  url: urlInput.optional(),
  method: methodInput.optional(),
  description: storableText().max(500).optional().describe('Free text shown in lists.'),
  model: z
    .string()
    .min(1)
    .optional()
    .describe('Payload model id; the event filter is re-checked against it.'),
  events: eventsInput.optional(),
  headers: headersInput.optional().describe('Replaces every custom header (values stored encrypted).'),
  retry: retryInput.optional(),
  timeoutMs: timeoutInput.optional(),
  enabled: z.boolean().optional().describe('Enabling also clears the disabled reason and failing state.'),
});

export const endpointsDeleteInput = z.strictObject({ endpointId });
export const endpointsDeleteOutput = z.object({
  deleted: z.literal(true).describe('The endpoint and its pending deliveries are gone.'),
});

export const endpointsRotateSecretInput = z.strictObject({
  endpointId,
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .optional()
    .describe('How long the previous secret keeps signing alongside the new one (default 24 h; 0 = none).'),
});
export const endpointsRotateSecretOutput = z.object({
  endpoint: endpointOutput,
  secret: z.string().describe('The new secret. Shown ONCE: store it now, it cannot be retrieved later.'),
  previousSecretExpiresAt: z
    .number()
    .int()
    .nullable()
    .describe('When the previous secret stops signing (epoch ms); null when it stopped at once.'),
});

export const endpointsSendTestInput = z.strictObject({
  endpointId,
  event: z
    .string()
    .min(1)
    .optional()
    .describe('Event whose contract example is sent; default: the first event the endpoint receives.'),
});
export const endpointsSendTestOutput = z.object({
  messageId: z.string().describe('The test message; follow it with messages.get.'),
  event: z.string().describe('The event sent.'),
  deliveriesCreated: z.number().int().describe('1 when queued for delivery.'),
  deliveriesSkipped: z
    .number()
    .int()
    .describe('1 when the tenant’s entitlement is expired (logged, not sent).'),
});
