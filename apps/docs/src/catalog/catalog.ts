import {
  type Deprecation,
  deprecationOf,
  eventJsonSchema,
  eventMetadata,
  getEventSchema,
  getModel,
  type JsonSchema,
  listEvents,
  type ModelId,
  modelIds,
  modelJsonSchemaBundle,
} from '@taskhooks/contracts';
import { type FieldRow, flattenFields } from '../schema/flatten-fields.js';
import { computeLineage } from './lineage.js';

export interface CatalogEvent {
  model: string;
  name: string;
  title: string;
  /** What triggers it, from the event's zod `.meta({ description })`. */
  description: string;
  examples: unknown[];
  jsonSchema: JsonSchema;
  fields: FieldRow[];
  deprecation?: Deprecation;
}

export interface CatalogModel {
  id: string;
  title: string;
  description: string;
  deprecation?: Deprecation;
  events: CatalogEvent[];
  bundle: JsonSchema;
  previous?: string;
  next?: string;
}

/** Everything the site shows, read from the contracts registry alone. */
export interface Catalog {
  models: CatalogModel[];
  byId: Map<string, CatalogModel>;
}

export function loadCatalog(ids: readonly ModelId[] = modelIds): Catalog {
  const lineage = computeLineage(ids);
  const models = ids.map((id): CatalogModel => {
    const definition = getModel(id);
    // One source of lifecycle truth: the same notice the sender turns into Deprecation/Sunset headers.
    const modelDeprecation = deprecationOf(id);
    const events = listEvents(id).map((name): CatalogEvent => {
      const meta = eventMetadata(getEventSchema(id, name));
      const jsonSchema = eventJsonSchema(id, name);
      const deprecation = deprecationOf(id, name);
      return {
        model: id,
        name,
        title: meta.title || name,
        description: meta.description,
        examples: meta.examples,
        jsonSchema,
        fields: flattenFields(jsonSchema),
        ...(deprecation ? { deprecation } : {}),
      };
    });
    const links = lineage.get(id) ?? {};
    return {
      id,
      title: definition.title,
      description: definition.description,
      ...(modelDeprecation ? { deprecation: modelDeprecation } : {}),
      events,
      bundle: modelJsonSchemaBundle(id),
      ...links,
    };
  });
  return { models, byId: new Map(models.map((m) => [m.id, m])) };
}

export function findEvent(catalog: Catalog, model: string, event: string): CatalogEvent | undefined {
  return catalog.byId.get(model)?.events.find((e) => e.name === event);
}
