import { z } from 'zod';
import {
  epochMs,
  idSchema,
  nextCursorOutput,
  pageInput,
  storableText,
  tenantIdInput,
  timeInput,
} from './common.js';
import { deliveryOutput } from './deliveries.js';

export const messageOutput = z
  .object({
    id: z.string().describe('Message id (also the `webhook-id` header of every delivery).'),
    tenantId: z.string().describe('Owning tenant.'),
    model: z.string().describe('Payload model.'),
    event: z.string().describe('Event name.'),
    idempotencyKey: z.string().nullable().describe('The idempotency key it was published with, if any.'),
    payloadPurged: z.boolean().describe('True once retention removed the payload.'),
    createdAt: epochMs('Published at'),
  })
  .describe('A published event.');

export const messagesListInput = z.strictObject({
  tenantId: tenantIdInput,
  event: storableText().min(1).optional().describe('Only this event name.'),
  since: timeInput('Published at or after').optional(),
  until: timeInput('Published before').optional(),
  ...pageInput,
});
export const messagesListOutput = z.object({
  items: z.array(messageOutput).describe('Newest first.'),
  nextCursor: nextCursorOutput,
});

export const messagesGetInput = z.strictObject({ messageId: idSchema('message') });
export const messagesGetOutput = messageOutput.extend({
  payload: z.unknown().describe('The payload exactly as delivered (null once purged).'),
  deliveries: z.array(deliveryOutput).describe('Its deliveries, one per endpoint, newest first.'),
});
