import { ContractError, issuesFromZod } from '../../parse/contract-error.js';
import {
  approvedTasks,
  deriveSummary,
  displayStatusFor,
  failedRequiredTasks,
  rewardCurrencyFor,
} from './derive.js';
import type { PlanStatus } from './enums.js';
import { checkPlanBoundV2Invariants } from './invariants.js';
import {
  PLAN_EVENT_STATUS,
  type PlanBoundV2EventName,
  type PlanBoundV2Payload,
  type PlanBoundV2PayloadOf,
  type PlanEventName,
  planBoundV2PayloadSchemas,
  SUBMISSION_EVENT_STATUS,
  type SubmissionEventName,
} from './payload.js';
import type { Child, Family, Plan } from './plan.js';
import type { Submission } from './submission.js';
import type { PlanTask } from './task.js';

/** A task as the app knows it; `bonus` and `reward_currency` follow from `required`. */
export type PlanTaskInput = Omit<PlanTask, 'bonus' | 'reward_currency'>;

/**
 * The plan as the app knows it. `score_pct` is always derived from the tasks; `name` defaults to
 * `title`; `status` defaults to the status a plan event announces.
 */
export type PlanInput = Omit<Plan, 'name' | 'status' | 'score_pct'> & { name?: string; status?: PlanStatus };

/** The submission without `status`, which the submission event fixes. */
export type SubmissionInput = Omit<Submission, 'status'>;

interface CommonInput {
  /** Server local time without offset, e.g. `2026-04-30T18:30:00`. */
  occurredAt: string;
  family: Family;
  child: Child;
  plan: PlanInput;
  tasks: readonly PlanTaskInput[];
}

export interface PlanEventInput<E extends PlanEventName = PlanEventName> extends CommonInput {
  event: E;
  task?: never;
  submission?: never;
}

export interface SubmissionEventInput<E extends SubmissionEventName = SubmissionEventName>
  extends CommonInput {
  event: E;
  /** A plan's status is not implied by a submission event, so it must be given. */
  plan: PlanInput & { status: PlanStatus };
  /** The task the submission belongs to; must also be one of `tasks`. */
  task: PlanTaskInput;
  submission: SubmissionInput;
}

export type PlanBoundV2Input = PlanEventInput | SubmissionEventInput;

/**
 * Builds a complete plan_bound_v2 payload from the facts the app owns, filling every redundant
 * field (summary, completed/failed lists, root mirrors, score, display status, currencies) by
 * the rules in derive.ts. Throws a ContractError naming each bad field when the input cannot
 * produce a valid payload, so a sender never emits an inconsistent event.
 */
export function buildPlanBoundV2Payload<E extends PlanEventName>(
  input: PlanEventInput<E>,
): PlanBoundV2PayloadOf<E>;
export function buildPlanBoundV2Payload<E extends SubmissionEventName>(
  input: SubmissionEventInput<E>,
): PlanBoundV2PayloadOf<E>;
export function buildPlanBoundV2Payload(input: PlanBoundV2Input): PlanBoundV2Payload {
  const tasks = [...input.tasks].sort((a, b) => a.position - b.position).map(toPlanTask);
  const summary = deriveSummary(tasks);
  const status = input.plan.status ?? PLAN_EVENT_STATUS[input.event as PlanEventName];
  const plan: Plan = {
    id: input.plan.id,
    title: input.plan.title,
    name: input.plan.name ?? input.plan.title,
    automation_key: input.plan.automation_key,
    date: input.plan.date,
    status,
    start_at: input.plan.start_at,
    end_at: input.plan.end_at,
    ordered: input.plan.ordered,
    score_pct: summary.score_pct,
  };
  const payload = {
    event: input.event,
    model: 'plan_bound_v2',
    occurred_at: input.occurredAt,
    status,
    display_status: displayStatusFor(status, summary.required_completed),
    score: isSubmissionInput(input) ? (input.submission?.score_pct ?? null) : plan.score_pct,
    automation_key: plan.automation_key,
    child_name: input.child.name,
    plan_title: plan.title,
    family: { id: input.family.id },
    child: { id: input.child.id, name: input.child.name },
    plan,
    summary,
    tasks,
    completed_tasks: approvedTasks(tasks),
    failed_tasks: failedRequiredTasks(tasks),
    ...(isSubmissionInput(input) ? submissionFields(input) : strayFields(input)),
  };
  return validated(input.event, payload);
}

function toPlanTask(task: PlanTaskInput): PlanTask {
  return {
    id: task.id,
    title: task.title,
    type: task.type,
    position: task.position,
    required: task.required,
    bonus: !task.required,
    status: task.status,
    attempt_count: task.attempt_count,
    latest_attempt_status: task.latest_attempt_status,
    latest_attempt_no: task.latest_attempt_no,
    score: task.score,
    reward_currency: rewardCurrencyFor(task.required),
    reward_points: task.reward_points,
  };
}

function submissionFields(input: SubmissionEventInput) {
  // `task`/`submission` may be missing for untyped callers; the schema then names them.
  const { task, submission } = input as Partial<SubmissionEventInput>;
  return {
    task: task && toPlanTask(task),
    submission: submission && {
      id: submission.id,
      attempt_type: submission.attempt_type,
      status: SUBMISSION_EVENT_STATUS[input.event],
      score_pct: submission.score_pct,
      submitted_at: submission.submitted_at,
      reviewed_at: submission.reviewed_at,
    },
  };
}

/** Passed through so the strict schema reports them, instead of dropping them silently (JS callers). */
function strayFields(input: PlanEventInput): Record<string, unknown> {
  const stray: Record<string, unknown> = {};
  if (input.task !== undefined) stray.task = input.task;
  if (input.submission !== undefined) stray.submission = input.submission;
  return stray;
}

function isSubmissionInput(input: PlanBoundV2Input): input is SubmissionEventInput {
  return Object.hasOwn(SUBMISSION_EVENT_STATUS, input.event);
}

function validated(event: PlanBoundV2EventName, payload: unknown): PlanBoundV2Payload {
  // Own keys only: `constructor` and other Object.prototype names are unknown events too.
  const schema = Object.hasOwn(planBoundV2PayloadSchemas, event)
    ? planBoundV2PayloadSchemas[event]
    : undefined;
  if (!schema) {
    throw new ContractError('plan_bound_v2', event, [
      {
        path: 'event',
        code: 'unknown_event',
        message: `${JSON.stringify(event)} is not a plan_bound_v2 event`,
      },
    ]);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new ContractError('plan_bound_v2', event, issuesFromZod(parsed.error));
  const issues = checkPlanBoundV2Invariants(parsed.data);
  if (issues.length > 0) throw new ContractError('plan_bound_v2', event, issues);
  // Return the built object, not zod's copy, to keep the documented key order untouched.
  return payload as PlanBoundV2Payload;
}
