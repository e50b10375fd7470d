/** What changed at one place of an event schema, judged from a receiver's side. */
export interface SchemaChange {
  /** Dotted field path (`summary.score_pct`, `tasks[].score`), or `(root)` for the payload itself. */
  path: string;
  kind: SchemaChangeKind;
  /** True when receivers written against the published schema may break. */
  breaking: boolean;
  /** The change in words, e.g. `nullability removed (null was allowed)`. */
  detail: string;
}

export type SchemaChangeKind =
  | 'field_removed'
  | 'field_added_optional'
  | 'field_added_required'
  | 'became_required'
  | 'became_optional'
  | 'nullability_removed'
  | 'nullability_added'
  | 'type_changed'
  | 'type_narrowed'
  | 'type_widened'
  | 'const_changed'
  | 'enum_value_removed'
  | 'enum_value_added'
  | 'values_restricted'
  | 'values_unrestricted'
  | 'union_changed'
  | 'constraint_changed'
  | 'additional_properties_tightened'
  | 'additional_properties_loosened'
  | 'keyword_changed';

/** Collects changes while walking two schemas side by side. */
export class ChangeLog {
  readonly changes: SchemaChange[] = [];

  breaking(path: string, kind: SchemaChangeKind, detail: string): void {
    this.changes.push({ path: path || '(root)', kind, breaking: true, detail });
  }

  compatible(path: string, kind: SchemaChangeKind, detail: string): void {
    this.changes.push({ path: path || '(root)', kind, breaking: false, detail });
  }
}

export function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
