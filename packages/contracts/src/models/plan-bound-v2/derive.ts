import type { DisplayStatus, PlanStatus, RewardCurrency } from './enums.js';
import type { Summary } from './summary.js';
import type { PlanTask } from './task.js';

/**
 * The rules behind every redundant field, reverse-engineered from seed 000 and its example.
 * The builder uses them to fill fields and the invariants to check them, so both agree by
 * construction.
 */
type TaskFacts = Pick<PlanTask, 'required' | 'status' | 'reward_points'>;

export function rewardCurrencyFor(required: boolean): RewardCurrency {
  return required ? 'star' : 'diamond';
}

export function isApproved(task: TaskFacts): boolean {
  return task.status === 'approved';
}

export function approvedTasks<T extends TaskFacts>(tasks: readonly T[]): T[] {
  return tasks.filter(isApproved);
}

/** "Failed required tasks": every required task that is not approved, including missed ones. */
export function failedRequiredTasks<T extends TaskFacts>(tasks: readonly T[]): T[] {
  return tasks.filter((task) => task.required && !isApproved(task));
}

function sumRewardPoints(tasks: readonly TaskFacts[]): number {
  return tasks.reduce((total, task) => total + task.reward_points, 0);
}

/**
 * Approved share of the required reward points, in percent, rounded to 2 decimals. The seed
 * example has 3 of 8 required star points approved and reports 37.5; no other simple rule
 * (task counts, averaged or weighted task scores) gives that number.
 */
export function planScorePct(tasks: readonly TaskFacts[]): number | null {
  const required = tasks.filter((task) => task.required);
  const possible = sumRewardPoints(required);
  if (possible === 0) return null;
  return roundTo2((sumRewardPoints(required.filter(isApproved)) / possible) * 100);
}

export function deriveSummary(tasks: readonly TaskFacts[]): Summary {
  const required = tasks.filter((task) => task.required);
  const bonus = tasks.filter((task) => !task.required);
  return {
    required_completed: approvedTasks(required).length,
    required_total: required.length,
    stars_earned: sumRewardPoints(approvedTasks(required)),
    diamonds_earned: sumRewardPoints(approvedTasks(bonus)),
    score_pct: planScorePct(tasks),
    completed_count: approvedTasks(tasks).length,
    failed_required_count: failedRequiredTasks(tasks).length,
  };
}

/** The technical status, except a failed plan with an approved required task reads `partial`. */
export function displayStatusFor(status: PlanStatus, requiredCompleted: number): DisplayStatus {
  if (status === 'failed' && requiredCompleted > 0) return 'partial';
  return status;
}

function roundTo2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Tolerance for recomputed sums and percentages (float addition order, 2-decimal rounding). */
export const NUMBER_TOLERANCE = 0.005 + 1e-9;

export function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= NUMBER_TOLERANCE;
}
