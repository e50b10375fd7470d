import { randomUUID } from 'node:crypto';
import { getModel, type ModelId } from '@taskhooks/contracts';

// Contract examples made publishable as new events (test sends, `taskhooks trigger`).

/**
 * A copy of `payload` with a new event id, for models whose events carry one (`eventIdField`).
 * Receivers deduplicate on that id, so publishing an example twice with the same one would make
 * them drop every copy after the first. Other payloads come back unchanged.
 */
export function withFreshEventId(model: ModelId, payload: unknown): unknown {
  const field = getModel(model).eventIdField;
  if (field === undefined || payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return payload;
  }
  return { ...payload, [field]: randomUUID() };
}

/**
 * A copy of `payload` naming `tenantId` as its publisher, for models whose events carry one
 * (`tenantIdField`): contract examples name an example tenant, which the sender refuses from any
 * other. With no tenant known (an API key that implies it), the field is left out and the sender
 * fills it in.
 */
export function withTenantId(model: ModelId, payload: unknown, tenantId: string | undefined): unknown {
  const field = getModel(model).tenantIdField;
  if (field === undefined || payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return payload;
  }
  const { [field]: _example, ...rest } = payload as Record<string, unknown>;
  return tenantId === undefined ? rest : { ...rest, [field]: tenantId };
}
