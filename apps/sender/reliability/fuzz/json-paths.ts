/** A location inside a JSON value: object keys and array indexes. */
export type JsonPath = (string | number)[];

/** Every path in `value` (containers and leaves), depth-first, up to `maxDepth`. */
export function listPaths(value: unknown, maxDepth = 8, prefix: JsonPath = []): JsonPath[] {
  if (prefix.length >= maxDepth || value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => {
    const path = [...prefix, key];
    return [path, ...listPaths(child, maxDepth, path)];
  });
}

export function getAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

/** A deep copy with the value at `path` replaced (or removed when `replacement` is `REMOVE`). */
export const REMOVE = Symbol('remove');
export function withAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  const copy = structuredClone(value);
  if (path.length === 0) return replacement;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const key = path.at(-1)!;
  if (replacement !== REMOVE) (parent as Record<string | number, unknown>)[key] = replacement;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string | number, unknown>)[key];
  return copy;
}

export const dotted = (path: JsonPath) => path.join('.');

/** True when one path is the other or lies inside it: an issue "near" a mutation. */
export function related(issuePath: string, mutated: string): boolean {
  if (issuePath === mutated) return true;
  return issuePath.startsWith(`${mutated}.`) || mutated.startsWith(`${issuePath}.`) || issuePath === '';
}
