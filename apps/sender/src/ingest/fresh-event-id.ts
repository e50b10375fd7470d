import { randomUUID } from 'node:crypto';
import { getModel, type ModelId } from '@taskhooks/contracts';

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
