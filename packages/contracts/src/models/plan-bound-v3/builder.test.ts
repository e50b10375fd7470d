import { describe, expect, it } from 'vitest';
import { ContractError } from '../../parse/contract-error.js';
import { validateOutgoing } from '../../parse/parse-event.js';
import type { PlanTaskInput } from '../plan-bound-v2/builder.js';
import { buildPlanBoundV3Payload, type PlanEventInputV3 } from './builder.js';

function task(
  id: string,
  position: number,
  required: boolean,
  status: 'approved' | 'rejected' | 'pending_review' | null,
  reward_points: number,
): PlanTaskInput {
  const attempted = status !== null;
  return {
    id,
    title: `Task ${id}`,
    type: 'quiz',
    position,
    required,
    status,
    attempt_count: attempted ? 1 : 0,
    latest_attempt_status: status,
    latest_attempt_no: attempted ? 1 : null,
    score: attempted ? 50 : null,
    reward_points,
  };
}

/** Seed 000's builder input (v2) plus what v3 adds: event id, tenant and the family zone. */
const seedInput = {
  id: '3f0c6a52-1d7e-4b8a-9c3d-5e6f7a8b9c0d',
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
    task('a', 0, true, 'approved', 3),
    task('b', 1, true, 'rejected', 5),
    task('c', 2, false, 'approved', 2),
  ],
} satisfies PlanEventInputV3<'plan.failed'>;

function issuesOf(build: () => unknown): { model: string; paths: string[]; message: string } {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    const { model, issues, message } = error as ContractError;
    return { model, paths: issues.map((issue) => issue.path).sort(), message };
  }
  throw new Error('expected the builder to throw');
}

describe('buildPlanBoundV3Payload', () => {
  it('adds id, tenant and zone to v2 derivations and renders wall times in the family zone', () => {
    const built = buildPlanBoundV3Payload(seedInput);
    expect(Object.keys(built).slice(0, 5)).toEqual(['id', 'event', 'model', 'tenant_id', 'occurred_at']);
    expect(built).toMatchObject({
      id: seedInput.id,
      model: 'plan_bound_v3',
      tenant_id: 'tnt_dinkytask',
      occurred_at: '2026-04-30T18:30:00+02:00',
      status: 'failed',
      display_status: 'partial',
      score: 37.5,
      family: { id: seedInput.family.id, timezone: 'Europe/Budapest' },
      plan: { start_at: '2026-04-30T17:00:00+02:00', end_at: '2026-04-30T18:30:00+02:00', score_pct: 37.5 },
      summary: { required_completed: 1, required_total: 2, stars_earned: 3, diamonds_earned: 2 },
    });
    expect(built.plan).not.toHaveProperty('name');
    expect(built.failed_tasks.map((t) => t.id)).toEqual(['b']);
    expect(validateOutgoing('plan_bound_v3', built).success).toBe(true);
  });

  it('accepts instants with any offset and renders them in the family zone', () => {
    const built = buildPlanBoundV3Payload({
      ...seedInput,
      occurredAt: '2026-04-30T16:30:00Z',
      plan: { ...seedInput.plan, start_at: '2026-04-30T11:00:00-04:00', end_at: '2026-04-30T18:30:00+02:00' },
    });
    expect(built.occurred_at).toBe('2026-04-30T18:30:00+02:00');
    expect(built.plan.start_at).toBe('2026-04-30T17:00:00+02:00');
  });

  it('renders a winter plan with the winter offset', () => {
    const built = buildPlanBoundV3Payload({
      ...seedInput,
      occurredAt: '2026-12-01T18:30:00',
      plan: {
        ...seedInput.plan,
        date: '2026-12-01',
        start_at: '2026-12-01T17:00:00',
        end_at: '2026-12-01T18:30:00',
      },
    });
    expect(built.occurred_at).toBe('2026-12-01T18:30:00+01:00');
  });

  it('builds submission events with zoned submission times', () => {
    const rejected = task('b', 1, true, 'rejected', 5);
    const built = buildPlanBoundV3Payload({
      ...seedInput,
      event: 'submission.rejected',
      plan: { ...seedInput.plan, status: 'active' },
      task: rejected,
      submission: {
        id: 'attempt-1',
        attempt_type: 'attempt',
        score_pct: 40,
        submitted_at: '2026-04-30T17:40:00',
        reviewed_at: '2026-04-30T15:40:01Z',
      },
    });
    expect(built.submission).toEqual({
      id: 'attempt-1',
      attempt_type: 'attempt',
      status: 'rejected',
      score_pct: 40,
      submitted_at: '2026-04-30T17:40:00+02:00',
      reviewed_at: '2026-04-30T17:40:01+02:00',
    });
    expect(built.score).toBe(40);
    expect(built.task).toEqual(built.tasks[1]);
  });

  it('names the bad field under plan_bound_v3, also for rules v2 enforces', () => {
    const completedButRejected = issuesOf(() =>
      buildPlanBoundV3Payload({ ...seedInput, event: 'plan.completed' }),
    );
    expect(completedButRejected).toMatchObject({ model: 'plan_bound_v3', paths: ['status'] });
    expect(completedButRejected.message).toContain('Invalid plan_bound_v3 plan.completed payload');

    const zone = issuesOf(() =>
      buildPlanBoundV3Payload({ ...seedInput, family: { ...seedInput.family, timezone: 'Europe/Atlantis' } }),
    );
    expect(zone.paths).toEqual(['family.timezone']);
    expect(zone.message).toContain('"Europe/Atlantis" is not an IANA time zone');

    const times = issuesOf(() =>
      buildPlanBoundV3Payload({
        ...seedInput,
        occurredAt: '30/04/2026 18:30',
        plan: { ...seedInput.plan, end_at: '' },
      }),
    );
    expect(times.paths).toEqual(['occurred_at', 'plan.end_at']);

    expect(issuesOf(() => buildPlanBoundV3Payload({ ...seedInput, id: 'evt-1' })).paths).toEqual(['id']);
  });

  it('checks the time order on instants and reports the rendered values', () => {
    const reversed = issuesOf(() =>
      buildPlanBoundV3Payload({
        ...seedInput,
        plan: { ...seedInput.plan, start_at: '2026-04-30T18:30:00', end_at: '2026-04-30T15:00:00Z' },
      }),
    );
    expect(reversed.paths).toEqual(['plan.end_at']);
    expect(reversed.message).toContain(
      '"2026-04-30T17:00:00+02:00" is before plan.start_at "2026-04-30T18:30:00+02:00"',
    );
  });

  it('orders times across a DST fall-back by instant, where the wall clock goes backwards', () => {
    const built = buildPlanBoundV3Payload({
      ...seedInput,
      occurredAt: '2026-10-25T01:20:00Z',
      plan: {
        ...seedInput.plan,
        date: '2026-10-25',
        start_at: '2026-10-25T02:50:00+02:00',
        end_at: '2026-10-25T02:10:00+01:00',
      },
    });
    expect(built.plan.start_at).toBe('2026-10-25T02:50:00+02:00');
    expect(built.plan.end_at).toBe('2026-10-25T02:10:00+01:00');
    expect(built.occurred_at).toBe('2026-10-25T02:20:00+01:00');
  });
});
