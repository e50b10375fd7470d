import { eventMetadata } from '../../registry/metadata.js';
import { planBoundV2 } from '../plan-bound-v2/index.js';
import {
  planCompletedV3Example,
  planExpiredV3Example,
  planFailedV3Example,
  planStartedV3Example,
  submissionApprovedV3Example,
  submissionPendingReviewV3Example,
  submissionRejectedV3Example,
} from './examples.js';
import {
  type PlanBoundV3EventName,
  planCompletedV3Payload,
  planExpiredV3Payload,
  planFailedV3Payload,
  planStartedV3Payload,
  submissionApprovedV3Payload,
  submissionPendingReviewV3Payload,
  submissionRejectedV3Payload,
} from './payload.js';

/** The events mean the same in v3 as in v2, so their trigger descriptions are v2's. */
function docsOf(event: PlanBoundV3EventName, example: unknown) {
  return {
    title: event,
    description: eventMetadata(planBoundV2.events[event]).description,
    examples: [example],
  };
}

export const planStartedV3 = planStartedV3Payload.meta(docsOf('plan.started', planStartedV3Example));
export const planCompletedV3 = planCompletedV3Payload.meta(docsOf('plan.completed', planCompletedV3Example));
export const planFailedV3 = planFailedV3Payload.meta(docsOf('plan.failed', planFailedV3Example));
export const planExpiredV3 = planExpiredV3Payload.meta(docsOf('plan.expired', planExpiredV3Example));
export const submissionPendingReviewV3 = submissionPendingReviewV3Payload.meta(
  docsOf('submission.pending_review', submissionPendingReviewV3Example),
);
export const submissionApprovedV3 = submissionApprovedV3Payload.meta(
  docsOf('submission.approved', submissionApprovedV3Example),
);
export const submissionRejectedV3 = submissionRejectedV3Payload.meta(
  docsOf('submission.rejected', submissionRejectedV3Example),
);
