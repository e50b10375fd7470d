import { z } from 'zod';
import { familyActionEvent, familyExample } from './envelope.js';
import { changeSetFields, starCount } from './values.js';

const streakSettingsFields = {
  enabled: z.boolean().describe('True when children build streaks by doing chores on consecutive days.'),
  grace_days: z
    .number()
    .int()
    .min(0)
    .max(7)
    .describe('Missed days tolerated before a streak resets (0 to 7).'),
  milestone_days: z
    .number()
    .int()
    .positive()
    .describe('A bonus is paid every time a streak reaches a multiple of this.'),
  milestone_bonus_stars: starCount('Stars paid at each streak milestone.'),
};

export const streakSettingsSchema = z
  .strictObject(streakSettingsFields)
  .describe('Streak settings as they are after the change.');

export const streaksSettingsUpdated = familyActionEvent(
  'streaks.settings_updated',
  z
    .strictObject({
      settings: streakSettingsSchema,
      ...changeSetFields(streakSettingsFields, 'streak settings'),
    })
    .describe('Event data: the streak settings after the change, what changed and old values.'),
  {
    description: 'A parent changed how streaks work for the family (`PATCH /family/streaks`).',
    examples: [
      familyExample(27, 'streaks.settings_updated', {
        settings: { enabled: true, grace_days: 1, milestone_days: 7, milestone_bonus_stars: 10 },
        changed_fields: ['grace_days', 'milestone_bonus_stars'],
        previous: { grace_days: 0, milestone_bonus_stars: 5 },
      }),
    ],
  },
);
