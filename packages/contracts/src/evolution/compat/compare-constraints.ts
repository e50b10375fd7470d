import type { ChangeLog } from './schema-change.js';
import { show } from './schema-change.js';
import type { SchemaNode } from './schema-node.js';
import { schemaKey } from './schema-node.js';

/** Lower bounds: raising one narrows what is valid. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
/** Upper bounds: lowering one narrows what is valid. */
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
/** Constraints with no order (any change is both a narrowing and a widening). */
const OTHER_CONSTRAINTS = [
  'pattern',
  'format',
  'multipleOf',
  'uniqueItems',
  'contentEncoding',
  'contentMediaType',
];

/**
 * Both directions break a published model: a narrowing rejects documents that were valid
 * (replayed deliveries), a widening sends receivers values they were promised never to get
 * (a percentage above 100, a longer title than their column).
 */
export function compareConstraints(
  published: SchemaNode,
  current: SchemaNode,
  path: string,
  log: ChangeLog,
): void {
  for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const before = published[keyword] as number | undefined;
    const after = current[keyword] as number | undefined;
    if (before === after) continue;
    const lower = LOWER_BOUNDS.includes(keyword);
    const narrowed =
      before === undefined || (after !== undefined && (lower ? after > before : after < before));
    log.breaking(
      path,
      'constraint_changed',
      `${keyword} ${describeChange(before, after)} (${narrowed ? 'narrowed: values that were valid are now rejected' : 'widened: receivers may get values they were promised never to get'})`,
    );
  }
  for (const keyword of OTHER_CONSTRAINTS) {
    const before = published[keyword];
    const after = current[keyword];
    if (schemaKey(before) === schemaKey(after)) continue;
    log.breaking(path, 'constraint_changed', `${keyword} ${describeChange(before, after)}`);
  }
}

function describeChange(before: unknown, after: unknown): string {
  if (before === undefined) return `added (${show(after)})`;
  if (after === undefined) return `removed (was ${show(before)})`;
  return `changed from ${show(before)} to ${show(after)}`;
}

/** Keywords compared elsewhere, or annotations. */
const HANDLED = new Set([
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'anyOf',
  'oneOf',
  '$ref',
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...OTHER_CONSTRAINTS,
]);

/**
 * Any other validation keyword (allOf, not, patternProperties, if/then/else, ...) must stay as it
 * was: without a rule for it, an unknown change is treated as breaking rather than waved through.
 */
export function compareRemainingKeywords(
  published: SchemaNode,
  current: SchemaNode,
  path: string,
  log: ChangeLog,
): void {
  const keywords = new Set([...Object.keys(published), ...Object.keys(current)]);
  for (const keyword of keywords) {
    if (HANDLED.has(keyword)) continue;
    if (schemaKey(published[keyword]) === schemaKey(current[keyword])) continue;
    log.breaking(
      path,
      'keyword_changed',
      `${keyword} ${describeChange(published[keyword], current[keyword])}`,
    );
  }
}
