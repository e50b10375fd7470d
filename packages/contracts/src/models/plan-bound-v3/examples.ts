import type { PlanTaskInput } from '../plan-bound-v2/builder.js';
import {
  planCompletedExample as v2PlanCompleted,
  planExpiredExample as v2PlanExpired,
  planFailedExample as v2PlanFailed,
  planStartedExample as v2PlanStarted,
  submissionApprovedExample as v2SubmissionApproved,
  submissionPendingReviewExample as v2SubmissionPendingReview,
  submissionRejectedExample as v2SubmissionRejected,
} from '../plan-bound-v2/examples.js';
import type { PlanBoundV2Payload, SubmissionEventPayload } from '../plan-bound-v2/payload.js';
import type { PlanTask } from '../plan-bound-v2/task.js';
import { buildPlanBoundV3Payload } from './builder.js';

/**
 * Docs examples: the same school days of Misi as the v2 examples (the seed's family, in
 * Budapest), rebuilt from the very facts v2's examples were built from plus what v3 adds. So the
 * two versions document one story, and converting each v3 example back gives the v2 example.
 */
const tenantId = 'tnt_dinkytask';
const family = { id: '80a4cdcd-cd23-431e-81de-ff474f915238', timezone: 'Europe/Budapest' };

function taskInput({ bonus: _bonus, reward_currency: _currency, ...facts }: PlanTask): PlanTaskInput {
  return facts;
}

/** v2 payload -> the v3 builder's input: v2's facts, v2's wall times (read in Budapest). */
function factsOf(v2: PlanBoundV2Payload) {
  const { id, title, automation_key, date, start_at, end_at, ordered } = v2.plan;
  return {
    tenantId,
    occurredAt: v2.occurred_at,
    family,
    child: v2.child,
    plan: { id, title, automation_key, date, start_at, end_at, ordered },
    tasks: v2.tasks.map(taskInput),
  };
}

function submissionFacts(v2: SubmissionEventPayload) {
  const { status: _status, ...submission } = v2.submission;
  return { plan: { ...factsOf(v2).plan, status: v2.plan.status }, task: taskInput(v2.task), submission };
}

export const planStartedV3Example = buildPlanBoundV3Payload({
  ...factsOf(v2PlanStarted),
  id: '0196e0f4-6a2c-7c41-9a57-3f1d2b8e4c01',
  event: 'plan.started',
});

export const submissionPendingReviewV3Example = buildPlanBoundV3Payload({
  ...factsOf(v2SubmissionPendingReview),
  ...submissionFacts(v2SubmissionPendingReview),
  id: '0196e108-1f3b-7d02-8b6e-5a4c3d2e1f02',
  event: 'submission.pending_review',
});

export const submissionApprovedV3Example = buildPlanBoundV3Payload({
  ...factsOf(v2SubmissionApproved),
  ...submissionFacts(v2SubmissionApproved),
  id: '0196e116-d9a0-7e13-a1c2-6b5d4e3f2a03',
  event: 'submission.approved',
});

export const submissionRejectedV3Example = buildPlanBoundV3Payload({
  ...factsOf(v2SubmissionRejected),
  ...submissionFacts(v2SubmissionRejected),
  id: '0196e128-4b7e-7f24-b3d4-7c6e5f4a3b04',
  event: 'submission.rejected',
});

export const planFailedV3Example = buildPlanBoundV3Payload({
  // The seed's example, typed by its JSON import; v2's tests prove it is a valid plan.failed.
  ...factsOf(v2PlanFailed as PlanBoundV2Payload),
  id: '0196e13a-8c15-7a35-85e6-8d7f6a5b4c05',
  event: 'plan.failed',
});

export const planCompletedV3Example = buildPlanBoundV3Payload({
  ...factsOf(v2PlanCompleted),
  id: '0196e5d2-3e60-7b46-96f7-9e8a7b6c5d06',
  event: 'plan.completed',
});

export const planExpiredV3Example = buildPlanBoundV3Payload({
  ...factsOf(v2PlanExpired),
  id: '0196eb14-7a0c-7c57-a708-af9b8c7d6e07',
  event: 'plan.expired',
});
