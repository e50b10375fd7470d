import { z } from 'zod';
import { familyActionEvent, familyExample } from './envelope.js';
import { changeSetFields, entityId, starCount } from './values.js';

const familyRewardEditableFields = {
  title: z.string().min(1).max(120).describe('Reward name shown to children, e.g. "Cinema trip".'),
  star_cost: starCount('Stars a child spends to redeem the reward.'),
  active: z.boolean().describe('False while the reward is hidden from children and cannot be redeemed.'),
  inventory: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('How many more times it can be redeemed, or null for unlimited.'),
};

export const familyRewardSchema = z
  .strictObject({
    id: entityId('the family reward'),
    ...familyRewardEditableFields,
    gift_template_id: entityId('the gift template')
      .nullable()
      .describe('Gift template the reward was created from, or null for a reward the family made up.'),
  })
  .describe('The family reward (catalog item) as it is after the action.');

const exampleReward = {
  id: 'gft_3x9p2d',
  title: 'Cinema trip',
  star_cost: 150,
  active: true,
  inventory: null,
  gift_template_id: null,
};

export const familyRewardCreated = familyActionEvent(
  'family_reward.created',
  z.strictObject({ reward: familyRewardSchema }).describe('Event data: the new catalog item.'),
  {
    description: "A parent added a reward to the family's catalog (`POST /family/gifts`).",
    examples: [
      familyExample(14, 'family_reward.created', { reward: exampleReward }),
      familyExample(15, 'family_reward.created', {
        reward: {
          ...exampleReward,
          id: 'gft_3x9p2e',
          title: 'LEGO set',
          inventory: 1,
          gift_template_id: 'gtp_amz7q1',
        },
      }),
    ],
  },
);

export const familyRewardUpdated = familyActionEvent(
  'family_reward.updated',
  z
    .strictObject({ reward: familyRewardSchema, ...changeSetFields(familyRewardEditableFields, 'reward') })
    .describe('Event data: the item after the edit, which fields changed and their old values.'),
  {
    description:
      'A parent edited a family reward (`PATCH /family/gifts/:id`): name, star cost, active flag or inventory.',
    examples: [
      familyExample(16, 'family_reward.updated', {
        reward: { ...exampleReward, active: false, inventory: 0 },
        changed_fields: ['active', 'inventory'],
        previous: { active: true, inventory: null },
      }),
    ],
  },
);

export const familyRewardDeleted = familyActionEvent(
  'family_reward.deleted',
  z
    .strictObject({
      reward_id: entityId('the deleted family reward'),
      title: z
        .string()
        .min(1)
        .max(120)
        .describe('Name the reward had, so receivers can show what was removed.'),
      pending_redemptions: z
        .number()
        .int()
        .nonnegative()
        .describe('Redemption requests for this reward still waiting for a parent when it was deleted.'),
    })
    .describe('Event data: which catalog item was removed.'),
  {
    description: "A parent deleted a reward from the family's catalog (`DELETE /family/gifts/:id`).",
    examples: [
      familyExample(17, 'family_reward.deleted', {
        reward_id: 'gft_3x9p2d',
        title: 'Cinema trip',
        pending_redemptions: 1,
      }),
    ],
  },
);
