import { WebhookError } from '../errors/webhook-error.js';

/** The parts of a delivery an error message may name. */
interface DeliveryRef {
  known: boolean;
  id: string;
  event: string | undefined;
}

export function asWebhookError(error: unknown, during = 'decoding a delivery'): WebhookError {
  if (error instanceof WebhookError) return error;
  return new WebhookError(
    'internal_error',
    `Unexpected error while ${during}: ${describe(error)}. The delivery was not processed and can be retried; please report this as a bug in @taskhooks/receiver-sdk.`,
    { cause: error, publicMessage: 'Internal error; the delivery was not processed.' },
  );
}

export function methodNotAllowed(method: string): WebhookError {
  return new WebhookError(
    'method_not_allowed',
    `Webhooks are delivered with POST (or PUT/PATCH); this request used ${method.slice(0, 16)}.`,
  );
}

export function handlerFailed(error: unknown, delivery: DeliveryRef): WebhookError {
  const what = delivery.known ? `"${delivery.event}" handler` : 'onUnknown handler';
  return new WebhookError(
    'handler_failed',
    `The ${what} threw for delivery ${delivery.id}: ${describe(error)}. The delivery was not recorded as handled, so the sender's retry will run the handlers again.`,
    {
      cause: error,
      deliveryId: delivery.id,
      event: delivery.event,
      // The handler's own message may describe internals; the sender only learns that it failed.
      publicMessage: 'A handler failed; the delivery was not recorded and will be processed again on retry.',
    },
  );
}

export function dedupeFailed(error: unknown, delivery: DeliveryRef, when: 'before' | 'after'): WebhookError {
  const consequence =
    when === 'before'
      ? 'The delivery was not processed, so the sender can retry it.'
      : 'The handlers already ran and the delivery was acknowledged, but its id was not recorded, so a retry would run them again.';
  return new WebhookError('dedupe_failed', `The dedupe store failed: ${describe(error)}. ${consequence}`, {
    cause: error,
    deliveryId: delivery.id,
    event: delivery.event,
    publicMessage: 'The receiver could not check for duplicates; retry later.',
  });
}

/** Never throws: a handler may throw anything, even a value String() cannot convert. */
function describe(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}
