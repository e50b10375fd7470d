/**
 * Versions of one payload family share an id stem: `plan_bound_v2` → `plan_bound_v3`. Deriving
 * the lineage from ids means a new version shows up in the docs (with its diff) as soon as it is
 * registered in `@taskhooks/contracts`, without any docs change.
 */
export interface ModelVersionId {
  family: string;
  version: number;
}

export function parseModelId(id: string): ModelVersionId {
  const match = /^(.+)_v(\d+)$/.exec(id);
  if (!match) return { family: id, version: 1 };
  return { family: match[1] as string, version: Number(match[2]) };
}

export interface Lineage {
  previous?: string;
  next?: string;
}

/** For each model id, the closest lower and higher version of the same family present in `ids`. */
export function computeLineage(ids: readonly string[]): Map<string, Lineage> {
  const parsed = ids.map((id) => ({ id, ...parseModelId(id) }));
  const lineage = new Map<string, Lineage>();
  for (const model of parsed) {
    const siblings = parsed.filter((other) => other.family === model.family && other.id !== model.id);
    const lower = siblings.filter((s) => s.version < model.version).sort((a, b) => b.version - a.version)[0];
    const higher = siblings.filter((s) => s.version > model.version).sort((a, b) => a.version - b.version)[0];
    lineage.set(model.id, {
      ...(lower ? { previous: lower.id } : {}),
      ...(higher ? { next: higher.id } : {}),
    });
  }
  return lineage;
}
