import { z } from 'zod';

/**
 * A receiver must keep working when a newer sender adds to a model. The lenient ("receive")
 * variant of an event schema therefore:
 * - keeps unknown object keys (objects become loose instead of strict);
 * - accepts any string where the contract lists known enum values (a new status passes through);
 * and tolerates nothing else: required fields, types, nullability, formats and the top-level
 * `event`/`model` literals are checked exactly as in the strict contract.
 */
export function toLenientSchema<T extends z.ZodObject>(schema: T): z.ZodType {
  const cached = lenientCache.get(schema);
  if (cached) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    shape[key] = key === 'event' || key === 'model' ? field : lenient(field);
  }
  const result = z.looseObject(shape);
  lenientCache.set(schema, result);
  return result;
}

const lenientCache = new WeakMap<z.ZodType, z.ZodType>();

function lenient(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'object': {
      const shape: Record<string, z.ZodType> = {};
      for (const [key, field] of Object.entries((schema as z.ZodObject).shape as Record<string, z.ZodType>)) {
        shape[key] = lenient(field);
      }
      return z.looseObject(shape);
    }
    case 'enum':
      return z.union([schema, z.string()]);
    case 'nullable':
      return lenient(def.innerType as z.ZodType).nullable();
    case 'optional':
      return lenient(def.innerType as z.ZodType).optional();
    case 'array': {
      const array = z.array(lenient(def.element as z.ZodType));
      // Array length checks (min/max) stay as strict as the contract.
      return def.checks?.length ? array.with(...(def.checks as z.core.$ZodCheck<unknown[]>[])) : array;
    }
    case 'union':
      return z.union((def.options as z.ZodType[]).map(lenient) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    case 'record':
      return z.record(def.keyType as z.ZodString, lenient(def.valueType as z.ZodType));
    default:
      return schema;
  }
}

/** Type-level twin of the lenient schema: known string values stay suggested, any string is allowed. */
export type Lenient<T> = T extends string
  ? string extends T
    ? T
    : T | (string & {})
  : T extends readonly (infer U)[]
    ? Lenient<U>[]
    : T extends object
      ? { [K in keyof T]: Lenient<T[K]> }
      : T;

/** A payload as a receiver sees it: top-level `event` and `model` exact, everything else lenient. */
export type LenientPayload<T> = {
  [K in keyof T]: K extends 'event' | 'model' ? T[K] : Lenient<T[K]>;
};
