import { ContractError } from '../../parse/contract-error.js';
import { validateOutgoing } from '../../parse/parse-event.js';
import { type AnyPayloadOf, getModel, isModelId, type ModelId } from '../../registry/registry.js';
import { type PayloadConverter, payloadConverters } from './converters.js';

/**
 * Renders a payload of one model version as another version of the same lineage, chaining
 * registered converters (v4 → v3 → v2). The input must pass `validateOutgoing` for `fromModel`
 * and the result is checked the same way for `toModel`, so a converter can never hand a
 * receiver a payload its contract rejects. Throws ContractError (naming model, event and
 * field) when either check fails, and Error when no conversion path exists.
 */
export function convertPayload<To extends ModelId>(
  fromModel: ModelId,
  toModel: To,
  payload: unknown,
): AnyPayloadOf<To> {
  getModel(fromModel);
  getModel(toModel);
  const steps = conversionPath(fromModel, toModel);
  const input = validateOutgoing(fromModel, payload);
  if (!input.success) throw input.error;
  let current: unknown = input.data;
  let currentModel: ModelId = fromModel;
  for (const step of steps) {
    const converted = (step.convert as (payload: unknown) => unknown)(current);
    const checked = validateOutgoing(step.to as ModelId, converted);
    if (!checked.success) {
      const { error } = checked;
      throw new ContractError(
        error.model,
        error.event,
        error.issues.map((issue) => ({
          ...issue,
          message: `${issue.message} (after converting from ${currentModel}; ${step.to} cannot represent this event)`,
        })),
      );
    }
    current = checked.data;
    currentModel = step.to as ModelId;
  }
  return current as AnyPayloadOf<To>;
}

/**
 * For a sender that publishes once and delivers to endpoints pinned to different versions:
 * renders the payload (whose `model` field names its version) as the endpoint's pinned model.
 */
export function renderForPinnedModel<To extends ModelId>(
  pinnedModel: To,
  payload: unknown,
): AnyPayloadOf<To> {
  const model = (payload as { model?: unknown } | null)?.model;
  if (!isModelId(model)) {
    throw new ContractError(String(model), undefined, [
      {
        path: 'model',
        code: 'unknown_model',
        message: `expected a registered model id in the payload's "model" field, received ${JSON.stringify(model)}`,
      },
    ]);
  }
  return convertPayload(model, pinnedModel, payload);
}

/** The converters to apply in order (empty when both models are the same); throws when none lead there. */
export function conversionPath(fromModel: string, toModel: string): PayloadConverter[] {
  if (fromModel === toModel) return [];
  const queue: { model: string; path: PayloadConverter[] }[] = [{ model: fromModel, path: [] }];
  const seen = new Set([fromModel]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const converter of payloadConverters) {
      if (converter.from !== next.model || seen.has(converter.to)) continue;
      const path = [...next.path, converter];
      if (converter.to === toModel) return path;
      seen.add(converter.to);
      queue.push({ model: converter.to, path });
    }
  }
  const known = payloadConverters.map((c) => `${c.from} → ${c.to}`).join(', ') || 'none';
  throw new Error(
    `No conversion from ${fromModel} to ${toModel}. Registered conversions: ${known}. Conversions only render a newer version as an older one of the same lineage; an older payload lacks the data a newer version needs.`,
  );
}
