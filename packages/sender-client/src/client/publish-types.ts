import type { EventName, ModelId, PayloadInput } from '@taskhooks/contracts';

/**
 * One event of a batch, typed from the contracts: `payload` must match `model` + `event`, so a
 * misspelt event or a wrong field fails to compile.
 */
export type PublishEvent = {
  [M in ModelId]: {
    [E in EventName<M>]: {
      model: M;
      event: E;
      payload: PayloadInput<M, E>;
      /** Default: a key generated per call, so the client's own retries never publish twice. */
      idempotencyKey?: string;
    };
  }[EventName<M>];
}[ModelId];

/** Builds one typed batch entry (handy when the model and event are variables). */
export function publishEvent<M extends ModelId, E extends EventName<M>>(
  model: M,
  event: E,
  payload: PayloadInput<M, E>,
  idempotencyKey?: string,
): PublishEvent {
  return { model, event, payload, ...(idempotencyKey ? { idempotencyKey } : {}) } as PublishEvent;
}
