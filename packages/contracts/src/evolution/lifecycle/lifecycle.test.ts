import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel, modelIds } from '../../registry/registry.js';
import { deprecationHeaders, headersFor } from './deprecation-headers.js';
import { deprecationOf, lifecycleStateAt, modelLifecycle } from './lifecycle.js';

describe('deprecation of plan_bound_v2', () => {
  it('is deprecated since 2026-11-23 with a sunset twelve months later, replaced by v3', () => {
    const notice = deprecationOf('plan_bound_v2');
    expect(notice).toMatchObject({
      model: 'plan_bound_v2',
      scope: 'model',
      deprecatedSince: '2026-11-23',
      sunset: '2027-11-23',
      successor: 'plan_bound_v3',
    });
    expect(notice?.replacement).toContain('plan_bound_v3');
  });

  it('applies to each of its events, which have no deprecation of their own', () => {
    expect(deprecationOf('plan_bound_v2', 'submission.approved')).toMatchObject({
      event: 'submission.approved',
      scope: 'model',
      sunset: '2027-11-23',
    });
    expect(() => deprecationOf('plan_bound_v2', 'plan.finished' as 'plan.failed')).toThrowError(
      /Unknown event/,
    );
  });

  it('leaves the current versions undeprecated', () => {
    expect(deprecationOf('plan_bound_v3')).toBeUndefined();
    expect(deprecationOf('plan_bound_v3', 'plan.failed')).toBeUndefined();
    expect(deprecationHeaders('plan_bound_v3')).toEqual({});
  });

  it('renders Deprecation (RFC 9745), Sunset (RFC 8594) and a successor Link for deliveries', () => {
    expect(deprecationHeaders('plan_bound_v2')).toEqual({
      Deprecation: '@1795392000',
      Sunset: 'Tue, 23 Nov 2027 00:00:00 GMT',
      Link: '<https://taskhooks.dev/schemas/plan_bound_v3.bundle.schema.json>; rel="successor-version"',
    });
    expect(deprecationHeaders('plan_bound_v2', 'plan.failed').Link).toBe(
      '<https://taskhooks.dev/schemas/plan_bound_v3/plan.failed.schema.json>; rel="successor-version"',
    );
    expect(() =>
      headersFor({ model: 'plan_bound_v2', scope: 'model', deprecatedSince: '23.11.2026' }),
    ).toThrowError(/Invalid deprecation date "23.11.2026"/);
  });

  it('moves from active to deprecated to sunset on the announced days (UTC)', () => {
    expect(lifecycleStateAt('plan_bound_v2', new Date('2026-11-22T23:59:59Z'))).toBe('active');
    expect(lifecycleStateAt('plan_bound_v2', new Date('2026-11-23T00:00:00Z'))).toBe('deprecated');
    expect(lifecycleStateAt('plan_bound_v2', new Date('2027-11-22T23:59:59Z'))).toBe('deprecated');
    expect(lifecycleStateAt('plan_bound_v2', new Date('2027-11-23T00:00:00Z'))).toBe('sunset');
    expect(lifecycleStateAt('plan_bound_v3', new Date('2030-01-01T00:00:00Z'))).toBe('active');
  });
});

describe('lifecycle metadata', () => {
  it('lives in one place per model, with valid dates and sunset after deprecation', () => {
    for (const model of modelIds) {
      const inline = getModel(model).deprecation ?? getModel(model).eventDeprecations;
      if (modelLifecycle[model]) expect(inline, model).toBeUndefined();
      const notice = deprecationOf(model);
      if (!notice) continue;
      expect(notice.deprecatedSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (notice.sunset) expect(notice.sunset > notice.deprecatedSince).toBe(true);
    }
  });

  it('does not touch the frozen plan_bound_v2 JSON Schema', () => {
    const schema = readFileSync(
      join(import.meta.dirname, '../../../generated/json-schema/plan_bound_v2/plan.failed.schema.json'),
      'utf8',
    );
    expect(schema).not.toMatch(/deprecat|sunset/i);
  });
});
