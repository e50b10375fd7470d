import {
  planCompletedExample,
  planExpiredExample,
  planFailedExample,
  planStartedExample,
  submissionApprovedExample,
  submissionPendingReviewExample,
  submissionRejectedExample,
} from './examples.js';
import {
  planCompletedPayload,
  planExpiredPayload,
  planFailedPayload,
  planStartedPayload,
  submissionApprovedPayload,
  submissionPendingReviewPayload,
  submissionRejectedPayload,
} from './payload.js';

export const planStarted = planStartedPayload.meta({
  title: 'plan.started',
  description: "A child's daily plan window opened; the plan is now active.",
  examples: [planStartedExample],
});

export const planCompleted = planCompletedPayload.meta({
  title: 'plan.completed',
  description: 'Every required task of the plan was approved, so the plan succeeded.',
  examples: [planCompletedExample],
});

export const planFailed = planFailedPayload.meta({
  title: 'plan.failed',
  description:
    'The plan ended without success: a required task was rejected or missed, or the window closed with no review pending. `display_status` is `partial` when some required task was approved.',
  examples: [planFailedExample],
});

export const planExpired = planExpiredPayload.meta({
  title: 'plan.expired',
  description:
    'The plan window closed while at least one submission still waited for a parent review; the plan status becomes `review_expired`.',
  examples: [planExpiredExample],
});

export const submissionPendingReview = submissionPendingReviewPayload.meta({
  title: 'submission.pending_review',
  description: 'The child handed in a task that now waits for a parent to review it.',
  examples: [submissionPendingReviewExample],
});

export const submissionApproved = submissionApprovedPayload.meta({
  title: 'submission.approved',
  description: 'A submission was approved, either automatically by the app or by a parent.',
  examples: [submissionApprovedExample],
});

export const submissionRejected = submissionRejectedPayload.meta({
  title: 'submission.rejected',
  description: 'A submission was rejected, either automatically by the app or by a parent.',
  examples: [submissionRejectedExample],
});
