import { z } from 'zod';
import { SenderError } from '../errors/sender-errors.js';

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
};

/** The JSON types a property accepts, looking through anyOf/oneOf (e.g. number | ISO string). */
function typesOf(schema: JsonSchema | undefined): Set<string> {
  if (!schema) return new Set();
  const own = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) => [...typesOf(s)]);
  return new Set([...own, ...nested]);
}

/**
 * Turns query strings into the JSON values an input schema expects, guided by that schema's JSON
 * Schema: `limit=20` → 20, `since=1714000000000` → a number but `since=2026-05-01T00:00:00Z` stays
 * a string. Unknown parameters are refused by name, so a typo is not silently ignored.
 */
export function queryToInput(schema: z.ZodType, query: URLSearchParams): Record<string, unknown> {
  const properties = propertiesOf(schema);
  const input: Record<string, unknown> = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const name of new Set(query.keys())) {
    const property = properties[name];
    if (!property) {
      unknown.push(name);
      continue;
    }
    const values = query.getAll(name);
    const types = typesOf(property);
    // Which of two values was meant is a guess (`?tenantId=a&tenantId=b`): refused, by name.
    if (!types.has('array') && values.length > 1) repeated.push(name);
    input[name] = types.has('array') ? values : coerce(values[0]!, types);
  }
  if (repeated.length > 0) {
    throw new SenderError(
      'invalid_request',
      `query parameter(s) given more than once: ${repeated.join(', ')}; each takes one value`,
      repeated.map((name) => ({ path: name, code: 'repeated', message: 'give this parameter once' })),
    );
  }
  if (unknown.length > 0) {
    const known = Object.keys(properties).join(', ') || '(none)';
    throw new SenderError(
      'invalid_request',
      `unknown query parameter(s): ${unknown.join(', ')}; accepted: ${known}`,
      unknown.map((name) => ({ path: name, code: 'unrecognized_key', message: `accepted: ${known}` })),
    );
  }
  return input;
}

function coerce(value: string, types: Set<string>): unknown {
  if ((types.has('integer') || types.has('number')) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.has('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.has('null') && value === 'null' && !types.has('string')) return null;
  return value;
}

const propertiesCache = new WeakMap<z.ZodType, Record<string, JsonSchema>>();

function propertiesOf(schema: z.ZodType): Record<string, JsonSchema> {
  let properties = propertiesCache.get(schema);
  if (!properties) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    properties = json.properties ?? {};
    propertiesCache.set(schema, properties);
  }
  return properties;
}
