import { asSchemaNode, nonNullBranches, type SchemaNode, typeList } from './json-schema-node.js';

/** One row of an event's field table, derived from its JSON Schema alone. */
export interface FieldRow {
  /** Dotted path; array items are `[]`, map values `{}`: `tasks[].reward_currency`. */
  path: string;
  /** Human type, e.g. `string (date)`, `integer`, `array of object`, `"failed"`. */
  type: string;
  /** Present in every payload (the key is required at every level above it too is not implied). */
  required: boolean;
  nullable: boolean;
  description: string;
  /** Enum values or the single const value; empty when any value of the type is allowed. */
  allowedValues: unknown[];
  /** Bounds and formats worth telling, e.g. `0 ≤ x ≤ 100`, `min length 1`. */
  constraints: string[];
  depth: number;
}

/** Flattens an event payload schema into rows, parents before children, in declaration order. */
export function flattenFields(schema: unknown): FieldRow[] {
  const rows: FieldRow[] = [];
  walkProperties(asSchemaNode(schema), '', 0, rows);
  return rows;
}

function walkProperties(node: SchemaNode, prefix: string, depth: number, rows: FieldRow[]): void {
  const required = new Set(node.required ?? []);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    addField(child, path, required.has(name), depth, rows);
  }
}

function addField(node: SchemaNode, path: string, required: boolean, depth: number, rows: FieldRow[]): void {
  const { branches, nullable } = nonNullBranches(node);
  rows.push({
    path,
    type: describeType(branches),
    required,
    nullable,
    description: node.description ?? firstDescription(branches),
    allowedValues: allowedValues(branches),
    constraints: branches.flatMap(constraintsOf),
    depth,
  });
  for (const branch of branches) walkChildren(branch, path, depth + 1, rows);
}

function walkChildren(node: SchemaNode, path: string, depth: number, rows: FieldRow[]): void {
  const types = typeList(node);
  if (types.includes('object') && node.properties) walkProperties(node, path, depth, rows);
  if (types.includes('object') && typeof node.additionalProperties === 'object') {
    const values = node.additionalProperties;
    if (Object.keys(values).length > 0) addField(values, `${path}{}`, false, depth, rows);
  }
  if (types.includes('array') && node.items) {
    const { branches } = nonNullBranches(node.items);
    // Only objects need their own rows; an array of scalars is fully described by its own row.
    for (const item of branches)
      if (typeList(item).includes('object')) walkChildren(item, `${path}[]`, depth, rows);
  }
}

function firstDescription(branches: SchemaNode[]): string {
  return branches.find((b) => typeof b.description === 'string')?.description ?? '';
}

function allowedValues(branches: SchemaNode[]): unknown[] {
  const values: unknown[] = [];
  for (const branch of branches) {
    if (branch.const !== undefined) values.push(branch.const);
    if (branch.enum) values.push(...branch.enum);
  }
  return values;
}

export function describeType(branches: SchemaNode[]): string {
  if (branches.length === 0) return 'null';
  return [...new Set(branches.map(describeBranch))].join(' | ');
}

function describeBranch(node: SchemaNode): string {
  const types = typeList(node);
  if (types.length === 0) {
    if (node.const !== undefined) return typeof node.const;
    if (node.enum) return [...new Set(node.enum.map((v) => typeof v))].join(' | ');
    return 'any';
  }
  return types
    .map((type) => {
      if (type === 'array') {
        const items = node.items ? nonNullBranches(node.items) : { branches: [], nullable: false };
        const inner = items.branches.length > 0 ? describeType(items.branches) : 'any';
        return `array of ${inner}${items.nullable ? ' or null' : ''}`;
      }
      if (type === 'object' && !node.properties && node.additionalProperties !== false)
        return 'object (any keys)';
      return type;
    })
    .join(' | ');
}

function constraintsOf(node: SchemaNode): string[] {
  const out: string[] = [];
  const low = node.minimum ?? node.exclusiveMinimum;
  const high = node.maximum ?? node.exclusiveMaximum;
  // zod puts Number.MAX_SAFE_INTEGER on every int(); it says nothing to a reader.
  const meaningfulHigh = high !== undefined && high < Number.MAX_SAFE_INTEGER ? high : undefined;
  const lowOp = node.exclusiveMinimum !== undefined ? '<' : '≤';
  const highOp = node.exclusiveMaximum !== undefined ? '<' : '≤';
  const meaningfulLow = low !== undefined && low > Number.MIN_SAFE_INTEGER ? low : undefined;
  if (meaningfulLow !== undefined && meaningfulHigh !== undefined)
    out.push(`${meaningfulLow} ${lowOp} x ${highOp} ${meaningfulHigh}`);
  else if (meaningfulLow !== undefined) out.push(`x ${lowOp === '≤' ? '≥' : '>'} ${meaningfulLow}`);
  else if (meaningfulHigh !== undefined) out.push(`x ${highOp} ${meaningfulHigh}`);
  if (node.minLength !== undefined && node.minLength > 0) out.push(`min length ${node.minLength}`);
  if (node.maxLength !== undefined) out.push(`max length ${node.maxLength}`);
  if (node.minItems !== undefined && node.minItems > 0) out.push(`min items ${node.minItems}`);
  if (node.maxItems !== undefined) out.push(`max items ${node.maxItems}`);
  const timeFormat = node.pattern === undefined ? undefined : describeIsoPattern(node.pattern);
  if (timeFormat) out.push(timeFormat);
  else {
    // A format (uuid, email, date-time) says more than the regex zod derives from it.
    if (node.format !== undefined) out.push(`format ${node.format}`);
    else if (node.pattern !== undefined) out.push(`pattern ${node.pattern}`);
  }
  return out;
}

/**
 * zod's ISO date/time regexes are long and unreadable; say what they accept instead. The variants
 * matter to receivers (a local time cannot be parsed like an RFC 3339 timestamp), so a change
 * between them shows up in version diffs.
 */
export function describeIsoPattern(pattern: string): string | undefined {
  if (!pattern.startsWith('^(?:(?:\\d\\d[2468][048]')) return undefined;
  if (!pattern.includes(')T(?:')) return 'date YYYY-MM-DD';
  if (pattern.includes('[+-]')) return 'date-time with offset (RFC 3339)';
  if (pattern.includes('(?:Z)|')) return 'date-time, local without offset (or Z)';
  if (pattern.includes('\\.\\d{3}(?:Z)'))
    return 'date-time in UTC with milliseconds, e.g. 2026-02-16T01:23:45.678Z';
  if (pattern.includes('(?:Z)')) return 'date-time in UTC (Z)';
  return 'ISO 8601 date-time';
}
