import { z } from 'zod';
import {
  attemptStatusSchema,
  rewardCurrencySchema,
  submissionStatusSchema,
  taskTypeSchema,
} from './enums.js';
import { id, percent } from './scalars.js';

/** One task of the plan, as listed in `tasks`, `completed_tasks`, `failed_tasks` and `task`. */
export const planTaskSchema = z
  .strictObject({
    id: id('Task id, unique within the plan.'),
    title: z.string().describe('Task title as the child sees it.'),
    type: taskTypeSchema,
    position: z
      .number()
      .int()
      .min(0)
      .describe('Zero-based place of the task in the plan; `tasks` is sorted by it.'),
    required: z.boolean().describe('True when the plan can only succeed if this task is approved.'),
    bonus: z.boolean().describe('True for an optional bonus task; always the opposite of `required`.'),
    status: submissionStatusSchema
      .nullable()
      .describe('Review state of the latest submission for this task, or null while nothing was handed in.'),
    attempt_count: z
      .number()
      .int()
      .min(0)
      .describe('How many attempts the child has made at this task so far.'),
    latest_attempt_status: attemptStatusSchema
      .nullable()
      .describe('State of the most recent attempt, or null when there is none or it is unknown.'),
    latest_attempt_no: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe('Number (1-based) of the most recent attempt, or null when there is none or it is unknown.'),
    score: percent()
      .nullable()
      .describe(
        'Score of the latest evaluation as a percentage, or null when it was not evaluated or its type has no score.',
      ),
    reward_currency: rewardCurrencySchema,
    reward_points: z
      .number()
      .min(0)
      .describe('How many stars or diamonds approving this task is worth, exactly as configured.'),
  })
  .describe('A task of the plan with its progress and reward.');

export type PlanTask = z.output<typeof planTaskSchema>;
