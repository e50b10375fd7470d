import { z } from 'zod';
import { storableText } from './common.js';

export const publishItemInput = z.strictObject({
  model: z.string().min(1).describe('Payload model id, e.g. plan_bound_v2.'),
  event: z.string().min(1).describe('Event name, e.g. plan.completed.'),
  payload: z.unknown().describe('The event payload; validated against the model contract.'),
  idempotencyKey: storableText()
    .min(1)
    .max(200)
    // As the Idempotency-Key header takes it (HTTP trims header values): one key, either way.
    .refine((key) => key.trim() === key, {
      error: 'must not be blank or start or end with whitespace (an Idempotency-Key header cannot carry it)',
    })
    .optional()
    .describe(
      'Same key → same message id, no second fan-out. A key names one request: reused with another model, event or payload it is refused (409, `idempotency_key_reused`).',
    ),
});

export const publishResultOutput = z.object({
  messageId: z.string(),
  duplicate: z.boolean(),
  deliveriesCreated: z.number().int(),
  deliveriesSkipped: z.number().int(),
});

export const eventsPublishInput = publishItemInput.extend({
  tenantId: storableText().optional().describe('Required with an admin key.'),
});
export const eventsPublishOutput = publishResultOutput;

export const eventsPublishBatchInput = z.strictObject({
  tenantId: storableText().optional(),
  events: z.array(publishItemInput).min(1).max(500),
});
export const eventsPublishBatchOutput = z.object({ results: z.array(publishResultOutput) });
