import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanTaskInput } from '../../models/plan-bound-v2/builder.js';
import { buildPlanBoundV3Payload } from '../../models/plan-bound-v3/builder.js';
import { ContractError } from '../../parse/contract-error.js';
import { validateOutgoing } from '../../parse/parse-event.js';
import { eventMetadata } from '../../registry/metadata.js';
import { getEventSchema, listEvents } from '../../registry/registry.js';
import { conversionPath, convertPayload, renderForPinnedModel } from './convert-payload.js';

const seedText = readFileSync(
  join(import.meta.dirname, '../../models/plan-bound-v2/__fixtures__/seed-000-example.json'),
  'utf8',
);
const examplesOf = (model: 'plan_bound_v2' | 'plan_bound_v3', event: string) =>
  eventMetadata(getEventSchema(model, event as 'plan.failed')).examples;

function seedTask(
  id: string,
  title: string,
  type: PlanTaskInput['type'],
  position: number,
  required: boolean,
  status: 'approved' | 'rejected',
  score: number,
  reward_points: number,
): PlanTaskInput {
  return {
    id,
    title,
    type,
    position,
    required,
    status,
    attempt_count: 1,
    latest_attempt_status: status,
    latest_attempt_no: 1,
    score,
    reward_points,
  };
}

/** Seed 000's facts as v2's builder takes them, plus v3's id, tenant and family zone. */
const seedV3 = buildPlanBoundV3Payload({
  id: '7d9f3b2e-5a41-4c8e-9f60-2b7d1e4a8c35',
  tenantId: 'tnt_dinkytask',
  event: 'plan.failed',
  occurredAt: '2026-04-30T18:30:00',
  family: { id: '80a4cdcd-cd23-431e-81de-ff474f915238', timezone: 'Europe/Budapest' },
  child: { id: 'child-user-id', name: 'Misi' },
  plan: {
    id: 'plan-id',
    title: 'Misi plan 2026-04-30',
    automation_key: 'homework_done',
    date: '2026-04-30',
    start_at: '2026-04-30T17:00:00',
    end_at: '2026-04-30T18:30:00',
    ordered: true,
  },
  tasks: [
    seedTask('task-id-1', 'Clean up', 'photo_proof', 0, true, 'approved', 100, 3),
    seedTask('task-id-2', 'Math quiz', 'quiz', 1, true, 'rejected', 40, 5),
    seedTask('task-id-3', 'Extra drawing', 'photo_proof', 2, false, 'approved', 100, 2),
  ],
});

describe('convertPayload plan_bound_v3 → plan_bound_v2', () => {
  it('renders the v3 built from the seed inputs as exactly the seed example, byte for byte', () => {
    expect(seedV3.occurred_at).toBe('2026-04-30T18:30:00+02:00');
    const v2 = convertPayload('plan_bound_v3', 'plan_bound_v2', seedV3);
    expect(`${JSON.stringify(v2, null, 2)}\n`).toBe(seedText);
  });

  it.each(listEvents('plan_bound_v3'))(
    'turns the %s example into a valid v2 payload equal to the v2 example',
    (event) => {
      for (const example of examplesOf('plan_bound_v3', event)) {
        const v2 = convertPayload('plan_bound_v3', 'plan_bound_v2', example);
        expect(validateOutgoing('plan_bound_v2', v2).error?.message).toBeUndefined();
        expect(v2).toStrictEqual(examplesOf('plan_bound_v2', event)[0]);
      }
    },
  );

  it('renders instants as the family wall time, whatever zone the family is in', () => {
    const inTokyo = JSON.parse(JSON.stringify(seedV3));
    inTokyo.family.timezone = 'Asia/Tokyo';
    inTokyo.plan.date = '2026-05-01';
    inTokyo.occurred_at = '2026-05-01T01:30:00+09:00';
    inTokyo.plan.start_at = '2026-05-01T00:00:00+09:00';
    inTokyo.plan.end_at = '2026-05-01T01:30:00+09:00';
    const v2 = convertPayload('plan_bound_v3', 'plan_bound_v2', inTokyo);
    expect([v2.occurred_at, v2.plan.start_at, v2.plan.end_at]).toEqual([
      '2026-05-01T01:30:00',
      '2026-05-01T00:00:00',
      '2026-05-01T01:30:00',
    ]);
  });

  it('refuses an input that is not a valid v3 payload, naming the field', () => {
    const broken = { ...JSON.parse(JSON.stringify(seedV3)), tenant_id: '' };
    expect(() => convertPayload('plan_bound_v3', 'plan_bound_v2', broken)).toThrowError(ContractError);
    expect(() => convertPayload('plan_bound_v3', 'plan_bound_v2', broken)).toThrowError(/tenant_id/);
  });

  it('fails loudly when v2 cannot represent the event (a plan window inside a DST fall-back)', () => {
    const fallBack = JSON.parse(JSON.stringify(seedV3));
    fallBack.occurred_at = '2026-10-25T02:20:00+01:00';
    fallBack.plan.date = '2026-10-25';
    fallBack.plan.start_at = '2026-10-25T02:50:00+02:00';
    fallBack.plan.end_at = '2026-10-25T02:10:00+01:00';
    expect(validateOutgoing('plan_bound_v3', fallBack).success).toBe(true);
    let error: ContractError | undefined;
    try {
      convertPayload('plan_bound_v3', 'plan_bound_v2', fallBack);
    } catch (caught) {
      error = caught as ContractError;
    }
    expect(error).toBeInstanceOf(ContractError);
    expect(error?.model).toBe('plan_bound_v2');
    expect(error?.issues.map((issue) => issue.path)).toEqual(['plan.end_at']);
    expect(error?.message).toContain('plan_bound_v2 cannot represent this event');
  });

  it('returns a fresh object: editing the result leaves the published event alone', () => {
    const v2 = convertPayload('plan_bound_v3', 'plan_bound_v2', seedV3);
    v2.tasks[0]!.title = 'changed';
    expect(seedV3.tasks[0]!.title).toBe('Clean up');
  });
});

describe('conversion paths', () => {
  it('converting to the same model validates and returns the payload', () => {
    expect(convertPayload('plan_bound_v3', 'plan_bound_v3', seedV3)).toStrictEqual(seedV3);
    expect(conversionPath('plan_bound_v2', 'plan_bound_v2')).toEqual([]);
    expect(() => convertPayload('plan_bound_v3', 'plan_bound_v3', { ...seedV3, score: 'high' })).toThrowError(
      ContractError,
    );
  });

  it('has no path upwards or across lineages, and says why', () => {
    expect(() => convertPayload('plan_bound_v2', 'plan_bound_v3', JSON.parse(seedText))).toThrowError(
      'No conversion from plan_bound_v2 to plan_bound_v3. Registered conversions: plan_bound_v3 → plan_bound_v2.',
    );
    expect(() => conversionPath('plan_bound_v3', 'task_events_v1')).toThrowError(/No conversion/);
  });

  it('renders one published event for endpoints pinned to different versions', () => {
    const pinned = ['plan_bound_v3', 'plan_bound_v2'] as const;
    const delivered = pinned.map((model) => renderForPinnedModel(model, seedV3));
    expect(delivered.map((payload) => payload.model)).toEqual(['plan_bound_v3', 'plan_bound_v2']);
    expect(delivered[1]).toStrictEqual(JSON.parse(seedText));
    expect(() => renderForPinnedModel('plan_bound_v2', { ...seedV3, model: 'plan_bound_v9' })).toThrowError(
      /registered model id/,
    );
  });
});
