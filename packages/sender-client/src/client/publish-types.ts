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

/** True for a union of two or more types (`'a' | 'b'`), false for one. */
type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

/**
 * The payload of exactly one event. With an event name typed as a union (`'task.created' |
 * 'task.deleted'`), `PayloadInput` would be the union of both payloads and any of them would
 * compile against either name; such a call takes no payload at all (narrow the name first).
 */
export type PayloadFor<M extends ModelId, E extends EventName<M>> =
  IsUnion<E> extends false ? PayloadInput<M, E> : never;

/** Builds one typed batch entry (handy when the model and event are variables). */
export function publishEvent<M extends ModelId, E extends EventName<M>>(
  model: M,
  event: E,
  payload: PayloadFor<M, E>,
  idempotencyKey?: string,
): PublishEvent {
  return { model, event, payload, ...(idempotencyKey ? { idempotencyKey } : {}) } as PublishEvent;
}
