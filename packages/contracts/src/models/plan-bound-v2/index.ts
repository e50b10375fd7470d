import { defineModel } from '../../registry/define-model.js';
import {
  planCompleted,
  planExpired,
  planFailed,
  planStarted,
  submissionApproved,
  submissionPendingReview,
  submissionRejected,
} from './events.js';
import { checkPlanBoundV2Invariants } from './invariants.js';

export {
  buildPlanBoundV2Payload,
  type PlanBoundV2Input,
  type PlanEventInput,
  type PlanInput,
  type PlanTaskInput,
  type SubmissionEventInput,
  type SubmissionInput,
} from './builder.js';
export {
  type AttemptStatus,
  type AttemptType,
  attemptStatusMeanings,
  attemptStatusSchema,
  attemptTypeMeanings,
  attemptTypeSchema,
  type DisplayStatus,
  displayStatusMeanings,
  displayStatusSchema,
  type PlanStatus,
  planStatusMeanings,
  planStatusSchema,
  type RewardCurrency,
  rewardCurrencyMeanings,
  rewardCurrencySchema,
  type SubmissionStatus,
  submissionStatusMeanings,
  submissionStatusSchema,
  type TaskType,
  taskTypeMeanings,
  taskTypeSchema,
} from './enums.js';
export { checkPlanBoundV2Invariants } from './invariants.js';
export {
  PLAN_EVENT_STATUS,
  type PlanBoundV2EventName,
  type PlanBoundV2Payload,
  type PlanBoundV2PayloadOf,
  type PlanEventName,
  type PlanEventPayload,
  SUBMISSION_EVENT_STATUS,
  type SubmissionEventName,
  type SubmissionEventPayload,
} from './payload.js';
export { type Child, childSchema, type Family, familySchema, type Plan, planSchema } from './plan.js';
export { type Submission, submissionSchema } from './submission.js';
export { type Summary, summarySchema } from './summary.js';
export { type PlanTask, planTaskSchema } from './task.js';

/** Seed 000: DinkyTask's family webhook, daily plan and submission events in one base payload. */
export const planBoundV2 = defineModel({
  id: 'plan_bound_v2',
  title: 'Plan-bound events v2',
  description:
    'Daily-plan and submission events of a family chore/homework app. Every event carries the same base payload (plan, child, tasks, summary); submission events add the affected `task` and `submission`.',
  events: {
    'plan.started': planStarted,
    'plan.completed': planCompleted,
    'plan.failed': planFailed,
    'plan.expired': planExpired,
    'submission.pending_review': submissionPendingReview,
    'submission.approved': submissionApproved,
    'submission.rejected': submissionRejected,
  },
  invariants: checkPlanBoundV2Invariants,
});
