import { z } from 'zod';
import {
  type planBoundV2PayloadSchemas,
  planCompletedPayload,
  planExpiredPayload,
  planFailedPayload,
  planStartedPayload,
  submissionApprovedPayload,
  submissionPendingReviewPayload,
  submissionRejectedPayload,
} from '../plan-bound-v2/payload.js';
import { submissionSchema } from '../plan-bound-v2/submission.js';
import { familyV3Schema, planV3Schema } from './plan.js';
import { eventIdSchema, instant, PLAN_BOUND_V3, tenantIdSchema } from './scalars.js';

/**
 * plan_bound_v3 is v2 with the changes listed in CHANGES.md. Each v3 event schema is derived
 * from the v2 schema of the same event, so every unchanged field (statuses narrowed per event,
 * child, summary, tasks, the affected task) is the very same zod schema in both versions.
 */
type V2Schemas = typeof planBoundV2PayloadSchemas;

const modelLiteral = z.literal(PLAN_BOUND_V3).describe('Payload model version; always `plan_bound_v3` here.');
const occurredAt = instant('When the event happened (RFC 3339, rendered in `family.timezone`).');

/** Fields whose schema is the same in every v2 event (v2 builds them from one base shape). */
type V2CommonFields = Pick<
  V2Schemas['plan.started']['shape'],
  | 'score'
  | 'automation_key'
  | 'child_name'
  | 'plan_title'
  | 'child'
  | 'summary'
  | 'tasks'
  | 'completed_tasks'
  | 'failed_tasks'
>;

/** The per-event narrowings of a v2 event schema, as generics so each v3 event keeps them typed. */
interface V2EventSchema<E, S, D, P> {
  shape: V2CommonFields & { event: E; status: S; display_status: D; plan: { shape: { status: P } } };
}

/** The fields every v3 event has, in the documented order, from the v2 schema of the same event. */
function sharedShapeFrom<E extends z.ZodType, S extends z.ZodType, D extends z.ZodType, P extends z.ZodType>(
  v2: V2EventSchema<E, S, D, P>,
) {
  const { shape } = v2;
  return {
    id: eventIdSchema,
    event: shape.event,
    model: modelLiteral,
    tenant_id: tenantIdSchema,
    occurred_at: occurredAt,
    status: shape.status,
    display_status: shape.display_status,
    score: shape.score,
    automation_key: shape.automation_key,
    child_name: shape.child_name,
    plan_title: shape.plan_title,
    family: familyV3Schema,
    child: shape.child,
    plan: planV3Schema
      .extend({ status: shape.plan.shape.status })
      .describe('The daily plan the event is about.'),
    summary: shape.summary,
    tasks: shape.tasks,
    completed_tasks: shape.completed_tasks,
    failed_tasks: shape.failed_tasks,
  };
}

function planEventV3<E extends z.ZodType, S extends z.ZodType, D extends z.ZodType, P extends z.ZodType>(
  v2: V2EventSchema<E, S, D, P>,
) {
  return z.strictObject(sharedShapeFrom(v2));
}

function submissionEventV3<
  E extends z.ZodType,
  S extends z.ZodType,
  D extends z.ZodType,
  P extends z.ZodType,
  T extends z.ZodType,
  Sub extends z.ZodType,
  R extends z.ZodType,
>(
  v2: V2EventSchema<E, S, D, P> & { shape: { task: T; submission: { shape: { status: Sub } } } },
  reviewedAt: R,
) {
  return z.strictObject({
    ...sharedShapeFrom(v2),
    task: v2.shape.task,
    submission: submissionSchema
      .extend({
        status: v2.shape.submission.shape.status,
        submitted_at: instant('When the child handed it in (RFC 3339, rendered in `family.timezone`).'),
        reviewed_at: reviewedAt,
      })
      .describe('The attempt or submission the event is about.'),
  });
}

const reviewedAtSet = instant('When it was approved or rejected (RFC 3339, rendered in `family.timezone`).')
  .nullable()
  .describe(
    'When it was approved or rejected, by the app or a parent (RFC 3339, rendered in `family.timezone`); null if the sender does not record it.',
  );

export const planStartedV3Payload = planEventV3(planStartedPayload);
export const planCompletedV3Payload = planEventV3(planCompletedPayload);
export const planFailedV3Payload = planEventV3(planFailedPayload);
export const planExpiredV3Payload = planEventV3(planExpiredPayload);
export const submissionPendingReviewV3Payload = submissionEventV3(
  submissionPendingReviewPayload,
  // Same `z.null()` as v2: nobody has reviewed a pending submission.
  submissionPendingReviewPayload.shape.submission.shape.reviewed_at,
);
export const submissionApprovedV3Payload = submissionEventV3(submissionApprovedPayload, reviewedAtSet);
export const submissionRejectedV3Payload = submissionEventV3(submissionRejectedPayload, reviewedAtSet);

/** Event name -> payload schema without docs metadata (events.ts adds title, description, examples). */
export const planBoundV3PayloadSchemas = {
  'plan.started': planStartedV3Payload,
  'plan.completed': planCompletedV3Payload,
  'plan.failed': planFailedV3Payload,
  'plan.expired': planExpiredV3Payload,
  'submission.pending_review': submissionPendingReviewV3Payload,
  'submission.approved': submissionApprovedV3Payload,
  'submission.rejected': submissionRejectedV3Payload,
} as const;

export type PlanBoundV3EventName = keyof typeof planBoundV3PayloadSchemas;
export type PlanBoundV3PayloadOf<E extends PlanBoundV3EventName> = z.output<
  (typeof planBoundV3PayloadSchemas)[E]
>;
/** Any plan_bound_v3 payload, discriminated by `event`. */
export type PlanBoundV3Payload = {
  [E in PlanBoundV3EventName]: PlanBoundV3PayloadOf<E>;
}[PlanBoundV3EventName];
