import { isEventOf } from '@taskhooks/contracts';
import type { Publisher } from '../ingest/publisher.js';
import type { OperationalEvent, Store } from '../store/types.js';
import { OPERATOR_ENDPOINT_ID, OPERATOR_MODEL, OPERATOR_TENANT_ID } from './operator-config.js';

export interface OperatorNotifierLogger {
  warn(details: object, message: string): void;
}

/**
 * Publishes operational events (an endpoint switched off, …) as `taskhooks_operational_v1`
 * messages of the operator tenant, so they are stored, signed, retried and logged like any other
 * webhook. The operational event's id is the idempotency key: forwarding one twice (a retry, the
 * start-up sweep after a crash) sends it once.
 */
export function createOperatorNotifier(options: {
  publisher: Publisher;
  store: Pick<Store, 'getEndpoint'>;
  logger: OperatorNotifierLogger;
}) {
  return async function notifyOperator(event: OperationalEvent): Promise<void> {
    const detail = JSON.parse(event.detailJson) as Record<string, unknown>;
    if (detail.endpointId === OPERATOR_ENDPOINT_ID) {
      // Reporting the operator endpoint's failure to itself would only queue more failures.
      options.logger.warn({ kind: event.kind }, 'the operator webhook endpoint itself was switched off');
      return;
    }
    const payload = operatorPayload(event, detail);
    if (payload === null) return;
    // Published while the operator endpoint is off (another process without the setting switched
    // it off, or it failed for too long), the message would get no delivery and spend its key: a
    // later start's sweep would then take it for sent. Left unpublished, that sweep sends it.
    const endpoint = await options.store.getEndpoint(OPERATOR_ENDPOINT_ID);
    if (!endpoint?.enabled) {
      options.logger.warn(
        { kind: event.kind, reason: endpoint?.disabledReason ?? 'missing' },
        'the operator webhook endpoint is off: this operational event is sent by the first start with it on (within 24 h)',
      );
      return;
    }
    await options.publisher.publish(OPERATOR_TENANT_ID, [
      { model: OPERATOR_MODEL, event: event.kind, payload, idempotencyKey: `operational:${event.id}` },
    ]);
  };
}

/** The contract's payload for an operational event, or null for a kind the contract has no event for. */
function operatorPayload(event: OperationalEvent, detail: Record<string, unknown>): object | null {
  if (!isEventOf(OPERATOR_MODEL, event.kind)) return null;
  return {
    event: event.kind,
    timestamp: new Date(event.createdAt).toISOString(),
    data: {
      tenantId: event.tenantId,
      endpointId: detail.endpointId,
      failingSince: new Date(Number(detail.failingSince)).toISOString(),
      reason: detail.reason,
    },
  };
}

/** How far back the start-up sweep looks for operational events a crash may have kept from the operator. */
export const OPERATOR_SWEEP_WINDOW_MS = 24 * 60 * 60 * 1000;
const OPERATOR_SWEEP_MAX_EVENTS = 10_000;

/**
 * Forwards the recent operational events again at start: one recorded just before a crash never
 * reached the callback that forwards it. Those already forwarded are answered by their
 * idempotency key and sent no second time.
 */
export async function forwardRecentOperationalEvents(
  store: Pick<Store, 'listOperationalEvents'>,
  notify: (event: OperationalEvent) => Promise<void>,
  now: number,
  onError?: (error: unknown, event: OperationalEvent) => void,
): Promise<number> {
  // Every event of the window (a mass outage disables many endpoints at once), up to 10,000, the
  // store's page limit: reading only the newest 100 lost the older ones of a busy day.
  const recent = await store.listOperationalEvents(OPERATOR_SWEEP_MAX_EVENTS, now - OPERATOR_SWEEP_WINDOW_MS);
  // Oldest first, so the operator sees them in the order they happened. One event that cannot be
  // forwarded (a malformed detail) must not hold back the ones after it.
  let forwarded = 0;
  for (const event of recent.reverse()) {
    try {
      await notify(event);
      forwarded++;
    } catch (error) {
      onError?.(error, event);
    }
  }
  return forwarded;
}
