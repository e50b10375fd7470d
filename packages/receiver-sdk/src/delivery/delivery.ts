import type { EventName, LenientPayload, ModelId, PayloadOf } from '@taskhooks/contracts';

/** Request headers as handlers see them: lower-case names; credential values read "[redacted]". */
export type DeliveryHeaders = Readonly<Record<string, string>>;

interface DeliveryBase {
  /**
   * Delivery id used for dedupe: the scheme's id header (`webhook-id`), else the payload's `id`,
   * else `sha256:<hex>` of the raw body (identical retries of an id-less sender still dedupe).
   */
  id: string;
  /** Unix seconds from the signature header, for schemes that sign a timestamp. */
  timestamp?: number;
  headers: DeliveryHeaders;
}

/**
 * A verified delivery of a known event. Distributes over `E`, so inside a handler for several
 * events `delivery.event === 'x'` narrows `delivery.payload`.
 */
export type EventDelivery<M extends ModelId, E extends EventName<M> = EventName<M>> = {
  [K in E]: DeliveryBase & {
    known: true;
    model: M;
    event: K;
    /** Validated in lenient mode: unknown keys are kept, unknown enum values pass through. */
    payload: LenientPayload<PayloadOf<M, K>>;
  };
}[E];

/**
 * A verified delivery this receiver's model does not describe: an event added after this
 * version of the contracts, or a payload declaring another (newer) model. The payload is the
 * parsed JSON, unvalidated.
 */
export interface UnknownDelivery<M extends ModelId = ModelId> extends DeliveryBase {
  known: false;
  reason: 'unknown_event' | 'unknown_model';
  /** The model this receiver was created for. */
  model: M;
  /** The payload's own `model` field, when it has one. */
  receivedModel: string | undefined;
  /** The payload's `event` field, when it is a string. */
  event: string | undefined;
  payload: unknown;
}

/** What `verify()` returns: check `known` first, then switch on `event`. */
export type ReceivedDelivery<M extends ModelId> = EventDelivery<M> | UnknownDelivery<M>;
