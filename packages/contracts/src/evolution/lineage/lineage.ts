import type { ModelId } from '../../registry/registry.js';

/**
 * Versions of one payload family, oldest first. A sender publishes each event once in the
 * latest version and renders it down (convertPayload) for endpoints pinned to an older one.
 * Every registered model belongs to exactly one lineage (checked by the tests).
 */
export const modelLineage = {
  plan_bound: ['plan_bound_v2', 'plan_bound_v3'],
  family_actions: ['family_actions_v1'],
  extension: ['extension_v1'],
  task_events: ['task_events_v1'],
  taskhooks_operational: ['taskhooks_operational_v1'],
} as const satisfies Record<string, readonly [ModelId, ...ModelId[]]>;

export type LineageName = keyof typeof modelLineage;
export type ModelOfLineage<L extends LineageName> = (typeof modelLineage)[L][number];
type Last<T extends readonly unknown[]> = T extends readonly [...unknown[], infer L] ? L : never;
export type LatestModelOf<L extends LineageName> = Last<(typeof modelLineage)[L]>;

export const lineageNames = Object.keys(modelLineage) as LineageName[];

/** The newest version of a lineage, given by name (`'plan_bound'`) or as its list of versions. */
export function latestModelOf<L extends LineageName>(lineage: L): LatestModelOf<L>;
export function latestModelOf(lineage: readonly ModelId[]): ModelId;
export function latestModelOf(lineage: LineageName | readonly ModelId[]): ModelId {
  const versions = typeof lineage === 'string' ? modelLineage[lineage] : lineage;
  if (!versions) throw new Error(`Unknown lineage "${String(lineage)}". Known: ${lineageNames.join(', ')}`);
  const latest = versions[versions.length - 1];
  if (!latest) throw new Error('A lineage lists at least one model version');
  return latest;
}

/** The lineage a model version belongs to, or undefined for an id no lineage lists. */
export function lineageOf(model: string): LineageName | undefined {
  return lineageNames.find((name) => (modelLineage[name] as readonly string[]).includes(model));
}

/** The next newer version in the model's lineage (what a deprecated version is replaced by). */
export function successorOf(model: ModelId): ModelId | undefined {
  const name = lineageOf(model);
  if (!name) return undefined;
  const versions = modelLineage[name] as readonly ModelId[];
  return versions[versions.indexOf(model) + 1];
}
