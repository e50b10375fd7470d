import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { assertExamplesValid, exampleProblems, InvalidExampleError } from './validate-examples.js';

const catalog = loadCatalog(['plan_bound_v2']);
const planFailed = catalog.byId.get('plan_bound_v2')?.events.find((e) => e.name === 'plan.failed');
const example = planFailed?.examples[0] as Record<string, unknown> & { summary: Record<string, unknown> };

describe('example validation', () => {
  it('accepts the contract examples', () => {
    expect(assertExamplesValid(catalog)).toBeGreaterThanOrEqual(7);
  });

  it('rejects an example that breaks the schema, naming the field', () => {
    const bad = { ...example, tasks: [{ ...(example.tasks as object[])[0], reward_currency: 'coins' }] };
    const [problem] = exampleProblems('plan_bound_v2', 'plan.failed', bad);
    expect(problem).toContain('plan_bound_v2 plan.failed example #1');
    expect(problem).toContain('tasks.0.reward_currency');
  });

  it('rejects a schema-valid example that breaks a cross-field invariant of validateOutgoing', () => {
    const bad = { ...example, summary: { ...example.summary, required_total: 9 } };
    const problems = exampleProblems('plan_bound_v2', 'plan.failed', bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('summary.required_total');
  });

  it('rejects an example documented under the wrong event', () => {
    expect(exampleProblems('plan_bound_v2', 'plan.completed', example)).toEqual([
      'plan_bound_v2 plan.completed example #1: its "event" is "plan.failed", expected "plan.completed"',
    ]);
  });

  it('fails the whole catalog with every problem listed', () => {
    const broken = loadCatalog(['plan_bound_v2']);
    const model = broken.models[0];
    if (!model?.events[0] || !model.events[1]) throw new Error('plan_bound_v2 has events');
    model.events[0].examples = [{ event: model.events[0].name }];
    model.events[1].examples = [];
    expect(() => assertExamplesValid(broken)).toThrow(InvalidExampleError);
    expect(() => assertExamplesValid(broken)).toThrow(/2 invalid example\(s\)[\s\S]*has no example/);
  });
});
