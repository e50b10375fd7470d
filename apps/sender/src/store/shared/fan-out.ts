import { endpointReceivesModel } from '../../versions/model-routing.js';
import type { DeliveryState, Endpoint, Entitlement, NewMessage } from '../types.js';
import { eventFilterMatches } from './event-filter.js';

export interface PlannedDelivery {
  endpointId: string;
  state: Extract<DeliveryState, 'pending' | 'skipped'>;
  nextAttemptAt: number | null;
}

/**
 * Which endpoints receive a message: enabled, same tenant, pinned to its model or an older version
 * of it that can be rendered from it, event filter accepts the event,
 * and (when given) listed in `onlyEndpointIds`. An expired entitlement still records each delivery,
 * as skipped, so the log shows what was not sent and why.
 */
export function planFanOut(
  message: NewMessage,
  tenantEndpoints: readonly Endpoint[],
  entitlement: Entitlement,
): PlannedDelivery[] {
  const only = message.onlyEndpointIds ? new Set(message.onlyEndpointIds) : null;
  const planned: PlannedDelivery[] = [];
  for (const endpoint of tenantEndpoints) {
    if (endpoint.tenantId !== message.tenantId || !endpoint.enabled) continue;
    if (!endpointReceivesModel(endpoint.model, message.model)) continue;
    if (only && !only.has(endpoint.id)) continue;
    if (!eventFilterMatches(endpoint.eventFilter, message.event)) continue;
    planned.push(
      entitlement === 'active'
        ? { endpointId: endpoint.id, state: 'pending', nextAttemptAt: message.createdAt }
        : { endpointId: endpoint.id, state: 'skipped', nextAttemptAt: null },
    );
  }
  return planned;
}
