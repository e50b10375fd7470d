import { describe, expect, it } from 'vitest';
import { modelIds } from '../../registry/registry.js';
import { latestModelOf, lineageNames, lineageOf, modelLineage, successorOf } from './lineage.js';

describe('model lineage', () => {
  it('lists every registered model in exactly one lineage', () => {
    const listed = Object.values(modelLineage).flat();
    expect([...listed].sort()).toEqual([...modelIds].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('orders each lineage oldest first by the _vN suffix', () => {
    for (const versions of Object.values(modelLineage)) {
      const numbers = versions.map((id) => Number(/_v(\d+)$/.exec(id)?.[1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
  });

  it('names the latest version of a lineage, by name or by its versions', () => {
    expect(latestModelOf('plan_bound')).toBe('plan_bound_v3');
    expect(latestModelOf(modelLineage.plan_bound)).toBe('plan_bound_v3');
    expect(latestModelOf('task_events')).toBe('task_events_v1');
    expect(() => latestModelOf('plan_bnd' as 'plan_bound')).toThrowError(/Unknown lineage "plan_bnd"/);
    expect(() => latestModelOf([])).toThrowError(/at least one/);
  });

  it('finds the lineage and successor of a model', () => {
    expect(lineageOf('plan_bound_v2')).toBe('plan_bound');
    expect(lineageOf('plan_bound_v9')).toBeUndefined();
    expect(successorOf('plan_bound_v2')).toBe('plan_bound_v3');
    expect(successorOf('plan_bound_v3')).toBeUndefined();
    expect(lineageNames).toContain('family_actions');
  });
});
