import { rewardCurrencyFor } from './derive.js';
import { type InvariantReport, show } from './invariant-report.js';
import type { PlanTask } from './task.js';

/** Per-task rules: unique ids, plan order, bonus/currency mirror `required`, attempt bookkeeping. */
export function checkTaskList(tasks: readonly PlanTask[], report: InvariantReport): void {
  const seenIds = new Set<string>();
  tasks.forEach((task, index) => {
    const at = `tasks.${index}`;
    if (seenIds.has(task.id)) report.add(`${at}.id`, `${show(task.id)} appears more than once in tasks`);
    seenIds.add(task.id);
    const previous = tasks[index - 1];
    if (previous && task.position <= previous.position) {
      report.add(
        `${at}.position`,
        `${task.position} must be greater than the previous task's position ${previous.position}; tasks are sorted by position`,
      );
    }
    if (task.bonus === task.required) {
      report.add(`${at}.bonus`, `${task.bonus} must be the opposite of required (${task.required})`);
    }
    const currency = rewardCurrencyFor(task.required);
    if (task.reward_currency !== currency) {
      report.add(
        `${at}.reward_currency`,
        `${show(task.reward_currency)} ≠ ${show(currency)}: ${task.required ? 'required' : 'bonus'} tasks reward ${currency}s`,
      );
    }
    checkAttempts(task, at, report);
  });
}

function checkAttempts(task: PlanTask, at: string, report: InvariantReport): void {
  if (task.attempt_count === 0) {
    for (const field of ['status', 'latest_attempt_status', 'latest_attempt_no'] as const) {
      if (task[field] !== null) {
        report.add(`${at}.${field}`, `${show(task[field])} but attempt_count is 0; it must be null`);
      }
    }
    return;
  }
  if (task.latest_attempt_no !== null && task.latest_attempt_no > task.attempt_count) {
    report.add(
      `${at}.latest_attempt_no`,
      `${task.latest_attempt_no} is greater than attempt_count ${task.attempt_count}`,
    );
  }
}

/**
 * `completed_tasks`, `failed_tasks` and `task` repeat entries of `tasks`; a copy that drifted from
 * its original is reported field by field.
 */
export function checkTaskCopies(
  field: 'completed_tasks' | 'failed_tasks',
  actual: readonly PlanTask[],
  expected: readonly PlanTask[],
  meaning: string,
  tasks: readonly PlanTask[],
  report: InvariantReport,
): void {
  const actualIds = actual.map((task) => task.id);
  const expectedIds = expected.map((task) => task.id);
  if (show(actualIds) !== show(expectedIds)) {
    report.add(field, `lists ${show(actualIds)} but the ${meaning} are ${show(expectedIds)}`);
    return;
  }
  actual.forEach((copy, index) => {
    const original = expected[index];
    if (original) compareCopy(copy, `${field}.${index}`, original, tasks.indexOf(original), report);
  });
}

/** The affected `task` of a submission event must be one of `tasks`, copied exactly. */
export function checkAffectedTask(copy: PlanTask, tasks: readonly PlanTask[], report: InvariantReport): void {
  const originalIndex = tasks.findIndex((task) => task.id === copy.id);
  const original = tasks[originalIndex];
  if (!original) {
    report.add('task.id', `${show(copy.id)} is not one of the plan's tasks`);
    return;
  }
  compareCopy(copy, 'task', original, originalIndex, report);
}

function compareCopy(
  copy: PlanTask,
  at: string,
  original: PlanTask,
  originalIndex: number,
  report: InvariantReport,
): void {
  const keys = new Set([...Object.keys(original), ...Object.keys(copy)]) as Set<keyof PlanTask>;
  for (const key of keys) {
    if (copy[key] !== original[key]) {
      report.add(
        `${at}.${key}`,
        `${show(copy[key])} ≠ ${show(original[key])} in tasks.${originalIndex}; it must be an exact copy`,
      );
    }
  }
}
