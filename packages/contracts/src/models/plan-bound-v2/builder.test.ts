import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../parse/contract-error.js';
import { validateOutgoing } from '../../parse/parse-event.js';
import { buildPlanBoundV2Payload, type PlanEventInput, type PlanTaskInput } from './builder.js';

const seedText = readFileSync(join(import.meta.dirname, '__fixtures__', 'seed-000-example.json'), 'utf8');

/** Only the facts the app owns; every other field of the seed example must be derived. */
const seedInput = {
  event: 'plan.failed',
  occurredAt: '2026-04-30T18:30:00',
  family: { id: '80a4cdcd-cd23-431e-81de-ff474f915238' },
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
    task('task-id-1', 'Clean up', 'photo_proof', 0, true, 'approved', 100, 3),
    task('task-id-2', 'Math quiz', 'quiz', 1, true, 'rejected', 40, 5),
    task('task-id-3', 'Extra drawing', 'photo_proof', 2, false, 'approved', 100, 2),
  ],
} satisfies PlanEventInput<'plan.failed'>;

function task(
  id: string,
  title: string,
  type: PlanTaskInput['type'],
  position: number,
  required: boolean,
  status: 'approved' | 'rejected' | 'pending_review' | null,
  score: number | null,
  reward_points: number,
): PlanTaskInput {
  const attempted = status !== null;
  return {
    id,
    title,
    type,
    position,
    required,
    status,
    attempt_count: attempted ? 1 : 0,
    latest_attempt_status: status,
    latest_attempt_no: attempted ? 1 : null,
    score,
    reward_points,
  };
}

function expectContractError(build: () => unknown, paths: string[]): ContractError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    const contractError = error as ContractError;
    expect(contractError.issues.map((issue) => issue.path).sort()).toEqual([...paths].sort());
    return contractError;
  }
  throw new Error('expected the builder to throw');
}

