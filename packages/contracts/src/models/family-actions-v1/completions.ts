import { z } from 'zod';
import { exampleChild, familyActionEvent, familyExample } from './envelope.js';
import {
  choreRewardSchema,
  entityId,
  rejectionReasonSchema,
  starBalanceChangeSchema,
  walletChangeSchema,
} from './values.js';

/** The ids every completion event carries, so receivers can join without a lookup. */
const completionRefs = {
  completion_id: entityId('the completion (the child’s “I did it” record)'),
  assignment_id: entityId('the assignment the completion is for'),
  chore_id: entityId('the chore that was done'),
  child_id: entityId('the child who did the chore'),
};

const refs = {
  completion_id: 'cmp_6t1y0s',
  assignment_id: 'asg_9v3k1p',
  chore_id: 'chr_4hq2w8',
  child_id: 'usr_c55ha7',
};
const reward = { money: { amount_minor: 50, currency: 'GBP' }, stars: 2 };

export const completionSubmitted = familyActionEvent(
  'completion.submitted',
  z
    .strictObject({
      ...completionRefs,
      reward: choreRewardSchema.describe(
        'What approving this completion would pay, as set on the chore now.',
      ),
    })
    .describe('Event data: the pending completion and the reward at stake.'),
  {
    description:
      'A child marked an assigned chore as done (`POST /completions`); it now waits for a parent to approve or reject it.',
    examples: [familyExample(7, 'completion.submitted', { ...refs, reward }, { actor: exampleChild })],
  },
);

export const completionApproved = familyActionEvent(
  'completion.approved',
  z
    .strictObject({
      ...completionRefs,
      reward: choreRewardSchema.describe('Base reward paid for the chore.'),
      bonus: choreRewardSchema.describe('Extra paid on top (streak bonus, parent top-up); zeros when none.'),
      wallet: walletChangeSchema.describe(
        "The child's pocket-money wallet; `delta_minor` equals reward plus bonus money.",
      ),
      star_balance: starBalanceChangeSchema.describe(
        "The child's star balance; `delta` equals reward plus bonus stars.",
      ),
    })
    .describe('Event data: what was paid and how the child’s balances moved.'),
  {
    description:
      'A parent approved a child’s completion (`PATCH /completions/:id/approve`) and the reward was paid.',
    examples: [
      familyExample(8, 'completion.approved', {
        ...refs,
        reward,
        bonus: { money: { amount_minor: 10, currency: 'GBP' }, stars: 0 },
        wallet: { currency: 'GBP', balance_before_minor: 340, delta_minor: 60, balance_after_minor: 400 },
        star_balance: { balance_before: 18, delta: 2, balance_after: 20 },
      }),
    ],
  },
);

export const completionRejected = familyActionEvent(
  'completion.rejected',
  z
    .strictObject({
      ...completionRefs,
      reward_withheld: choreRewardSchema.describe(
        'The reward that approval would have paid; nothing was paid.',
      ),
      reason: rejectionReasonSchema,
    })
    .describe('Event data: the rejected completion, the unpaid reward and the reason.'),
  {
    description:
      'A parent rejected a child’s completion (`PATCH /completions/:id/reject`); no reward is paid and balances do not move.',
    examples: [
      familyExample(9, 'completion.rejected', {
        ...refs,
        reward_withheld: reward,
        reason: 'The bowl is still empty.',
      }),
      familyExample(10, 'completion.rejected', { ...refs, reward_withheld: reward, reason: null }),
    ],
  },
);
