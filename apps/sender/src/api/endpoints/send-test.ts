import { eventMetadata, getEventSchema, isModelId, listEvents, validateOutgoing } from '@taskhooks/contracts';
import { SenderError } from '../../errors/sender-errors.js';
import { uuidv7 } from '../../ids/uuidv7.js';
import { withFreshEventId, withTenantId } from '../../ingest/example-payload.js';
import { eventFilterMatches } from '../../store/shared/event-filter.js';
import type { Endpoint, PublishResult, Store } from '../../store/types.js';

/**
 * Publishes the contract's first example of `event` (default: the first event the endpoint's filter
 * accepts), with a fresh event id where the model has one, to this endpoint only. It is an ordinary
 * message: stored, signed, retried and logged.
 */
export async function sendTestEvent(
  store: Store,
  endpoint: Endpoint,
  requestedEvent: string | undefined,
  now: number,
): Promise<{ event: string; result: PublishResult }> {
  if (!endpoint.enabled) {
    throw new SenderError('conflict', 'endpoint is disabled: enable it before sending a test event', [
      { path: 'endpointId', code: 'endpoint_disabled', message: endpoint.disabledReason ?? 'disabled' },
    ]);
  }
  const model = endpoint.model;
  if (!isModelId(model)) {
    throw new SenderError('conflict', `endpoint model "${model}" is not a published model`, [
      { path: 'endpointId', code: 'unknown_model', message: `model ${model} has no contract examples` },
    ]);
  }
  const accepted = (listEvents(model) as string[]).filter((event) =>
    eventFilterMatches(endpoint.eventFilter, event),
  );
  const event = requestedEvent ?? accepted[0];
  if (event === undefined || !accepted.includes(event)) {
    throw new SenderError(
      'invalid_request',
      `event: "${event ?? ''}" is not an event this endpoint receives; choose one of: ${accepted.join(', ')}`,
      [{ path: 'event', code: 'unknown_event', message: `valid events: ${accepted.join(', ')}` }],
    );
  }
  const example = eventMetadata(getEventSchema(model, event as never)).examples[0];
  // Every test is a new event: with the example's own id, a deduplicating receiver sees only the first.
  const validated = validateOutgoing(
    model,
    withTenantId(model, withFreshEventId(model, example), endpoint.tenantId),
  );
  if (example === undefined || !validated.success) {
    throw new SenderError('conflict', `the ${model} contract has no valid example for ${event}`, [
      { path: 'event', code: 'no_example', message: 'no valid contract example' },
    ]);
  }
  const [result] = await store.publishMessages([
    {
      id: uuidv7(),
      tenantId: endpoint.tenantId,
      model,
      event,
      payloadJson: JSON.stringify(validated.data),
      idempotencyKey: null,
      createdAt: now,
      onlyEndpointIds: [endpoint.id],
    },
  ]);
  return { event, result: result! };
}
