import { type FieldRow, flattenFields } from './flatten-fields.js';

export type FieldChange =
  | { kind: 'added'; path: string; field: FieldRow }
  | { kind: 'removed'; path: string; field: FieldRow }
  | { kind: 'changed'; path: string; before: FieldRow; after: FieldRow; details: string[] };

/**
 * Compares two versions of one event payload schema field by field (flattened dotted paths), so
 * the "changes from previous version" section needs no hand-written release notes.
 */
export function diffEventSchemas(before: unknown, after: unknown): FieldChange[] {
  const old = indexByPath(flattenFields(before));
  const next = indexByPath(flattenFields(after));
  const changes: FieldChange[] = [];
  for (const [path, field] of next) {
    const previous = old.get(path);
    if (!previous) {
      changes.push({ kind: 'added', path, field });
      continue;
    }
    const details = describeFieldChange(previous, field);
    if (details.length > 0) changes.push({ kind: 'changed', path, before: previous, after: field, details });
  }
  for (const [path, field] of old) if (!next.has(path)) changes.push({ kind: 'removed', path, field });
  return changes;
}

function indexByPath(rows: FieldRow[]): Map<string, FieldRow> {
  return new Map(rows.map((row) => [row.path, row]));
}

export function describeFieldChange(before: FieldRow, after: FieldRow): string[] {
  const details: string[] = [];
  if (before.type !== after.type) details.push(`type ${before.type} → ${after.type}`);
  if (before.nullable !== after.nullable)
    details.push(after.nullable ? 'now nullable' : 'no longer nullable');
  if (before.required !== after.required) details.push(after.required ? 'now required' : 'now optional');
  const beforeValues = before.allowedValues.map(valueKey);
  const afterValues = after.allowedValues.map(valueKey);
  const added = afterValues.filter((v) => !beforeValues.includes(v));
  const removed = beforeValues.filter((v) => !afterValues.includes(v));
  if (beforeValues.length === 0 && afterValues.length > 0)
    details.push(`now restricted to ${afterValues.join(', ')}`);
  else if (afterValues.length === 0 && beforeValues.length > 0)
    details.push('any value of the type is now allowed');
  else {
    if (added.length > 0) details.push(`allowed values added: ${added.join(', ')}`);
    if (removed.length > 0) details.push(`allowed values removed: ${removed.join(', ')}`);
  }
  const beforeFormat = before.constraints.filter(isFormatConstraint).join('; ');
  const afterFormat = after.constraints.filter(isFormatConstraint).join('; ');
  if (beforeFormat !== afterFormat) details.push(`format ${beforeFormat || 'any'} → ${afterFormat || 'any'}`);
  const beforeBounds = before.constraints.filter((c) => !isFormatConstraint(c)).join('; ');
  const afterBounds = after.constraints.filter((c) => !isFormatConstraint(c)).join('; ');
  if (beforeBounds !== afterBounds)
    details.push(`constraints ${beforeBounds || 'none'} → ${afterBounds || 'none'}`);
  if (before.description !== after.description) details.push('description changed');
  return details;
}

/** Formats decide how a value is parsed (local time vs RFC 3339), unlike bounds. */
function isFormatConstraint(constraint: string): boolean {
  return constraint.startsWith('format ') || constraint.startsWith('date') || constraint.startsWith('ISO');
}

function valueKey(value: unknown): string {
  return JSON.stringify(value);
}

/** Whether a receiver written for `before` may break on `after` (a removed field, narrowed type…). */
export function isBreaking(change: FieldChange): boolean {
  if (change.kind === 'removed') return change.field.required;
  if (change.kind === 'added') return false;
  const { before, after, details } = change;
  if (before.type !== after.type) return true;
  if (!before.nullable && after.nullable) return true;
  if (before.required && !after.required) return true;
  return details.some(
    (d) => d.startsWith('allowed values added') || d.startsWith('any value') || d.startsWith('format '),
  );
}
