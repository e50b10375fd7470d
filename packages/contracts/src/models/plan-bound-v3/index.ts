import { defineModel } from '../../registry/define-model.js';
import {
  planCompletedV3,
  planExpiredV3,
  planFailedV3,
  planStartedV3,
  submissionApprovedV3,
  submissionPendingReviewV3,
  submissionRejectedV3,
} from './events.js';
import { checkPlanBoundV3Invariants } from './invariants.js';

export {
  buildPlanBoundV3Payload,
  type PlanBoundV3Input,
  type PlanEventInputV3,
  type PlanInputV3,
  type SubmissionEventInputV3,
} from './builder.js';
export { checkPlanBoundV3Invariants } from './invariants.js';
export {
  type PlanBoundV3EventName,
  type PlanBoundV3Payload,
  type PlanBoundV3PayloadOf,
  planBoundV3PayloadSchemas,
} from './payload.js';
export { type FamilyV3, familyV3Schema, type PlanV3, planV3Schema } from './plan.js';
export { eventIdSchema, tenantIdSchema, timeZoneSchema } from './scalars.js';
export { isKnownTimeZone, toWallTimeIn, toZonedTimestamp } from './zoned-time.js';

/** plan_bound_v2's events with a dedupe id, the tenant, instants with offsets and the family's zone. */
export const planBoundV3 = defineModel({
  id: 'plan_bound_v3',
  eventIdField: 'id',
  tenantIdField: 'tenant_id',
  title: 'Plan-bound events v3',
  description:
    'Daily-plan and submission events of a family chore/homework app, as in plan_bound_v2, plus a unique event `id` for deduplication, the `tenant_id`, RFC 3339 timestamps with offsets and the family time zone. Every event carries the same base payload (plan, child, tasks, summary); submission events add the affected `task` and `submission`.',
  events: {
    'plan.started': planStartedV3,
    'plan.completed': planCompletedV3,
    'plan.failed': planFailedV3,
    'plan.expired': planExpiredV3,
    'submission.pending_review': submissionPendingReviewV3,
    'submission.approved': submissionApprovedV3,
    'submission.rejected': submissionRejectedV3,
  },
  invariants: checkPlanBoundV3Invariants,
});
