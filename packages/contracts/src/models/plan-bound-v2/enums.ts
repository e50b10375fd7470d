import { z } from 'zod';

/**
 * Builds a z.enum whose description lists what every known value means, so the JSON Schema and
 * the docs explain values without a second source. The meanings record is exported alongside
 * for UIs that want to show a value's explanation.
 */
function documentedEnum<const V extends string>(intro: string, meanings: Record<V, string>) {
  const values = Object.keys(meanings) as [V, ...V[]];
  const list = values.map((value) => `\`${value}\`: ${meanings[value]}`).join('; ');
  return z.enum(values).describe(`${intro} Known values: ${list}.`);
}

export const planStatusMeanings = {
  active: 'the plan window is open and the child can still hand in tasks',
  completed: 'every required task was approved, the plan succeeded',
  failed:
    'the plan ended without success (a required task was rejected or missed, or the window closed with no review pending)',
  review_expired: 'the window closed while at least one submission was still waiting for a parent review',
} as const;
export const planStatusSchema = documentedEnum('Technical plan status.', planStatusMeanings);
export type PlanStatus = z.output<typeof planStatusSchema>;

export const displayStatusMeanings = {
  active: 'the plan is running (status `active`)',
  completed: 'the plan succeeded (status `completed`)',
  partial: 'the plan failed technically but at least one required task was approved',
  failed: 'the plan failed and no required task was approved',
  review_expired: 'the window closed with reviews still pending (status `review_expired`)',
} as const;
export const displayStatusSchema = documentedEnum(
  'Status to show to parents and children; the technical status, except that a failed plan with at least one approved required task shows as `partial`.',
  displayStatusMeanings,
);
export type DisplayStatus = z.output<typeof displayStatusSchema>;

export const taskTypeMeanings = {
  quiz: 'questions answered in the app and scored automatically',
  matching: 'a pair-matching exercise scored automatically',
  study: 'learning material the child works through',
  photo_proof: 'the child uploads a photo as proof, usually checked by a parent',
  video: 'the child watches a video',
  habit: 'a routine the child ticks off, such as brushing teeth',
} as const;
export const taskTypeSchema = documentedEnum(
  'Kind of task, which decides how it is done and checked.',
  taskTypeMeanings,
);
export type TaskType = z.output<typeof taskTypeSchema>;

export const submissionStatusMeanings = {
  pending_review: 'handed in and waiting for a parent to review it',
  approved: 'accepted, automatically or by a parent; the reward counts',
  rejected: 'not accepted, automatically or by a parent',
} as const;
export const submissionStatusSchema = documentedEnum(
  'Review state of a submission.',
  submissionStatusMeanings,
);
export type SubmissionStatus = z.output<typeof submissionStatusSchema>;

export const attemptStatusMeanings = {
  in_progress: 'the child started the attempt but has not handed it in yet',
  ...submissionStatusMeanings,
} as const;
export const attemptStatusSchema = documentedEnum(
  'State of one attempt at a task: a submission status, or `in_progress` before it is handed in.',
  attemptStatusMeanings,
);
export type AttemptStatus = z.output<typeof attemptStatusSchema>;

export const attemptTypeMeanings = {
  attempt: 'a try that the app evaluates by itself (typically quiz, matching, study or video tasks)',
  submission: 'proof handed in for a parent to review (typically photo_proof or habit tasks)',
} as const;
export const attemptTypeSchema = documentedEnum(
  'How the attempt is evaluated: by the app or by a parent.',
  attemptTypeMeanings,
);
export type AttemptType = z.output<typeof attemptTypeSchema>;

export const rewardCurrencyMeanings = {
  star: 'earned by approving a required task',
  diamond: 'earned by approving a bonus task',
} as const;
export const rewardCurrencySchema = documentedEnum(
  'What the task pays out in: stars for required tasks, diamonds for bonus tasks.',
  rewardCurrencyMeanings,
);
export type RewardCurrency = z.output<typeof rewardCurrencySchema>;
