import { compareConstraints, compareRemainingKeywords } from './compare-constraints.js';
import { compareObjects } from './compare-objects.js';
import { ChangeLog, type SchemaChange, show } from './schema-change.js';
import { canonical, isSchemaNode, resolveRef, type SchemaNode, schemaKey, splitNull } from './schema-node.js';

/**
 * Lists every difference between a published event schema and the current one, each marked
 * breaking or compatible from a receiver's side. The policy: a published model id stays valid
 * for every document it ever described (stored and replayed deliveries included) and promises
 * receivers nothing new they cannot ignore. So only two kinds of change are compatible: a new
 * optional field and a new enum value, which receivers parsing leniently (unknown fields kept,
 * unknown enum values passed through) absorb. Everything else needs a new model id.
 */
export function compareSchemas(published: SchemaNode, current: SchemaNode): SchemaChange[] {
  const log = new ChangeLog();
  new SchemaWalk(published, current, log).compare(published, current, '');
  return log.changes;
}

/** Walks two schema documents side by side; the roots are kept to resolve `$ref`s. */
export class SchemaWalk {
  constructor(
    private readonly publishedRoot: SchemaNode,
    private readonly currentRoot: SchemaNode,
    readonly log: ChangeLog,
  ) {}

  compare(publishedNode: SchemaNode, currentNode: SchemaNode, path: string): void {
    const published = splitNull(resolveRef(publishedNode, this.publishedRoot));
    const current = splitNull(resolveRef(currentNode, this.currentRoot));
    if (published.nullable && !current.nullable) {
      this.log.breaking(path, 'nullability_removed', 'nullability removed (null was allowed)');
    } else if (!published.nullable && current.nullable) {
      this.log.breaking(path, 'nullability_added', 'became nullable (null was never sent before)');
    }
    if (!published.nonNull && !current.nonNull) return;
    if (!published.nonNull || !current.nonNull) {
      const detail = published.nonNull
        ? `type narrowed to always null (was ${describeType(published.nonNull)})`
        : `type widened from always null to ${describeType(current.nonNull as SchemaNode)}`;
      this.log.breaking(path, published.nonNull ? 'type_narrowed' : 'type_widened', detail);
      return;
    }
    this.compareNonNull(published.nonNull, current.nonNull, path);
  }

  private compareNonNull(published: SchemaNode, current: SchemaNode, path: string): void {
    if (isUnion(published) || isUnion(current)) {
      this.compareUnions(published, current, path);
      return;
    }
    if (!this.compareTypes(published, current, path)) return;
    compareValues(published, current, path, this.log);
    compareObjects(this, published, current, path);
    this.compareArrays(published, current, path);
    compareConstraints(published, current, path, this.log);
    compareRemainingKeywords(published, current, path, this.log);
  }

  /** Returns false when the types differ so much that comparing deeper would only add noise. */
  private compareTypes(published: SchemaNode, current: SchemaNode, path: string): boolean {
    const before = typesOf(published);
    const after = typesOf(current);
    if (!before || !after || canonical([...before].sort()) === canonical([...after].sort())) return true;
    const detail = `from ${[...before].join(' | ')} to ${[...after].join(' | ')}`;
    if (isSubset(after, before)) this.log.breaking(path, 'type_narrowed', `type narrowed ${detail}`);
    else if (isSubset(before, after)) this.log.breaking(path, 'type_widened', `type widened ${detail}`);
    else this.log.breaking(path, 'type_changed', `type changed ${detail}`);
    return false;
  }

