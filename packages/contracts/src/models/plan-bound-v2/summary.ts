import { z } from 'zod';
import { percent } from './scalars.js';

const count = (description: string) => z.number().int().min(0).describe(description);

/** Totals derived from `tasks`; `checkPlanBoundV2Invariants` recomputes and compares every one. */
export const summarySchema = z
  .strictObject({
    required_completed: count('How many required tasks are approved.'),
    required_total: count('How many required tasks the plan has.'),
    stars_earned: z.number().min(0).describe('Sum of `reward_points` of the approved required tasks.'),
    diamonds_earned: z.number().min(0).describe('Sum of `reward_points` of the approved bonus tasks.'),
    score_pct: percent().nullable().describe('Same value as `plan.score_pct`.'),
    completed_count: count('How many tasks (required and bonus) are approved.'),
    failed_required_count: count(
      'How many required tasks are not approved (rejected, waiting for review or not handed in).',
    ),
  })
  .describe('Totals computed from `tasks`, so automations need not add them up.');
export type Summary = z.output<typeof summarySchema>;
