import type { SchemaWalk } from './compare-schemas.js';
import { childPath } from './schema-change.js';
import { isSchemaNode, type SchemaNode } from './schema-node.js';

/** Fields (added, removed, required or not) and what the object allows beyond its fields. */
export function compareObjects(
  walk: SchemaWalk,
  published: SchemaNode,
  current: SchemaNode,
  path: string,
): void {
  const before = propertiesOf(published);
  const after = propertiesOf(current);
  const requiredBefore = requiredOf(published);
  const requiredAfter = requiredOf(current);
  const { log } = walk;

  for (const [key, schema] of Object.entries(before)) {
    const at = childPath(path, key);
    const next = after[key];
    if (!next) {
      log.breaking(at, 'field_removed', 'field removed or renamed (receivers read it)');
      continue;
    }
    if (requiredBefore.has(key) && !requiredAfter.has(key)) {
      log.breaking(at, 'became_optional', 'required → optional (receivers rely on it being present)');
    } else if (!requiredBefore.has(key) && requiredAfter.has(key)) {
      log.breaking(
        at,
        'became_required',
        'optional → required (documents without it, such as stored and replayed deliveries, were valid)',
      );
    }
    walk.compare(schema, next, at);
  }
  for (const key of Object.keys(after)) {
    if (before[key]) continue;
    const at = childPath(path, key);
    if (requiredAfter.has(key)) {
      log.breaking(
        at,
        'field_added_required',
        'new required field (documents of the published version lack it)',
      );
    } else {
      log.compatible(at, 'field_added_optional', 'optional field added (lenient receivers ignore it)');
    }
  }
  // Required names without a declared property (rare, hand-written schemas) still constrain.
  for (const key of requiredAfter) {
    if (!after[key] && !requiredBefore.has(key)) {
      log.breaking(childPath(path, key), 'became_required', 'optional → required');
    }
  }
  compareAdditionalProperties(walk, published, current, path);
}

type Extra = { kind: 'any' } | { kind: 'none' } | { kind: 'schema'; schema: SchemaNode };

function extraOf(schema: SchemaNode): Extra {
  const value = schema.additionalProperties;
  if (value === false) return { kind: 'none' };
  if (value === undefined || value === true || (isSchemaNode(value) && Object.keys(value).length === 0)) {
    return { kind: 'any' };
  }
  return isSchemaNode(value) ? { kind: 'schema', schema: value } : { kind: 'any' };
}

/**
 * Tightening breaks documents that carried extra fields; loosening only adds fields receivers
 * never read, which lenient receivers keep and ignore.
 */
function compareAdditionalProperties(
  walk: SchemaWalk,
  published: SchemaNode,
  current: SchemaNode,
  path: string,
): void {
  if (!isObjectSchema(published) && !isObjectSchema(current)) return;
  const before = extraOf(published);
  const after = extraOf(current);
  if (before.kind === 'schema' && after.kind === 'schema') {
    walk.compare(before.schema, after.schema, `${path}{*}`);
    return;
  }
  if (before.kind === after.kind) return;
  const rank = { none: 0, schema: 1, any: 2 } as const;
  const describe = { none: 'no extra fields', schema: 'extra fields of one schema', any: 'any extra field' };
  const detail = `additionalProperties changed from ${describe[before.kind]} to ${describe[after.kind]}`;
  if (rank[after.kind] < rank[before.kind]) {
    walk.log.breaking(
      path,
      'additional_properties_tightened',
      `${detail} (documents with extra fields were valid)`,
    );
  } else {
    walk.log.compatible(path, 'additional_properties_loosened', detail);
  }
}

function isObjectSchema(schema: SchemaNode): boolean {
  return schema.type === 'object' || 'properties' in schema || 'additionalProperties' in schema;
}

function propertiesOf(schema: SchemaNode): Record<string, SchemaNode> {
  return isSchemaNode(schema.properties) ? (schema.properties as Record<string, SchemaNode>) : {};
}

function requiredOf(schema: SchemaNode): Set<string> {
  return new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
}
