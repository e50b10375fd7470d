import { type EventName, isEventOf, listEvents, type ModelId } from '@taskhooks/contracts';
import type { HeaderBag } from '@taskhooks/signatures';
import { createFetchHandler } from '../adapters/fetch/fetch-handler.js';
import type { DedupeOptions } from '../dedupe/dedupe-store.js';
import { resolveConfig, type VerifyConfig } from '../delivery/config.js';
import { decodeDelivery, type RawRequest } from '../delivery/decode-delivery.js';
import type { ReceivedDelivery } from '../delivery/delivery.js';
import type { WebhookError } from '../errors/webhook-error.js';
import { createDedupeGate } from './dedupe-gate.js';
import { isDeliveryMethod } from './delivery-method.js';
import { type ErrorHandler, type EventHandler, HandlerRegistry, type UnknownHandler } from './handlers.js';
import { asWebhookError, dedupeFailed, handlerFailed, methodNotAllowed } from './receive-errors.js';
import { acknowledged, type ReceiveResult, rejected } from './receive-result.js';

export type ReceiverOptions<M extends ModelId> = VerifyConfig<M> & {
  /**
   * Skip handlers for a delivery id that was already handled. Default: on, in-memory LRU, 3 days.
   * Pass `{ store }` to share ids between instances, or `false` to turn dedupe off.
   */
  dedupe?: DedupeOptions | false;
};

export interface ReceiveRequest {
  /** The raw body, exactly as received. */
  body: unknown;
  headers: HeaderBag;
  /** When given, anything but POST, PUT or PATCH gets 405. */
  method?: string;
}

export interface Receiver<M extends ModelId> {
  readonly model: M;
  readonly maxBodyBytes: number;
  /** Runs `handler` for one event or a list of events; a name outside the model does not compile. */
  on<const E extends EventName<M>>(event: E | readonly E[], handler: EventHandler<M, E>): Receiver<M>;
  /** Runs `handler` for every known event, in registration order with the `on` handlers. */
  onAny(handler: EventHandler<M>): Receiver<M>;
  /** Runs `handler` for verified deliveries of events or models this receiver does not know. */
  onUnknown(handler: UnknownHandler<M>): Receiver<M>;
  /** Observes every refused or failed delivery, e.g. to log `error.code` and `error.message`. */
  onError(handler: ErrorHandler): Receiver<M>;
  /** Verify, parse and validate only; no handlers, no dedupe. Throws {@link WebhookError}. */
  verify(request: RawRequest): Promise<ReceivedDelivery<M>>;
  /** The whole pipeline, for any framework; never throws. */
  receive(request: ReceiveRequest): Promise<ReceiveResult<M>>;
  /**
   * Answers a request your own adapter refused before the pipeline (e.g. a body over
   * `maxBodyBytes` while streaming), and tells the `onError` handlers.
   */
  reject(error: WebhookError): Promise<ReceiveResult<M>>;
  /** `(Request) => Promise<Response>` for Next.js, Hono, Bun, Deno and Workers; already bound. */
  readonly fetch: (request: Request) => Promise<Response>;
}

/** Creates a webhook receiver: verification, contract validation, typed handlers and dedupe. */
export function createReceiver<const M extends ModelId>(options: ReceiverOptions<M>): Receiver<M> {
  const config = resolveConfig(options, 'createReceiver');
  const gate = createDedupeGate(options.dedupe);
  const registry = new HandlerRegistry();

  async function report(result: ReceiveResult<M>): Promise<ReceiveResult<M>> {
    if (result.error) await notify(result.error);
    return result;
  }

  async function notify(error: WebhookError): Promise<void> {
    for (const handler of registry.errorHandlers) {
      try {
        await handler(error);
      } catch {
        // An error reporter that fails must not turn into a second failure of the delivery.
      }
    }
  }

  async function receive(request: ReceiveRequest): Promise<ReceiveResult<M>> {
    if (request.method !== undefined && !isDeliveryMethod(request.method)) {
      return report(rejected(methodNotAllowed(request.method), undefined, { allow: 'POST, PUT, PATCH' }));
    }
    let delivery: ReceivedDelivery<M>;
    try {
      delivery = await decodeDelivery(config, request);
    } catch (error) {
      return report(rejected(asWebhookError(error)));
    }

    let alreadyHandled: boolean;
    try {
      alreadyHandled = await gate.claim(delivery.id);
    } catch (error) {
      return report(rejected(dedupeFailed(error, delivery, 'before'), delivery));
    }
    if (alreadyHandled) return acknowledged('duplicate', delivery);

    const handlers = registry.matching(delivery.known, delivery.event);
    // What a handler threw is only described after the release: the id must never stay claimed.
    let thrown: { error: unknown } | undefined;
    try {
      for (const handler of handlers) await handler(delivery as never);
    } catch (error) {
      thrown = { error };
    }
    try {
      await gate.release(delivery.id, thrown === undefined);
    } catch (error) {
      // Handlers already ran: answering 5xx would make the sender run them again, so only report.
      await notify(dedupeFailed(error, delivery, 'after'));
    }
    if (thrown) return report(rejected(handlerFailed(thrown.error, delivery), delivery));
    if (!delivery.known) return acknowledged('unknown', delivery);
    return acknowledged(handlers.length > 0 ? 'handled' : 'ignored', delivery);
  }

  const receiver: Receiver<M> = {
    model: config.model,
    maxBodyBytes: config.maxBodyBytes,
    on(event, handler) {
      const events: readonly string[] = typeof event === 'string' ? [event] : event;
      if (!Array.isArray(events) || events.length === 0) {
        throw new TypeError('receiver.on(): pass an event name or a non-empty array of event names');
      }
      for (const name of events) {
        if (!isEventOf(config.model, name)) {
          throw new TypeError(
            `receiver.on(): ${JSON.stringify(name)} is not an event of ${config.model}. Known events: ${listEvents(config.model).join(', ')}. Use onUnknown() for events outside the model.`,
          );
        }
      }
      registry.add({ kind: 'event', events: new Set(events), handler: assertHandler(handler, 'on') });
      return receiver;
    },
    onAny(handler) {
      registry.add({ kind: 'any', handler: assertHandler(handler, 'onAny') });
      return receiver;
    },
    onUnknown(handler) {
      registry.add({ kind: 'unknown', handler: assertHandler(handler, 'onUnknown') });
      return receiver;
    },
    onError(handler) {
      registry.errorHandlers.push(assertHandler(handler, 'onError'));
      return receiver;
    },
    verify: (request) => decodeDelivery(config, request),
    receive,
    reject: (error) => report(rejected(error)),
    fetch: createFetchHandler({
      receive,
      reject: (error) => report(rejected(error)),
      maxBodyBytes: config.maxBodyBytes,
    }),
  };
  return receiver;
}

function assertHandler<H>(handler: H, method: string): H {
  if (typeof handler !== 'function') {
    throw new TypeError(`receiver.${method}(): the handler must be a function, got ${typeof handler}`);
  }
  return handler;
}
