import type { EventName, ModelId } from '@taskhooks/contracts';
import type { EventDelivery, UnknownDelivery } from '../delivery/delivery.js';
import type { WebhookError } from '../errors/webhook-error.js';

/** Handles one or more known events; `delivery.payload` is typed by `delivery.event`. */
export type EventHandler<M extends ModelId, E extends EventName<M> = EventName<M>> = (
  delivery: EventDelivery<M, E>,
) => unknown;

/** Handles a verified delivery of an event (or model) this receiver does not know. */
export type UnknownHandler<M extends ModelId = ModelId> = (delivery: UnknownDelivery<M>) => unknown;

/** Observes every refused or failed delivery (for logging and metrics); cannot change the response. */
export type ErrorHandler = (error: WebhookError) => unknown;

type Registration =
  | { kind: 'event'; events: ReadonlySet<string>; handler: (delivery: never) => unknown }
  | { kind: 'any'; handler: (delivery: never) => unknown }
  | { kind: 'unknown'; handler: (delivery: never) => unknown };

/** Handlers in registration order; a delivery runs every matching one, one after another. */
export class HandlerRegistry {
  private readonly registrations: Registration[] = [];
  readonly errorHandlers: ErrorHandler[] = [];

  add(registration: Registration): void {
    this.registrations.push(registration);
  }

  /** The handlers for a known event, or for an unknown delivery when `event` is undefined. */
  matching(known: boolean, event: string | undefined): ((delivery: never) => unknown)[] {
    const matches: ((delivery: never) => unknown)[] = [];
    for (const registration of this.registrations) {
      const applies = known
        ? registration.kind === 'any' ||
          (registration.kind === 'event' && event !== undefined && registration.events.has(event))
        : registration.kind === 'unknown';
      if (applies) matches.push(registration.handler);
    }
    return matches;
  }
}
