import fc from 'fast-check';
import { z } from 'zod';

type Def = z.core.$ZodTypeDef & Record<string, unknown>;
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
}

/**
 * Builds a fast-check arbitrary producing documents that satisfy a zod schema, by walking the
 * schema definition. Covers the constructs our contracts use and throws on anything else, so a
 * new construct in a catalog fails loudly here instead of silently going untested.
 */
export function arbitraryFromZod(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = schema._zod.def as Def;
  const checks = ((def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'string':
      // A format given as metadata (`.meta({ format: 'uri' })` beside a refinement) counts too.
      return stringArbitrary(
        def,
        checks,
        (z.globalRegistry.get(schema) as { format?: string } | undefined)?.format,
      );
    case 'number':
      return numberArbitrary(checks);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'nullable':
      return fc.option(arbitraryFromZod(def.innerType as z.ZodType), { nil: null, freq: 3 });
    case 'optional':
      return arbitraryFromZod(def.innerType as z.ZodType); // presence decided by the object
    case 'array': {
      const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
      const max = checks.find((c) => c.check === 'max_length')?.maximum ?? Math.max(min, 4);
      return fc.array(arbitraryFromZod(def.element as z.ZodType), {
        minLength: min,
        maxLength: Math.min(max, min + 4),
      });
    }
    case 'object':
      return objectArbitrary(schema as z.ZodObject);
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map(arbitraryFromZod));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), arbitraryFromZod(def.valueType as z.ZodType), {
        maxKeys: 4,
      });
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new Error(`arbitraryFromZod: unsupported zod type "${def.type}"`);
  }
}

function objectArbitrary(schema: z.ZodObject): fc.Arbitrary<unknown> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const required: Record<string, fc.Arbitrary<unknown>> = {};
  const optional: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, field] of Object.entries(shape)) {
    const target = field._zod.def.type === 'optional' ? optional : required;
    target[key] = arbitraryFromZod(field);
  }
  const optionalKeys = Object.keys(optional);
  return fc
    .record({ ...required, ...optional }, { requiredKeys: Object.keys(required) })
    .map((value) => (optionalKeys.length === 0 ? value : value));
}

function stringArbitrary(def: Def, checks: CheckDef[], metaFormat?: string): fc.Arbitrary<string> {
  const format =
    (def.format as string | undefined) ??
    checks.find((c) => c.check === 'string_format')?.format ??
    metaFormat;
  switch (format) {
    case undefined:
      break;
    case 'datetime':
      return dateArbitrary().chain((date) => {
        const iso = date.toISOString();
        if (def.local) return fc.constantFrom(iso.slice(0, 19), iso.slice(0, 23), iso);
        if (!def.offset) return fc.constant(iso);
        return fc
          .constantFrom('Z', '+02:00', '-05:30', '+00:00')
          .map((offset) => (offset === 'Z' ? iso : `${iso.slice(0, 19)}${offset}`));
      });
    case 'date':
      return dateArbitrary().map((date) => date.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid({ version: [4, 7] });
    case 'url':
    case 'uri':
      return fc.webUrl({ withQueryParameters: true, withFragments: true });
    case 'regex': {
      const pattern = (checks.find((c) => c.format === 'regex') as unknown as { pattern: RegExp }).pattern;
      return fc.stringMatching(pattern);
    }
    default:
      throw new Error(`arbitraryFromZod: unsupported string format "${format}"`);
  }
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  const max = checks.find((c) => c.check === 'max_length')?.maximum;
  return fc.string({
    minLength: min,
    maxLength: max ?? min + 20,
    unit: fc.constantFrom('a', 'é', 'ß', '7', ' ', '-', '_', 'Z'),
  });
}

function numberArbitrary(checks: CheckDef[]): fc.Arbitrary<number> {
  const isInt = checks.some(
    (c) => c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32'),
  );
  const lower = checks.find((c) => c.check === 'greater_than');
  const upper = checks.find((c) => c.check === 'less_than');
  if (isInt) {
    const min = lower ? (lower.inclusive ? lower.value! : lower.value! + 1) : -1_000_000;
    const max = upper ? (upper.inclusive ? upper.value! : upper.value! - 1) : 1_000_000;
    return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  const min = lower?.value ?? -1e6;
  const max = upper?.value ?? 1e6;
  return fc
    .double({
      min,
      max,
      noNaN: true,
      noDefaultInfinity: true,
      minExcluded: lower ? !lower.inclusive : false,
      maxExcluded: upper ? !upper.inclusive : false,
    })
    .map((n) => (Object.is(n, -0) ? 0 : n));
}

function dateArbitrary(): fc.Arbitrary<Date> {
  return fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
}

/**
 * Mutations that turn a valid document into a (usually) invalid one: each picks one location in
 * the document and breaks it in a way real senders do (missing field, extra field, wrong type,
 * unknown enum value, null where not allowed, wrong event name).
 */
export function mutate(document: unknown, random: () => number): unknown {
  const copy = structuredClone(document);
  const locations = collectLocations(copy, []);
  const target = locations[Math.floor(random() * locations.length)];
  if (!target) return copy;
  const { parent, key } = target;
  const kind = Math.floor(random() * 7);
  const container = parent as Record<string | number, unknown>;
  switch (kind) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete container[key];
      break;
    case 1:
      if (!Array.isArray(parent)) container[`unexpected_${Math.floor(random() * 1000)}`] = 'x';
      else parent.push('extra');
      break;
    case 2:
      container[key] = typeof container[key] === 'string' ? 42 : 'not-the-right-type';
      break;
    case 3:
      container[key] = null;
      break;
    case 4:
      container[key] = typeof container[key] === 'string' ? `${container[key]}_unknown_value` : true;
      break;
    case 5:
      container[key] = typeof container[key] === 'number' ? (container[key] as number) + 0.5 : {};
      break;
    default:
      container[key] = [];
  }
  return copy;
}

interface Location {
  parent: object;
  key: string | number;
}

function collectLocations(value: unknown, out: Location[]): Location[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push({ parent: value, key: index });
      collectLocations(item, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push({ parent: value, key });
      collectLocations(child, out);
    }
  }
  return out;
}
