/** The slice of draft 2020-12 that the contracts' generated schemas use; anything else is ignored. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

export function asSchemaNode(value: unknown): SchemaNode {
  return value !== null && typeof value === 'object' ? (value as SchemaNode) : {};
}

export function typeList(node: SchemaNode): string[] {
  if (node.type === undefined) return [];
  return Array.isArray(node.type) ? node.type : [node.type];
}

/**
 * Splits a node into its non-null alternatives and whether null is allowed. zod emits nullable
 * scalars as `type: [T, "null"]` and nullable objects/enums as `anyOf: [T, {type: "null"}]`.
 */
export function nonNullBranches(node: SchemaNode): { branches: SchemaNode[]; nullable: boolean } {
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) {
    const branches: SchemaNode[] = [];
    let nullable = false;
    for (const branch of alternatives) {
      const inner = nonNullBranches(branch);
      nullable ||= inner.nullable;
      branches.push(...inner.branches);
    }
    return { branches, nullable };
  }
  const types = typeList(node);
  if (types.includes('null')) {
    const rest = types.filter((t) => t !== 'null');
    if (rest.length === 0) return { branches: [], nullable: true };
    return { branches: [{ ...node, type: rest.length === 1 ? rest[0] : rest }], nullable: true };
  }
  return { branches: [node], nullable: false };
}
