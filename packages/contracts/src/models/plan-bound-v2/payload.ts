import { z } from 'zod';
import {
  type DisplayStatus,
  displayStatusSchema,
  type PlanStatus,
  planStatusSchema,
  type SubmissionStatus,
  submissionStatusSchema,
} from './enums.js';
import { childSchema, familySchema, planSchema } from './plan.js';
import { localDateTime, percent } from './scalars.js';
import { submissionSchema } from './submission.js';
import { summarySchema } from './summary.js';
import { planTaskSchema } from './task.js';

/** Plan events fix the technical plan status: the event announces exactly that transition. */
export const PLAN_EVENT_STATUS = {
  'plan.started': 'active',
  'plan.completed': 'completed',
  'plan.failed': 'failed',
  'plan.expired': 'review_expired',
} as const satisfies Record<string, PlanStatus>;

/** Submission events fix the status of the submission (and so of its task). */
export const SUBMISSION_EVENT_STATUS = {
  'submission.pending_review': 'pending_review',
  'submission.approved': 'approved',
  'submission.rejected': 'rejected',
} as const satisfies Record<string, SubmissionStatus>;

export type PlanEventName = keyof typeof PLAN_EVENT_STATUS;
export type SubmissionEventName = keyof typeof SUBMISSION_EVENT_STATUS;
export type PlanBoundV2EventName = PlanEventName | SubmissionEventName;

/** Fields every event carries, in the order of the seed documentation. */
const baseShape = {
  event: z.string().describe('Event name; receivers branch on it.'),
  model: z.literal('plan_bound_v2').describe('Payload model version; always `plan_bound_v2` here.'),
  occurred_at: localDateTime('When the event happened on the server (server local time, no offset).'),
  status: planStatusSchema,
  display_status: displayStatusSchema,
  score: percent()
    .nullable()
    .describe(
      'Plan events: the plan score (`plan.score_pct`). Submission events: the score of the affected submission (`submission.score_pct`).',
    ),
  automation_key: z
    .string()
    .nullable()
    .describe('Copy of `plan.automation_key`, at the root for easy routing in automations.'),
  child_name: z.string().nullable().describe('Copy of `child.name`, at the root for convenience.'),
  plan_title: z.string().describe('Copy of `plan.title`, at the root for convenience.'),
  family: familySchema,
  child: childSchema,
  plan: planSchema,
  summary: summarySchema,
  tasks: z.array(planTaskSchema).describe('Every task of the plan, sorted by `position`.'),
  completed_tasks: z
    .array(planTaskSchema)
    .describe('The approved tasks, required and bonus, copied from `tasks` in the same order.'),
  failed_tasks: z
    .array(planTaskSchema)
    .describe(
      'The required tasks that are not approved (rejected, waiting for review or never handed in), copied from `tasks` in the same order.',
    ),
};

function eventName<const E extends PlanBoundV2EventName>(event: E) {
  return z.literal(event).describe('Event name; receivers branch on it.');
}

function planStatusFor<const S extends PlanStatus>(status: S, event: PlanEventName) {
  return planStatusSchema
    .extract([status])
    .describe(`Technical plan status; always \`${status}\` for ${event}.`);
}

function displayStatusFor<const D extends DisplayStatus>(values: readonly [D, ...D[]], event: PlanEventName) {
  const list = values.map((value) => `\`${value}\``).join(' or ');
  return displayStatusSchema
    .extract(values)
    .describe(
      `Status to show to parents and children; ${list} for ${event} (\`partial\` when at least one required task was approved).`,
    );
}

function planEventSchema<const E extends PlanEventName, S extends z.ZodEnum, D extends z.ZodEnum>(
  event: E,
  status: S,
  displayStatus: D,
) {
  return z.strictObject({
    ...baseShape,
    event: eventName(event),
    status,
    display_status: displayStatus,
    plan: planSchema.extend({ status }).describe('The daily plan the event is about.'),
  });
}

function submissionEventSchema<const E extends SubmissionEventName, S extends z.ZodEnum, R extends z.ZodType>(
  event: E,
  status: S,
  reviewedAt: R,
) {
  return z.strictObject({
    ...baseShape,
    event: eventName(event),
    task: planTaskSchema
      .extend({ status })
      .describe('The task the submission belongs to; an exact copy of its entry in `tasks`.'),
    submission: submissionSchema
      .extend({ status, reviewed_at: reviewedAt })
      .describe('The attempt or submission the event is about.'),
  });
}

function submissionStatusFor<const S extends SubmissionStatus>(status: S, event: SubmissionEventName) {
  return submissionStatusSchema
    .extract([status])
    .describe(`Review state of the submission; always \`${status}\` for ${event}.`);
}

const reviewedAtSet = localDateTime('When it was approved or rejected (server local time, no offset).')
  .nullable()
  .describe(
    'When it was approved or rejected, by the app or a parent (server local time, no offset); null if the sender does not record it.',
  );

export const planStartedPayload = planEventSchema(
  'plan.started',
  planStatusFor('active', 'plan.started'),
  displayStatusFor(['active'], 'plan.started'),
);
export const planCompletedPayload = planEventSchema(
  'plan.completed',
  planStatusFor('completed', 'plan.completed'),
  displayStatusFor(['completed'], 'plan.completed'),
);
export const planFailedPayload = planEventSchema(
  'plan.failed',
  planStatusFor('failed', 'plan.failed'),
  displayStatusFor(['failed', 'partial'], 'plan.failed'),
);
export const planExpiredPayload = planEventSchema(
  'plan.expired',
  planStatusFor('review_expired', 'plan.expired'),
  displayStatusFor(['review_expired'], 'plan.expired'),
);
export const submissionPendingReviewPayload = submissionEventSchema(
  'submission.pending_review',
  submissionStatusFor('pending_review', 'submission.pending_review'),
  z.null().describe('Always null: nobody has reviewed the submission yet.'),
);
export const submissionApprovedPayload = submissionEventSchema(
  'submission.approved',
  submissionStatusFor('approved', 'submission.approved'),
  reviewedAtSet,
);
export const submissionRejectedPayload = submissionEventSchema(
  'submission.rejected',
  submissionStatusFor('rejected', 'submission.rejected'),
  reviewedAtSet,
);

/** Event name -> payload schema without docs metadata (events.ts adds title, description, examples). */
export const planBoundV2PayloadSchemas = {
  'plan.started': planStartedPayload,
  'plan.completed': planCompletedPayload,
  'plan.failed': planFailedPayload,
  'plan.expired': planExpiredPayload,
  'submission.pending_review': submissionPendingReviewPayload,
  'submission.approved': submissionApprovedPayload,
  'submission.rejected': submissionRejectedPayload,
} as const;

export type PlanBoundV2PayloadOf<E extends PlanBoundV2EventName> = z.output<
  (typeof planBoundV2PayloadSchemas)[E]
>;
/** Any plan_bound_v2 payload, discriminated by `event`. */
export type PlanBoundV2Payload = {
  [E in PlanBoundV2EventName]: PlanBoundV2PayloadOf<E>;
}[PlanBoundV2EventName];
export type PlanEventPayload = PlanBoundV2PayloadOf<PlanEventName>;
export type SubmissionEventPayload = PlanBoundV2PayloadOf<SubmissionEventName>;
