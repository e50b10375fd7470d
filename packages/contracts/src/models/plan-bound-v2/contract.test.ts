import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { modelJsonSchemaBundle } from '../../json-schema/to-json-schema.js';
import { parseEvent, validateOutgoing } from '../../parse/parse-event.js';
import { eventMetadata } from '../../registry/metadata.js';
import { getEventSchema, listEvents } from '../../registry/registry.js';
import seedExample from './__fixtures__/seed-000-example.json' with { type: 'json' };
import { submissionApprovedExample } from './examples.js';

const seedPath = join(import.meta.dirname, '__fixtures__', 'seed-000-example.json');
const clone = <T>(value: T): T => structuredClone(value);
const pathsOf = (raw: unknown) => {
  const result = parseEvent('plan_bound_v2', raw);
  return result.success ? [] : result.error.issues.map((issue) => issue.path);
};

describe('plan_bound_v2 contract', () => {
  it('declares the seven documented events', () => {
    expect(listEvents('plan_bound_v2')).toEqual([
      'plan.started',
      'plan.completed',
      'plan.failed',
      'plan.expired',
      'submission.pending_review',
      'submission.approved',
      'submission.rejected',
    ]);
  });

  it('accepts the seed example unchanged, strictly and with invariants', () => {
    const raw = JSON.parse(readFileSync(seedPath, 'utf8'));
    const strict = parseEvent('plan_bound_v2', raw);
    expect(strict.error?.message).toBeUndefined();
    expect(strict.data).toEqual(raw);
    const outgoing = validateOutgoing('plan_bound_v2', raw);
    expect(outgoing.error?.message).toBeUndefined();
  });

  it('uses the seed example as the plan.failed docs example', () => {
    expect(eventMetadata(getEventSchema('plan_bound_v2', 'plan.failed')).examples).toEqual([seedExample]);
  });

  it('every docs example also passes the invariants', () => {
    for (const event of listEvents('plan_bound_v2')) {
      for (const example of eventMetadata(getEventSchema('plan_bound_v2', event)).examples) {
        const result = validateOutgoing('plan_bound_v2', example);
        expect(result.error?.message, event).toBeUndefined();
        expect((example as { event: string }).event).toBe(event);
      }
    }
  });

  it('plan events reject task and submission', () => {
    const raw = { ...clone(seedExample), task: submissionApprovedExample.task };
    const result = parseEvent('plan_bound_v2', raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: '',
        code: 'unrecognized_keys',
        message: expect.stringContaining('"task"'),
      }),
    ]);
    const withSubmission = { ...clone(seedExample), submission: submissionApprovedExample.submission };
    expect(parseEvent('plan_bound_v2', withSubmission).error?.message).toContain('"submission"');
  });

  it('submission events require task and submission', () => {
    const { task: _task, submission: _submission, ...bare } = clone(submissionApprovedExample);
    expect(pathsOf(bare).sort()).toEqual(['submission', 'task']);
  });

  it('narrows statuses per event', () => {
    const expiredButFailed = { ...clone(seedExample), event: 'plan.expired' };
    expect(pathsOf(expiredButFailed)).toEqual(
      expect.arrayContaining(['status', 'plan.status', 'display_status']),
    );

    const approvedButRejected = clone(submissionApprovedExample);
    (approvedButRejected.submission as { status: string }).status = 'rejected';
    (approvedButRejected.task as { status: string }).status = 'rejected';
    expect(pathsOf(approvedButRejected).sort()).toEqual(['submission.status', 'task.status']);

    const completedButPartial = { ...clone(seedExample), display_status: 'partial', event: 'plan.completed' };
    expect(pathsOf(completedButPartial)).toContain('display_status');
  });

  it('pending submissions carry no reviewed_at', () => {
    const pending = {
      ...clone(submissionApprovedExample),
      event: 'submission.pending_review',
      submission: { ...submissionApprovedExample.submission, status: 'pending_review' },
      task: { ...submissionApprovedExample.task, status: 'pending_review' },
    };
    expect(pathsOf(pending)).toEqual(['submission.reviewed_at']);
  });

  it('takes datetimes in server local time without offset', () => {
    const at = (occurred_at: string) => pathsOf({ ...clone(seedExample), occurred_at });
    expect(at('2026-04-30T18:30')).toEqual([]);
    expect(at('2026-04-30T18:30:00.250')).toEqual([]);
    expect(at('2026-04-30T18:30:00+02:00')).toEqual(['occurred_at']);
    expect(at('2026-04-30 18:30:00')).toEqual(['occurred_at']);
    expect(at('2026-02-30T18:30:00')).toEqual(['occurred_at']);
    expect(pathsOf({ ...clone(seedExample), plan: { ...seedExample.plan, date: '30.04.2026' } })).toEqual([
      'plan.date',
    ]);
  });
});

describe('strict versus lenient parsing', () => {
  const newer = () => {
    const raw = clone(seedExample) as Record<string, unknown> & typeof seedExample;
    raw.display_status = 'almost';
    raw.tasks[1]!.type = 'drawing';
    (raw.plan as Record<string, unknown>).timezone = 'Europe/Budapest';
    raw.delivery_id = 'dlv-1';
    return raw;
  };

  it('strict mode rejects undocumented values and fields, listing each path', () => {
    const result = parseEvent('plan_bound_v2', newer());
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map(({ path, code }) => ({ path, code }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'display_status', code: 'invalid_value' },
        { path: 'tasks.1.type', code: 'invalid_value' },
        { path: 'plan', code: 'unrecognized_keys' },
        { path: '', code: 'unrecognized_keys' },
      ]),
    );
    expect(issues).toHaveLength(4);
    expect(result.error!.message).toContain('tasks.1.type: expected one of "quiz", "matching"');
  });

  it('lenient mode passes unknown values through and keeps extra fields', () => {
    const result = parseEvent('plan_bound_v2', newer(), { mode: 'lenient' });
    expect(result.error?.message).toBeUndefined();
    const data = result.data as ReturnType<typeof newer>;
    expect(data.display_status).toBe('almost');
    expect(data.tasks[1]!.type).toBe('drawing');
    expect((data.plan as Record<string, unknown>).timezone).toBe('Europe/Budapest');
    expect(data.delivery_id).toBe('dlv-1');
  });

  it('lenient mode still rejects wrong types, missing fields and a wrong model', () => {
    const raw = newer() as Record<string, unknown>;
    raw.score = '37.5';
    delete raw.plan_title;
    raw.model = 'plan_bound_v3';
    const result = parseEvent('plan_bound_v2', raw, { mode: 'lenient' });
    expect(result.error?.issues.map((issue) => issue.path).sort()).toEqual(['model', 'plan_title', 'score']);
  });
});

describe('generated JSON Schema', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(modelJsonSchemaBundle('plan_bound_v2'));

  it('accepts every docs example and rejects what zod rejects', () => {
    for (const event of listEvents('plan_bound_v2')) {
      for (const example of eventMetadata(getEventSchema('plan_bound_v2', event)).examples) {
        expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
      }
    }
    const offenders = [
      { ...clone(seedExample), task: submissionApprovedExample.task },
      { ...clone(seedExample), event: 'plan.expired' },
      { ...clone(seedExample), occurred_at: '2026-04-30T18:30:00+02:00' },
      { ...clone(seedExample), score: 120 },
    ];
    for (const raw of offenders) {
      expect(parseEvent('plan_bound_v2', raw).success).toBe(false);
      expect(validate(raw)).toBe(false);
    }
  });
});