  private compareUnions(published: SchemaNode, current: SchemaNode, path: string): void {
    const before = unionBranches(published);
    const after = unionBranches(current);
    const afterKeys = after.map(schemaKey);
    const beforeKeys = before.map(schemaKey);
    const removed = before.filter((_, index) => !afterKeys.includes(beforeKeys[index] as string));
    const added = after.filter((_, index) => !beforeKeys.includes(afterKeys[index] as string));
    if (removed.length === 1 && added.length === 1) {
      // One alternative edited in place: compare it to say precisely what changed.
      this.compareNonNull(removed[0] as SchemaNode, added[0] as SchemaNode, path);
      return;
    }
    if (removed.length > 0 || added.length > 0) {
      this.log.breaking(
        path,
        'union_changed',
        `alternatives changed (${removed.length} removed: ${removed.map(describeType).join(', ') || 'none'}; ${added.length} added: ${added.map(describeType).join(', ') || 'none'})`,
      );
    }
  }

  private compareArrays(published: SchemaNode, current: SchemaNode, path: string): void {
    if (isSchemaNode(published.items) && isSchemaNode(current.items)) {
      this.compare(published.items, current.items, `${path}[]`);
    } else if (published.items !== undefined || current.items !== undefined) {
      if (schemaKey(published.items) !== schemaKey(current.items)) {
        this.log.breaking(
          `${path}[]`,
          'type_changed',
          `items changed from ${show(published.items)} to ${show(current.items)}`,
        );
      }
    }
    const before = (published.prefixItems as SchemaNode[] | undefined) ?? [];
    const after = (current.prefixItems as SchemaNode[] | undefined) ?? [];
    if (before.length !== after.length) {
      this.log.breaking(
        path,
        'type_changed',
        `tuple length changed from ${before.length} to ${after.length} items`,
      );
      return;
    }
    before.forEach((item, index) => {
      this.compare(item, after[index] as SchemaNode, `${path}[${index}]`);
    });
  }
}

/** `const` and `enum` both restrict the allowed values; a const is a one-value enum. */
function compareValues(published: SchemaNode, current: SchemaNode, path: string, log: ChangeLog): void {
  const before = allowedValues(published);
  const after = allowedValues(current);
  if (!before && !after) return;
  if (!before) {
    log.breaking(
      path,
      'values_restricted',
      `values restricted to ${(after as unknown[]).map(show).join(', ')}`,
    );
    return;
  }
  if (!after) {
    log.breaking(
      path,
      'values_unrestricted',
      `any value allowed where only ${before.map(show).join(', ')} ${before.length === 1 ? 'was' : 'were'}`,
    );
    return;
  }
  if ('const' in published) {
    if (canonical(before) !== canonical(after)) {
      log.breaking(
        path,
        'const_changed',
        `const changed from ${show(published.const)} to ${after.map(show).join(' | ')}`,
      );
    }
    return;
  }
  const afterKeys = new Set(after.map(canonical));
  const beforeKeys = new Set(before.map(canonical));
  const removed = before.filter((value) => !afterKeys.has(canonical(value)));
  const added = after.filter((value) => !beforeKeys.has(canonical(value)));
  for (const value of removed) log.breaking(path, 'enum_value_removed', `enum value ${show(value)} removed`);
  for (const value of added) {
    log.compatible(
      path,
      'enum_value_added',
      `enum value ${show(value)} added (lenient receivers pass it through)`,
    );
  }
}

function allowedValues(schema: SchemaNode): unknown[] | undefined {
  if ('const' in schema) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

function isUnion(schema: SchemaNode): boolean {
  return Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf);
}

function unionBranches(schema: SchemaNode): SchemaNode[] {
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaNode[] | undefined;
  if (branches) return branches;
  return [schema];
}

/** Declared JSON types, with `integer` counted as a kind of `number`. */
function typesOf(schema: SchemaNode): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type as string[]);
  return undefined;
}

function isSubset(small: Set<string>, large: Set<string>): boolean {
  return [...small].every((type) => large.has(type) || (type === 'integer' && large.has('number')));
}

function describeType(schema: SchemaNode): string {
  if ('const' in schema) return `const ${show(schema.const)}`;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (typeof schema.type === 'string') return schema.type;
  return 'schema';
}
