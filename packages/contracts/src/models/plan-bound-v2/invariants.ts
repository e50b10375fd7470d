import type { ContractIssue } from '../../parse/contract-error.js';
import {
  approvedTasks,
  deriveSummary,
  displayStatusFor,
  failedRequiredTasks,
  planScorePct,
  sameNumber,
} from './derive.js';
import { InvariantReport, isBefore, plural, show } from './invariant-report.js';
import { checkAffectedTask, checkTaskCopies, checkTaskList } from './invariants-tasks.js';
import type { PlanBoundV2Payload } from './payload.js';
import type { Summary } from './summary.js';

/**
 * Cross-field rules of plan_bound_v2 that JSON Schema cannot express: every redundant field
 * (root mirrors, summary, completed/failed lists, the affected task) must agree with `tasks`,
 * `plan`, `child` and `submission`. Expects a payload that already passed the strict schema.
 */
export function checkPlanBoundV2Invariants(payload: PlanBoundV2Payload): ContractIssue[] {
  const report = new InvariantReport();
  checkRootMirrors(payload, report);
  checkPlan(payload, report);
  checkTaskList(payload.tasks, report);
  checkSummary(payload, report);
  checkTaskCopies(
    'completed_tasks',
    payload.completed_tasks,
    approvedTasks(payload.tasks),
    'approved tasks',
    payload.tasks,
    report,
  );
  checkTaskCopies(
    'failed_tasks',
    payload.failed_tasks,
    failedRequiredTasks(payload.tasks),
    'required tasks that are not approved',
    payload.tasks,
    report,
  );
  checkOutcome(payload, report);
  if ('submission' in payload) checkSubmission(payload, report);
  return report.issues;
}

function checkRootMirrors(payload: PlanBoundV2Payload, report: InvariantReport): void {
  const { plan } = payload;
  const mirrors = [
    ['status', payload.status, 'plan.status', plan.status],
    ['automation_key', payload.automation_key, 'plan.automation_key', plan.automation_key],
    ['child_name', payload.child_name, 'child.name', payload.child.name],
    ['plan_title', payload.plan_title, 'plan.title', plan.title],
  ] as const;
  for (const [path, value, sourcePath, source] of mirrors) {
    if (value !== source) report.add(path, `${show(value)} ≠ ${sourcePath} ${show(source)}`);
  }
  if ('submission' in payload) {
    const score = payload.submission.score_pct;
    if (!sameNumber(payload.score, score)) {
      report.add('score', `${show(payload.score)} ≠ submission.score_pct ${show(score)}`);
    }
  } else {
    checkPlanScoreCopy(payload, 'score', payload.score, report);
  }

  // Derived from plan.status, so a wrong root `status` is reported once, not twice.
  const requiredCompleted = approvedTasks(payload.tasks.filter((task) => task.required)).length;
  const display = displayStatusFor(plan.status, requiredCompleted);
  if (payload.display_status !== display) {
    report.add(
      'display_status',
      `${show(payload.display_status)} ≠ ${show(display)} for plan status ${show(plan.status)} with ${plural(requiredCompleted, 'approved required task')}`,
    );
  }
}

/**
 * `plan.score_pct`, `summary.score_pct` and a plan event's `score` are each compared with the
 * score recomputed from the tasks, so one wrong copy yields one issue at its own path.
 */
function checkPlanScoreCopy(
  payload: PlanBoundV2Payload,
  path: string,
  value: number | null,
  report: InvariantReport,
): void {
  const expected = planScorePct(payload.tasks);
  if (sameNumber(value, expected)) return;
  const basis =
    expected === null
      ? 'the plan has no required reward points'
      : `${deriveSummary(payload.tasks).stars_earned} of ${requiredPoints(payload)} required reward points approved`;
  report.add(path, `${show(value)} ≠ ${show(expected)}, the plan score (${basis})`);
}

function checkPlan(payload: PlanBoundV2Payload, report: InvariantReport): void {
  const { plan } = payload;
  checkPlanScoreCopy(payload, 'plan.score_pct', plan.score_pct, report);
  if (isBefore(plan.end_at, plan.start_at)) {
    report.add('plan.end_at', `${show(plan.end_at)} is before plan.start_at ${show(plan.start_at)}`);
  }
}

function requiredPoints(payload: PlanBoundV2Payload): number {
  return payload.tasks.filter((task) => task.required).reduce((total, task) => total + task.reward_points, 0);
}

/** What each summary number counts, for messages such as `3 ≠ 2 required tasks`. */
const SUMMARY_MEANING: Record<Exclude<keyof Summary, 'score_pct'>, string> = {
  required_completed: 'approved required tasks',
  required_total: 'required tasks',
  stars_earned: 'reward points of approved required tasks',
  diamonds_earned: 'reward points of approved bonus tasks',
  completed_count: 'approved tasks',
  failed_required_count: 'required tasks not approved',
};

function checkSummary(payload: PlanBoundV2Payload, report: InvariantReport): void {
  const expected = deriveSummary(payload.tasks);
  for (const [field, meaning] of Object.entries(SUMMARY_MEANING) as [
    keyof typeof SUMMARY_MEANING,
    string,
  ][]) {
    const value = payload.summary[field];
    if (!sameNumber(value, expected[field])) {
      report.add(`summary.${field}`, `${show(value)} ≠ ${expected[field]} ${meaning}`);
    }
  }
  checkPlanScoreCopy(payload, 'summary.score_pct', payload.summary.score_pct, report);
}

/** The plan status an event announces must be consistent with the task outcomes. */
function checkOutcome(payload: PlanBoundV2Payload, report: InvariantReport): void {
  const notApproved = failedRequiredTasks(payload.tasks).map((task) => task.id);
  if (payload.status === 'completed' && notApproved.length > 0) {
    report.add(
      'status',
      `"completed" requires every required task approved, but ${show(notApproved)} are not`,
    );
  }
  if (payload.event === 'plan.failed' && notApproved.length === 0) {
    report.add('status', '"failed" but every required task is approved; such a plan is completed');
  }
  if (payload.event === 'plan.expired' && !payload.tasks.some((task) => task.status === 'pending_review')) {
    report.add(
      'status',
      '"review_expired" requires at least one task with status "pending_review", found none',
    );
  }
}

function checkSubmission(
  payload: Extract<PlanBoundV2Payload, { submission: unknown }>,
  report: InvariantReport,
): void {
  checkAffectedTask(payload.task, payload.tasks, report);
  const { submitted_at, reviewed_at } = payload.submission;
  if (reviewed_at !== null && isBefore(reviewed_at, submitted_at)) {
    report.add(
      'submission.reviewed_at',
      `${show(reviewed_at)} is before submission.submitted_at ${show(submitted_at)}`,
    );
  }
}
