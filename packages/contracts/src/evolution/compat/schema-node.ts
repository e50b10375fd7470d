/** A JSON Schema node as found in the generated files (draft 2020-12, as zod emits it). */
export type SchemaNode = Record<string, unknown>;

/** Keywords that document but never change which documents are valid. */
const ANNOTATIONS = new Set([
  '$comment',
  '$id',
  '$schema',
  '$defs',
  'definitions',
  'title',
  'description',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The node without annotations (and without `x-` extensions), so only validation keywords remain. */
export function withoutAnnotations(node: SchemaNode): SchemaNode {
  const kept: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (!ANNOTATIONS.has(key) && !key.startsWith('x-')) kept[key] = value;
  }
  return kept;
}

/** Follows local `$ref`s (`#/$defs/...`, `#/definitions/...`) against the document root. */
export function resolveRef(node: SchemaNode, root: SchemaNode): SchemaNode {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${String(current.$ref)}`);
    const ref = current.$ref as string;
    if (!ref.startsWith('#')) throw new Error(`only local $refs are supported, found ${ref}`);
    let target: unknown = root;
    for (const segment of ref.slice(2).split('/').filter(Boolean)) {
      const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
      target = isSchemaNode(target) ? target[key] : undefined;
    }
    if (!isSchemaNode(target)) throw new Error(`unresolvable $ref ${ref}`);
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/**
 * A node split into "null allowed?" and the schema of its non-null values (undefined when null
 * is its only value). zod writes nullability three ways: `type: ["string", "null"]`,
 * `anyOf: [..., {type: "null"}]` and a bare `type: "null"`; all read the same here.
 */
export interface NullSplit {
  nullable: boolean;
  nonNull: SchemaNode | undefined;
}

export function splitNull(node: SchemaNode): NullSplit {
  const schema = withoutAnnotations(node);
  if (Array.isArray(schema.anyOf)) {
    const branches = (schema.anyOf as SchemaNode[]).map(withoutAnnotations);
    const nonNullBranches = branches.filter((branch) => !isNullOnly(branch));
    const { anyOf: _anyOf, ...rest } = schema;
    const nullable = nonNullBranches.length < branches.length;
    if (nonNullBranches.length === 0) return { nullable, nonNull: undefined };
    if (nonNullBranches.length === 1) return { nullable, nonNull: { ...rest, ...nonNullBranches[0] } };
    return { nullable, nonNull: { ...rest, anyOf: nonNullBranches } };
  }
  if (isNullOnly(schema)) return { nullable: true, nonNull: undefined };
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const types = (schema.type as string[]).filter((type) => type !== 'null');
    if (types.length === 0) return { nullable: true, nonNull: undefined };
    return { nullable: true, nonNull: { ...schema, type: types.length === 1 ? types[0] : types } };
  }
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) {
    return { nullable: true, nonNull: { ...schema, enum: schema.enum.filter((value) => value !== null) } };
  }
  return { nullable: false, nonNull: schema };
}

function isNullOnly(schema: SchemaNode): boolean {
  if (schema.const === null) return true;
  const keys = Object.keys(schema);
  return schema.type === 'null' && keys.every((key) => key === 'type');
}

/** A stable text form for equality checks (object keys sorted). */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isSchemaNode(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SUBSCHEMAS = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
]);

/**
 * Removes annotations at every schema position (not inside `properties` keys, `enum` values or
 * `required` lists, where words like `title` are data), for comparing subschemas as a whole.
 */
export function withoutAnnotationsDeep(node: unknown): unknown {
  if (!isSchemaNode(node)) return node;
  const kept: SchemaNode = {};
  for (const [key, value] of Object.entries(withoutAnnotations(node))) {
    if (SCHEMA_MAPS.has(key) && isSchemaNode(value)) {
      kept[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, withoutAnnotationsDeep(child)]),
      );
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      kept[key] = value.map(withoutAnnotationsDeep);
    } else if (SUBSCHEMAS.has(key)) {
      kept[key] = withoutAnnotationsDeep(value);
    } else {
      kept[key] = value;
    }
  }
  return kept;
}

/** Equality key of a subschema: same key, same set of valid documents (syntactically). */
export function schemaKey(node: unknown): string {
  return canonical(withoutAnnotationsDeep(node));
}
