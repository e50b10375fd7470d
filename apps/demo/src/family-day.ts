import {
  buildPlanBoundV2Payload,
  type PlanBoundV2EventName,
  type PlanBoundV2Payload,
  type PlanInput,
  type PlanTaskInput,
} from '@taskhooks/contracts';

/** One step of the scripted day: what the family app publishes, and why (for the narration). */
export interface DayStep {
  event: PlanBoundV2EventName;
  payload: PlanBoundV2Payload;
  /** What happened in the family, in words, printed when the event is published. */
  story: string;
}

/**
 * A realistic Saturday of the Rivera family, built with the contract's own builder so every
 * derived field is consistent: Maya's chores plan starts, her submissions go to review and are
 * approved, and the plan completes; Leo's homework plan starts, his maths quiz is rejected and
 * his spelling approved, and the plan fails (partial) when the window closes.
 */
export function familyDay(date = '2026-11-21'): DayStep[] {
  const family = { id: '5f7c6a0e-2b9d-4f1e-9a51-3c2d8e4b7a10' };
  const maya = { id: 'child-maya', name: 'Maya' };
  const leo = { id: 'child-leo', name: 'Leo' };

  const chores: PlanInput = {
    id: `plan-maya-${date}`,
    title: 'Saturday chores',
    automation_key: 'weekend_chores',
    date,
    start_at: `${date}T09:00:00`,
    end_at: `${date}T12:00:00`,
    ordered: false,
  };
  const homework: PlanInput = {
    id: `plan-leo-${date}`,
    title: 'Homework before football',
    automation_key: 'homework_done',
    date,
    start_at: `${date}T14:00:00`,
    end_at: `${date}T16:00:00`,
    ordered: true,
  };

  const makeBed = task('task-bed', 'Make the bed', 'photo_proof', 0, true, 2);
  const feedCat = task('task-cat', 'Feed the cat', 'habit', 1, true, 3);
  const reading = task('task-read', 'Read for 20 minutes', 'study', 2, false, 2);
  const maths = task('task-maths', 'Fractions quiz', 'quiz', 0, true, 5);
  const spelling = task('task-spelling', 'Spelling list', 'quiz', 1, true, 4);

  const at = (time: string) => `${date}T${time}`;
  const mayaCommon = { family, child: maya };
  const leoCommon = { family, child: leo };
  const active = (plan: PlanInput) => ({ ...plan, status: 'active' as const });

  const steps: DayStep[] = [];
  const add = (story: string, payload: PlanBoundV2Payload) =>
    steps.push({ event: payload.event, payload, story });

  add(
    'Maya opens her Saturday chores plan',
    buildPlanBoundV2Payload({
      ...mayaCommon,
      event: 'plan.started',
      occurredAt: at('09:00:00'),
      plan: chores,
      tasks: [makeBed.fresh, feedCat.fresh, reading.fresh],
    }),
  );
  add(
    'Maya uploads a photo of her made bed',
    buildPlanBoundV2Payload({
      ...mayaCommon,
      event: 'submission.pending_review',
      occurredAt: at('09:12:40'),
      plan: active(chores),
      tasks: [makeBed.pending, feedCat.fresh, reading.fresh],
      task: makeBed.pending,
      submission: submission('sub-bed-1', 'submission', null, at('09:12:40'), null),
    }),
  );
  add(
    'Dad approves the bed photo',
    buildPlanBoundV2Payload({
      ...mayaCommon,
      event: 'submission.approved',
      occurredAt: at('09:30:05'),
      plan: active(chores),
      tasks: [makeBed.approved(100), feedCat.fresh, reading.fresh],
      task: makeBed.approved(100),
      submission: submission('sub-bed-1', 'submission', 100, at('09:12:40'), at('09:30:05')),
    }),
  );
  add(
    'Leo starts his homework plan',
    buildPlanBoundV2Payload({
      ...leoCommon,
      event: 'plan.started',
      occurredAt: at('14:00:00'),
      plan: homework,
      tasks: [maths.fresh, spelling.fresh],
    }),
  );
  add(
    'Leo’s fractions quiz scores 40 % and is rejected automatically',
    buildPlanBoundV2Payload({
      ...leoCommon,
      event: 'submission.rejected',
      occurredAt: at('14:25:31'),
      plan: active(homework),
      tasks: [maths.rejected(40), spelling.fresh],
      task: maths.rejected(40),
      submission: submission('attempt-maths-1', 'attempt', 40, at('14:25:29'), at('14:25:31')),
    }),
  );
  add(
    'Maya ticks off feeding the cat',
    buildPlanBoundV2Payload({
      ...mayaCommon,
      event: 'submission.pending_review',
      occurredAt: at('10:05:00'),
      plan: active(chores),
      tasks: [makeBed.approved(100), feedCat.pending, reading.fresh],
      task: feedCat.pending,
      submission: submission('sub-cat-1', 'submission', null, at('10:05:00'), null),
    }),
  );
  add(
    'Mum approves it',
    buildPlanBoundV2Payload({
      ...mayaCommon,
      event: 'submission.approved',
      occurredAt: at('10:20:44'),
      plan: active(chores),
      tasks: [makeBed.approved(100), feedCat.approved(100), reading.fresh],
      task: feedCat.approved(100),
      submission: submission('sub-cat-1', 'submission', 100, at('10:05:00'), at('10:20:44')),
    }),
  );
  add(
    'Every required chore is approved: Maya’s plan completes',
    buildPlanBoundV2Payload({
      ...mayaCommon,
      event: 'plan.completed',
      occurredAt: at('10:20:45'),
      plan: chores,
      tasks: [makeBed.approved(100), feedCat.approved(100), reading.fresh],
    }),
  );
  add(
    'Leo aces the spelling list',
    buildPlanBoundV2Payload({
      ...leoCommon,
      event: 'submission.approved',
      occurredAt: at('15:10:12'),
      plan: active(homework),
      tasks: [maths.rejected(40), spelling.approved(95)],
      task: spelling.approved(95),
      submission: submission('attempt-spelling-1', 'attempt', 95, at('15:10:10'), at('15:10:12')),
    }),
  );
  add(
    'The window closes with the quiz still rejected: Leo’s plan fails (partial)',
    buildPlanBoundV2Payload({
      ...leoCommon,
      event: 'plan.failed',
      occurredAt: at('16:00:00'),
      plan: homework,
      tasks: [maths.rejected(40), spelling.approved(95)],
    }),
  );
  // Written per child for readability; published in the order the day happened.
  return steps.sort((a, b) => a.payload.occurred_at.localeCompare(b.payload.occurred_at));
}

