import type { attemptOutput, deliveryOutput } from '@taskhooks/sender-client';
import type { z } from 'zod';
import type { Attempt, Delivery } from '../../store/types.js';

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
