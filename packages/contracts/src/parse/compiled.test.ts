import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { planFailedExample } from '../models/plan-bound-v2/examples.js';
import { getEventSchema } from '../registry/registry.js';
import { compiledSchema } from './compiled.js';
import { parseEvent } from './parse-event.js';

describe('compiledSchema', () => {
  afterEach(() => {
    z.config({ jitless: false });
  });

  it('compiles a schema once and hands back the same fast schema afterwards', () => {
    const schema = z.strictObject({ id: z.string().min(1), done: z.boolean() });
    const fast = compiledSchema(schema);
    expect(fast).not.toBe(schema);
    expect(compiledSchema(schema)).toBe(fast);
    expect(fast.parse({ id: 'a', done: true })).toEqual({ id: 'a', done: true });
  });

  it('keeps the runtime parser when zod is configured jitless (no new Function under a CSP)', () => {
    z.config({ jitless: true });
    const schema = z.strictObject({ id: z.string() });
    expect(compiledSchema(schema)).toBe(schema);
  });

  it('reports exactly the runtime issues for an invalid payload', () => {
    const schema = getEventSchema('plan_bound_v2', 'plan.failed');
    const broken = { ...structuredClone(planFailedExample), score: 'high', surprise: 1 };
    const runtime = schema.safeParse(broken);
    const fast = compiledSchema(schema).safeParse(broken);
    expect(runtime.success).toBe(false);
    expect(fast.error?.issues).toEqual(runtime.error?.issues);
    expect(fast.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['score', '']);
  });

  it('is what parseEvent uses, in both modes, with the documented results', () => {
    const unknownStatus = structuredClone(planFailedExample) as Record<string, unknown>;
    (unknownStatus.plan as Record<string, unknown>).status = 'archived';
    expect(parseEvent('plan_bound_v2', unknownStatus).success).toBe(false);
    const lenient = parseEvent('plan_bound_v2', unknownStatus, { mode: 'lenient' });
    expect(lenient.success && (lenient.data.plan.status as string)).toBe('archived');
  });
});
