import { z } from 'zod';
import { familyActionEvent, familyExample } from './envelope.js';
import { changeSetFields, choreRewardSchema, entityId } from './values.js';

export const choreFrequencySchema = z
  .enum(['once', 'daily', 'weekly', 'monthly'])
  .describe('How often the chore repeats: `once`, `daily`, `weekly` or `monthly`.');

const choreEditableFields = {
  title: z.string().min(1).max(120).describe('Chore title as the parent typed it, e.g. "Feed the cat".'),
  frequency: choreFrequencySchema,
  active: z
    .boolean()
    .describe('False while the chore is paused: it stays in the list but gets no new assignments.'),
  reward: choreRewardSchema,
};

export const choreSchema = z
  .strictObject({ id: entityId('the chore'), ...choreEditableFields })
  .describe('The chore as it is after the action.');

const exampleChore = {
  id: 'chr_4hq2w8',
  title: 'Feed the cat',
  frequency: 'daily',
  active: true,
  reward: { money: { amount_minor: 50, currency: 'GBP' }, stars: 2 },
};

export const choreCreated = familyActionEvent(
  'chore.created',
  z.strictObject({ chore: choreSchema }).describe('Event data: the new chore.'),
  {
    description: 'A parent created a chore in the dashboard (`POST /chores`).',
    examples: [familyExample(1, 'chore.created', { chore: exampleChore })],
  },
);

export const choreUpdated = familyActionEvent(
  'chore.updated',
  z
    .strictObject({ chore: choreSchema, ...changeSetFields(choreEditableFields, 'chore') })
    .describe('Event data: the chore after the edit, which fields changed and their old values.'),
  {
    description:
      'A parent edited a chore (`PATCH /chores/:id`): renamed it, changed its frequency or reward, or paused/resumed it.',
    examples: [
      familyExample(2, 'chore.updated', {
        chore: { ...exampleChore, active: false, reward: { ...exampleChore.reward, stars: 3 } },
        changed_fields: ['active', 'reward'],
        previous: { active: true, reward: exampleChore.reward },
      }),
      familyExample(
        3,
        'chore.updated',
        {
          chore: { ...exampleChore, frequency: 'weekly' },
          changed_fields: ['frequency'],
          previous: { frequency: 'daily' },
        },
        { actor: { id: 'usr_p22mn0', role: 'parent', display_name: 'Dad' } },
      ),
    ],
  },
);
