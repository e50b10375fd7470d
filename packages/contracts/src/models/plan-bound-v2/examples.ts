import seedExample from './__fixtures__/seed-000-example.json' with { type: 'json' };
import { buildPlanBoundV2Payload, type PlanInput, type PlanTaskInput } from './builder.js';

/**
 * Docs examples: one school-day plan of Misi followed through its events, built with the
 * builder so every redundant field is consistent. plan.failed uses the seed's own example.
 */
const family = { id: '80a4cdcd-cd23-431e-81de-ff474f915238' };
const child = { id: 'child-user-id', name: 'Misi' };

function planOn(date: string): PlanInput {
  return {
    id: `plan-${date}`,
    title: `Misi plan ${date}`,
    automation_key: 'homework_done',
    date,
    start_at: `${date}T17:00:00`,
    end_at: `${date}T18:30:00`,
    ordered: true,
  };
}

const notStarted = {
  status: null,
  attempt_count: 0,
  latest_attempt_status: null,
  latest_attempt_no: null,
  score: null,
} as const;

const cleanUp = {
  id: 'task-id-1',
  title: 'Clean up',
  type: 'photo_proof',
  position: 0,
  required: true,
  reward_points: 3,
} as const;
const mathQuiz = {
  id: 'task-id-2',
  title: 'Math quiz',
  type: 'quiz',
  position: 1,
  required: true,
  reward_points: 5,
} as const;
const drawing = {
  id: 'task-id-3',
  title: 'Extra drawing',
  type: 'photo_proof',
  position: 2,
  required: false,
  reward_points: 2,
} as const;

function firstAttempt(status: 'pending_review' | 'approved' | 'rejected', score: number | null) {
  return { status, attempt_count: 1, latest_attempt_status: status, latest_attempt_no: 1, score } as const;
}

const cleanUpPending: PlanTaskInput = { ...cleanUp, ...firstAttempt('pending_review', null) };
const cleanUpApproved: PlanTaskInput = { ...cleanUp, ...firstAttempt('approved', 100) };
const mathRejected: PlanTaskInput = { ...mathQuiz, ...firstAttempt('rejected', 40) };
const mathApproved: PlanTaskInput = { ...mathQuiz, ...firstAttempt('approved', 90) };

const day = '2026-04-30';

export const planStartedExample = buildPlanBoundV2Payload({
  event: 'plan.started',
  occurredAt: `${day}T17:00:00`,
  family,
  child,
  plan: planOn(day),
  tasks: [
    { ...cleanUp, ...notStarted },
    { ...mathQuiz, ...notStarted },
    { ...drawing, ...notStarted },
  ],
});

export const submissionPendingReviewExample = buildPlanBoundV2Payload({
  event: 'submission.pending_review',
  occurredAt: `${day}T17:20:00`,
  family,
  child,
  plan: { ...planOn(day), status: 'active' },
  tasks: [cleanUpPending, { ...mathQuiz, ...notStarted }, { ...drawing, ...notStarted }],
  task: cleanUpPending,
  submission: {
    id: 'submission-id-1',
    attempt_type: 'submission',
    score_pct: null,
    submitted_at: `${day}T17:20:00`,
    reviewed_at: null,
  },
});

export const submissionApprovedExample = buildPlanBoundV2Payload({
  event: 'submission.approved',
  occurredAt: `${day}T17:35:12`,
  family,
  child,
  plan: { ...planOn(day), status: 'active' },
  tasks: [cleanUpApproved, { ...mathQuiz, ...notStarted }, { ...drawing, ...notStarted }],
  task: cleanUpApproved,
  submission: {
    id: 'submission-id-1',
    attempt_type: 'submission',
    score_pct: 100,
    submitted_at: `${day}T17:20:00`,
    reviewed_at: `${day}T17:35:12`,
  },
});

export const submissionRejectedExample = buildPlanBoundV2Payload({
  event: 'submission.rejected',
  occurredAt: `${day}T17:52:03`,
  family,
  child,
  plan: { ...planOn(day), status: 'active' },
  tasks: [cleanUpApproved, mathRejected, { ...drawing, ...notStarted }],
  task: mathRejected,
  submission: {
    id: 'attempt-id-7',
    attempt_type: 'attempt',
    score_pct: 40,
    submitted_at: `${day}T17:52:01`,
    reviewed_at: `${day}T17:52:03`,
  },
});

/** The full example of seed 000, unchanged. */
export const planFailedExample = seedExample;

export const planCompletedExample = buildPlanBoundV2Payload({
  event: 'plan.completed',
  occurredAt: '2026-05-01T18:05:40',
  family,
  child,
  plan: planOn('2026-05-01'),
  tasks: [cleanUpApproved, mathApproved, { ...drawing, ...notStarted }],
});

export const planExpiredExample = buildPlanBoundV2Payload({
  event: 'plan.expired',
  occurredAt: '2026-05-02T18:30:00',
  family,
  child,
  plan: planOn('2026-05-02'),
  tasks: [cleanUpPending, mathApproved, { ...drawing, ...firstAttempt('pending_review', null) }],
});
