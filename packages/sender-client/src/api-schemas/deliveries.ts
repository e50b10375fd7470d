import { z } from 'zod';
import { epochMs, idSchema, nextCursorOutput, pageInput, storableText, timeInput } from './common.js';

export const deliveryStateSchema = z
  .enum(['pending', 'in_flight', 'succeeded', 'failed', 'skipped'])
  .describe(
    'pending = waiting for its (next) attempt; skipped = not sent because the entitlement was expired.',
  );

export const deliveryOutput = z
  .object({
    id: z.string().describe('Delivery id (one message to one endpoint).'),
    messageId: z.string().describe('The message delivered.'),
    endpointId: z.string().describe('The endpoint it goes to.'),
    event: z.string().describe('Event name.'),
    status: deliveryStateSchema,
    attemptCount: z.number().int().describe('Attempts made so far.'),
    nextAttemptAt: z.number().int().nullable().describe('When the next attempt is due (epoch ms), if any.'),
    lastStatus: z.number().int().nullable().describe('HTTP status of the last attempt, if one was received.'),
    lastError: z.string().nullable().describe('Why the last attempt failed, if it did.'),
    createdAt: epochMs('Creation time'),
    updatedAt: epochMs('Last change'),
  })
  .describe('One message to one endpoint.');

export const attemptOutput = z
  .object({
    attemptNumber: z.number().int().describe('1 for the first attempt.'),
    startedAt: epochMs('Sent at'),
    durationMs: z.number().int().describe('Time to the response (or failure), ms.'),
    requestHeaders: z
      .record(z.string(), z.string())
      .describe('Headers as sent; signatures, tokens and custom header values are "[redacted]".'),
    responseStatus: z.number().int().nullable().describe('HTTP status; null on network error or timeout.'),
    responseBodyExcerpt: z.string().nullable().describe('First few KB of the response body.'),
    outcome: z.enum(['succeeded', 'failed', 'retry_scheduled']).describe('What the attempt led to.'),
    error: z.string().nullable().describe('network / timeout / http_status / blocked … with a message.'),
  })
  .describe('One HTTP attempt.');

const endpointId = idSchema('endpoint');
const deliveryId = idSchema('delivery');

export const deliveriesListInput = z.strictObject({
  endpointId,
  status: deliveryStateSchema.optional().describe('Only deliveries in this state.'),
  event: storableText().min(1).optional().describe('Only this event name.'),
  since: timeInput('Created at or after').optional(),
  until: timeInput('Created before').optional(),
  ...pageInput,
});
export const deliveriesListOutput = z.object({
  items: z.array(deliveryOutput).describe('Newest first.'),
  nextCursor: nextCursorOutput,
});

export const deliveriesGetInput = z.strictObject({ deliveryId });
export const deliveriesGetOutput = deliveryOutput.extend({
  payload: z
    .unknown()
    .describe(
      'The payload as the endpoint receives it: the published event rendered as the version of the model the endpoint is pinned to (null once purged by retention).',
    ),
  attempts: z.array(attemptOutput).describe('Every attempt, first to last.'),
});

export const deliveriesRedeliverInput = z.strictObject({ deliveryId });

export const deliveriesRecoverInput = z.strictObject({
  endpointId,
  since: timeInput('Re-send failed deliveries created at or after'),
});
export const deliveriesRecoverOutput = z.object({
  requeued: z.number().int().describe('Failed deliveries queued again.'),
});
