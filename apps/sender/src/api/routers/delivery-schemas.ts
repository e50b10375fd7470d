import { z } from 'zod';
import type { Attempt, Delivery } from '../../store/types.js';
import { epochMs } from '../schemas.js';

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

export function toDeliveryOutput(d: Delivery): z.output<typeof deliveryOutput> {
  return {
    id: d.id,
    messageId: d.messageId,
    endpointId: d.endpointId,
    event: d.event,
    status: d.state,
    attemptCount: d.attemptCount,
    nextAttemptAt: d.nextAttemptAt,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function toAttemptOutput(a: Attempt): z.output<typeof attemptOutput> {
  return {
    attemptNumber: a.attemptNumber,
    startedAt: a.startedAt,
    durationMs: a.durationMs,
    requestHeaders: a.requestHeaders,
    responseStatus: a.responseStatus,
    responseBodyExcerpt: a.responseBodyExcerpt,
    outcome: a.outcome,
    error: a.error,
  };
}
