import { z } from 'zod';
import { type EventName, getEventSchema, getModel, listEvents, type ModelId } from '../registry/registry.js';

export type JsonSchema = Record<string, unknown>;

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Draft 2020-12 JSON Schema of one event payload, straight from its zod schema. */
export function eventJsonSchema<M extends ModelId>(model: M, event: EventName<M>): JsonSchema {
  const schema = z.toJSONSchema(getEventSchema(model, event) as z.ZodType, {
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    io: 'output',
  }) as JsonSchema;
  return { $schema: DIALECT, $id: schemaId(model, event), ...withoutDialect(schema) };
}

/** One schema per model: every event, discriminated by `event`, with each event under `$defs`. */
export function modelJsonSchemaBundle<M extends ModelId>(model: M): JsonSchema {
  const definition = getModel(model);
  const defs: Record<string, JsonSchema> = {};
  for (const event of listEvents(model)) {
    const { $schema: _dialect, $id: _id, ...rest } = eventJsonSchema(model, event);
    defs[event] = rest;
  }
  return {
    $schema: DIALECT,
    $id: `https://taskhooks.dev/schemas/${model}.bundle.schema.json`,
    title: definition.title,
    description: definition.description,
    oneOf: listEvents(model).map((event) => ({ $ref: `#/$defs/${jsonPointerEscape(event)}` })),
    $defs: defs,
  };
}

export function schemaId(model: string, event: string): string {
  return `https://taskhooks.dev/schemas/${model}/${event}.schema.json`;
}

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

function jsonPointerEscape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
