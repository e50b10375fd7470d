import {
  deprecationOf,
  eventJsonSchema,
  eventMetadata,
  getEventSchema,
  getModel,
  isEventOf,
  isModelId,
  listEvents,
  modelIds,
} from '@taskhooks/contracts';
import { SenderError } from '../../errors/sender-errors.js';

export interface CatalogEvent {
  name: string;
  description: string;
  deprecated: string | null;
}

export interface CatalogModel {
  id: string;
  title: string;
  description: string;
  deprecated: string | null;
  events: CatalogEvent[];
}

let cached: CatalogModel[] | undefined;

/** Every model with its events and their descriptions, straight from the contracts registry. */
export function portalCatalog(): CatalogModel[] {
  cached ??= modelIds.map((id) => {
    const model = getModel(id);
    // deprecationOf, as the docs site reads it: a version is deprecated by the model lifecycle
    // (plan_bound_v2 by its successor), not only by fields of its definition.
    return {
      id,
      title: model.title,
      description: model.description,
      deprecated: deprecationOf(id)?.deprecatedSince ?? null,
      events: (listEvents(id) as string[]).map((name) => ({
        name,
        description: eventMetadata(getEventSchema(id, name as never)).description,
        deprecated: deprecationOf(id, name as never)?.deprecatedSince ?? null,
      })),
    };
  });
  return cached;
}

/** One event's JSON Schema and first example: fetched when the picker opens them (each is ~20 KB). */
export function portalCatalogEvent(input: Record<string, unknown>): { schema: unknown; example: unknown } {
  const { model, event } = input;
  if (!isModelId(model)) {
    throw new SenderError('unknown_model', `unknown model "${String(model)}"`, [
      { path: 'model', code: 'unknown_model', message: `known models: ${modelIds.join(', ')}` },
    ]);
  }
  if (!isEventOf(model, event)) {
    throw new SenderError('invalid_request', `unknown event "${String(event)}" for ${model}`, [
      { path: 'event', code: 'unknown_event', message: `valid events: ${listEvents(model).join(', ')}` },
    ]);
  }
  return {
    schema: eventJsonSchema(model, event),
    example: eventMetadata(getEventSchema(model, event)).examples[0] ?? null,
  };
}