describe('buildPlanBoundV2Payload', () => {
  it('refuses Object.prototype names as unknown events, with a ContractError', () => {
    expect(() => buildPlanBoundV2Payload({ ...seedInput, event: 'constructor' } as never)).toThrow(
      ContractError,
    );
  });

  it('reproduces the seed example from its inputs, byte for byte', () => {
    const built = buildPlanBoundV2Payload(seedInput);
    expect(built).toStrictEqual(JSON.parse(seedText));
    expect(`${JSON.stringify(built, null, 2)}\n`).toBe(seedText);
  });

  it('sorts tasks by position whatever order they come in', () => {
    const built = buildPlanBoundV2Payload({ ...seedInput, tasks: [...seedInput.tasks].reverse() });
    expect(`${JSON.stringify(built, null, 2)}\n`).toBe(seedText);
  });

  it('shows a failed plan without any approved required task as failed, not partial', () => {
    const built = buildPlanBoundV2Payload({
      ...seedInput,
      tasks: [
        task('a', 'Read', 'study', 0, true, null, null, 4),
        task('b', 'Quiz', 'quiz', 1, true, 'rejected', 10, 4),
        task('c', 'Draw', 'photo_proof', 2, false, 'approved', 100, 7),
      ],
    });
    expect(built.display_status).toBe('failed');
    expect(built.summary).toEqual({
      required_completed: 0,
      required_total: 2,
      stars_earned: 0,
      diamonds_earned: 7,
      score_pct: 0,
      completed_count: 1,
      failed_required_count: 2,
    });
    expect(built.failed_tasks.map((t) => t.id)).toEqual(['a', 'b']);
    expect(built.completed_tasks.map((t) => t.id)).toEqual(['c']);
    expect(built.score).toBe(0);
  });

  it('rounds the plan score to two decimals and leaves it null without required points', () => {
    const third = buildPlanBoundV2Payload({
      ...seedInput,
      event: 'plan.started',
      tasks: [
        task('a', 'One', 'habit', 0, true, 'approved', null, 1),
        task('b', 'Two', 'habit', 1, true, null, null, 2),
      ],
    });
    expect(third.plan.score_pct).toBe(33.33);
    expect(third.summary.score_pct).toBe(33.33);
    expect(third.score).toBe(33.33);
    expect(third.status).toBe('active');
    expect(third.display_status).toBe('active');

    const bonusOnly = buildPlanBoundV2Payload({
      ...seedInput,
      event: 'plan.completed',
      tasks: [task('b', 'Bonus', 'video', 0, false, 'approved', 100, 2)],
    });
    expect(bonusOnly.plan.score_pct).toBeNull();
    expect(bonusOnly.score).toBeNull();
    expect(bonusOnly.tasks[0]).toMatchObject({ bonus: true, reward_currency: 'diamond' });
  });

  it('takes the root score of submission events from the submission, not the plan', () => {
    const rejected = task('task-id-2', 'Math quiz', 'quiz', 1, true, 'rejected', 40, 5);
    const built = buildPlanBoundV2Payload({
      ...seedInput,
      event: 'submission.rejected',
      plan: { ...seedInput.plan, status: 'active' },
      task: rejected,
      submission: {
        id: 'attempt-1',
        attempt_type: 'attempt',
        score_pct: 40,
        submitted_at: '2026-04-30T17:40:00',
        reviewed_at: '2026-04-30T17:40:01',
      },
    });
    expect(built.score).toBe(40);
    expect(built.plan.score_pct).toBe(37.5);
    expect(built.submission.status).toBe('rejected');
    expect(built.display_status).toBe('active');
    expect(Object.keys(built).slice(-2)).toEqual(['task', 'submission']);
    expect(validateOutgoing('plan_bound_v2', built).success).toBe(true);
  });

  it('throws a ContractError naming the field when the inputs contradict each other', () => {
    const error = expectContractError(
      () =>
        buildPlanBoundV2Payload({
          ...seedInput,
          event: 'submission.approved',
          plan: { ...seedInput.plan, status: 'active' },
          task: task('task-id-9', 'Ghost', 'quiz', 9, true, 'approved', 100, 1),
          submission: {
            id: 's',
            attempt_type: 'attempt',
            score_pct: 100,
            submitted_at: '2026-04-30T17:40:00',
            reviewed_at: '2026-04-30T17:39:00',
          },
        }),
      ['task.id', 'submission.reviewed_at'],
    );
    expect(error.message).toContain('task.id: "task-id-9" is not one of the plan\'s tasks');

    expectContractError(() => buildPlanBoundV2Payload({ ...seedInput, event: 'plan.completed' }), ['status']);
    expectContractError(
      () => buildPlanBoundV2Payload({ ...seedInput, plan: { ...seedInput.plan, status: 'active' } }),
      ['status', 'plan.status', 'display_status'],
    );
    expectContractError(
      () => buildPlanBoundV2Payload({ ...seedInput, occurredAt: '2026-04-30T18:30:00+02:00' }),
      ['occurred_at'],
    );
  });

  it('reports task and submission passed to a plan event by an untyped caller', () => {
    const untyped = { ...seedInput, task: seedInput.tasks[0] } as unknown as PlanEventInput;
    const error = expectContractError(() => buildPlanBoundV2Payload(untyped), ['']);
    expect(error.message).toContain('"task"');
  });

  it('is typed so submission events need task and submission and plan events refuse them', () => {
    const { plan, ...rest } = seedInput;
    const submission = {
      id: 's',
      attempt_type: 'attempt',
      score_pct: null,
      submitted_at: '2026-04-30T17:00:00',
      reviewed_at: null,
    } as const;
    const bare = {
      ...rest,
      plan: { ...plan, status: 'active' as const },
      event: 'submission.approved' as const,
    };
    const noPlanStatus = { ...bare, plan, task: rest.tasks[0]!, submission };
    const planEventWithSubmission = { ...seedInput, submission };
    // Each call is a compile error; at run time the builder still refuses it with a ContractError.
    expectContractError(
      // @ts-expect-error a submission event without task and submission
      () => buildPlanBoundV2Payload(bare),
      ['task', 'submission'],
    );
    expectContractError(
      // @ts-expect-error a submission event without the plan status
      () => buildPlanBoundV2Payload(noPlanStatus),
      ['status', 'display_status', 'plan.status'],
    );
    expectContractError(
      // @ts-expect-error a plan event carrying a submission
      () => buildPlanBoundV2Payload(planEventWithSubmission),
      [''],
    );
  });
});
