import { describe, expect, it } from 'vitest';
import { computeLineage, parseModelId } from './lineage.js';

describe('model lineage from ids', () => {
  it('parses the family and version', () => {
    expect(parseModelId('plan_bound_v2')).toEqual({ family: 'plan_bound', version: 2 });
    expect(parseModelId('unversioned')).toEqual({ family: 'unversioned', version: 1 });
  });

  it('links each version to the closest lower and higher one of its family only', () => {
    const lineage = computeLineage(['plan_bound_v2', 'task_events_v1', 'plan_bound_v4', 'plan_bound_v3']);
    expect(lineage.get('plan_bound_v2')).toEqual({ next: 'plan_bound_v3' });
    expect(lineage.get('plan_bound_v3')).toEqual({ previous: 'plan_bound_v2', next: 'plan_bound_v4' });
    expect(lineage.get('plan_bound_v4')).toEqual({ previous: 'plan_bound_v3' });
    expect(lineage.get('task_events_v1')).toEqual({});
  });
});