function task(
  id: string,
  title: string,
  type: PlanTaskInput['type'],
  position: number,
  required: boolean,
  rewardPoints: number,
) {
  const base = { id, title, type, position, required, reward_points: rewardPoints };
  const reviewed = (status: 'approved' | 'rejected', score: number): PlanTaskInput => ({
    ...base,
    status,
    attempt_count: 1,
    latest_attempt_status: status,
    latest_attempt_no: 1,
    score,
  });
  return {
    fresh: {
      ...base,
      status: null,
      attempt_count: 0,
      latest_attempt_status: null,
      latest_attempt_no: null,
      score: null,
    } satisfies PlanTaskInput,
    pending: {
      ...base,
      status: 'pending_review',
      attempt_count: 1,
      latest_attempt_status: 'pending_review',
      latest_attempt_no: 1,
      score: null,
    } satisfies PlanTaskInput,
    approved: (score: number) => reviewed('approved', score),
    rejected: (score: number) => reviewed('rejected', score),
  };
}

function submission(
  id: string,
  attemptType: 'submission' | 'attempt',
  scorePct: number | null,
  submittedAt: string,
  reviewedAt: string | null,
) {
  return {
    id,
    attempt_type: attemptType,
    score_pct: scorePct,
    submitted_at: submittedAt,
    reviewed_at: reviewedAt,
  };
}
