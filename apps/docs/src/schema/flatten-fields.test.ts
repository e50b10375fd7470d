import { eventJsonSchema } from '@taskhooks/contracts';
import { describe, expect, it } from 'vitest';
import { type FieldRow, flattenFields } from './flatten-fields.js';

function byPath(rows: FieldRow[]): Map<string, FieldRow> {
  return new Map(rows.map((r) => [r.path, r]));
}

describe('flattenFields on plan_bound_v2 plan.failed', () => {
  const rows = byPath(flattenFields(eventJsonSchema('plan_bound_v2', 'plan.failed')));

  it('flattens nested objects with dotted paths', () => {
    expect(rows.get('summary.required_total')).toMatchObject({
      type: 'integer',
      required: true,
      nullable: false,
      description: 'How many required tasks the plan has.',
      constraints: ['x ≥ 0'],
      depth: 1,
    });
  });

  it('flattens array items with [] and lists enum values', () => {
    expect(rows.get('tasks')).toMatchObject({ type: 'array of object', required: true });
    expect(rows.get('tasks[].reward_currency')).toMatchObject({
      type: 'string',
      allowedValues: ['star', 'diamond'],
    });
    expect(rows.get('tasks[].type')?.allowedValues).toEqual([
      'quiz',
      'matching',
      'study',
      'photo_proof',
      'video',
      'habit',
    ]);
  });

  it('reports nullability from anyOf/null and from type arrays alike', () => {
    expect(rows.get('plan.score_pct')).toMatchObject({
      type: 'number',
      nullable: true,
      constraints: ['0 ≤ x ≤ 100'],
    });
    expect(rows.get('child.name')).toMatchObject({ type: 'string', nullable: true, required: true });
    expect(rows.get('tasks[].status')).toMatchObject({
      nullable: true,
      allowedValues: ['pending_review', 'approved', 'rejected'],
    });
  });

  it('turns const into a single allowed value and zod date regexes into words', () => {
    expect(rows.get('event')?.allowedValues).toEqual(['plan.failed']);
    expect(rows.get('plan.date')?.constraints).toEqual(['date YYYY-MM-DD']);
    expect(rows.get('occurred_at')?.constraints).toEqual(['date-time, local without offset (or Z)']);
  });

  it('lists parents before their children, in schema order', () => {
    const paths = [...rows.keys()];
    expect(paths.slice(0, 3)).toEqual(['event', 'model', 'occurred_at']);
    expect(paths.indexOf('summary')).toBeLessThan(paths.indexOf('summary.required_total'));
    expect(paths.indexOf('tasks')).toBeLessThan(paths.indexOf('tasks[].id'));
  });
});

describe('flattenFields on shapes the catalogs may use', () => {
  const rows = byPath(
    flattenFields({
      type: 'object',
      required: ['meta', 'labels'],
      properties: {
        meta: {
          description: 'Nullable object',
          anyOf: [
            { type: 'object', required: ['a'], properties: { a: { type: 'integer', description: 'A' } } },
            { type: 'null' },
          ],
        },
        labels: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Labels' },
        config: {
          type: 'object',
          propertyNames: { type: 'string' },
          additionalProperties: {},
          description: 'Free map',
        },
        counts: {
          type: 'object',
          additionalProperties: { type: 'integer', description: 'Count' },
          description: 'Map',
        },
        mixed: { anyOf: [{ type: 'string' }, { type: 'number' }], description: 'Either' },
        uuid: { type: 'string', format: 'uuid', pattern: '^[0-9a-f-]+$', description: 'Id' },
      },
    }),
  );

  it('recurses into the object branch of a nullable object', () => {
    expect(rows.get('meta')).toMatchObject({ type: 'object', nullable: true, required: true });
    expect(rows.get('meta.a')).toMatchObject({ type: 'integer', required: true, depth: 1 });
  });

  it('describes arrays of scalars in one row and maps as objects with any keys', () => {
    expect(rows.get('labels')).toMatchObject({ type: 'array of string', constraints: ['min items 1'] });
    expect(rows.has('labels[]')).toBe(false);
    expect(rows.get('config')).toMatchObject({ type: 'object (any keys)', required: false });
    expect(rows.get('counts{}')).toMatchObject({ type: 'integer', description: 'Count' });
  });

  it('joins union types and prefers a format over its regex', () => {
    expect(rows.get('mixed')?.type).toBe('string | number');
    expect(rows.get('uuid')?.constraints).toEqual(['format uuid']);
  });
});
