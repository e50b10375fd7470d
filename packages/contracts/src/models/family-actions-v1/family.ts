import { z } from 'zod';
import { CALENDAR_DATE, DATE_TIME_WITH_OFFSET, formatError } from '../shared/format-error.js';
import { exampleChild, familyActionEvent, familyExample } from './envelope.js';
import { changeSetFields, entityId, memberRoleSchema, moneySchema, starPriceSchema } from './values.js';

const familySettingsFields = {
  timezone: z.string().min(1).max(64).describe('IANA time zone the family lives in, e.g. `Europe/London`.'),
  holiday_mode: z
    .boolean()
    .describe('True while holiday mode is on: no chores fall due and streaks are not broken.'),
  holiday_mode_until: z.iso
    .date({ error: formatError(CALENDAR_DATE) })
    .nullable()
    .describe('Last day (YYYY-MM-DD) of holiday mode, or null when it is off or open-ended.'),
  budget: z
    .strictObject({
      period: z.enum(['weekly', 'monthly']).describe('Budget period: `weekly` or `monthly`.'),
      limit: moneySchema.describe(
        'Most pocket money that may be paid out per period, in integer minor units.',
      ),
    })
    .nullable()
    .describe('Pocket-money budget cap, or null when the family has no budget.'),
  star_price: starPriceSchema,
};

export const familySettingsSchema = z
  .strictObject(familySettingsFields)
  .describe('Family settings as they are after the change.');

const settings = {
  timezone: 'Europe/London',
  holiday_mode: false,
  holiday_mode_until: null,
  budget: { period: 'weekly', limit: { amount_minor: 1000, currency: 'GBP' } },
  star_price: { amount_minor_per_star: 10, currency: 'GBP' },
};

export const familySettingsUpdated = familyActionEvent(
  'family.settings_updated',
  z
    .strictObject({
      settings: familySettingsSchema,
      ...changeSetFields(familySettingsFields, 'settings'),
      holiday_mode_changed: z
        .boolean()
        .describe('True when `holiday_mode` or `holiday_mode_until` changed; a shortcut for filters.'),
      budget_changed: z.boolean().describe('True when `budget` changed; a shortcut for filters.'),
    })
    .describe(
      'Event data: the settings after the change, what changed and flags for holiday mode and budget.',
    ),
  {
    description: 'A parent changed the family settings (`PATCH /family`).',
    examples: [
      familyExample(22, 'family.settings_updated', {
        settings: { ...settings, holiday_mode: true, holiday_mode_until: '2026-04-12' },
        changed_fields: ['holiday_mode', 'holiday_mode_until'],
        previous: { holiday_mode: false, holiday_mode_until: null },
        holiday_mode_changed: true,
        budget_changed: false,
      }),
      familyExample(23, 'family.settings_updated', {
        settings: { ...settings, budget: null },
        changed_fields: ['budget'],
        previous: { budget: settings.budget },
        holiday_mode_changed: false,
        budget_changed: true,
      }),
    ],
  },
);

export const familyInviteCreated = familyActionEvent(
  'family.invite_created',
  z
    .strictObject({
      invite_id: entityId('the invitation'),
      role: memberRoleSchema.describe('Role the invitee will get on joining: `parent` (adult) or `child`.'),
      delivery: z
        .enum(['email', 'join_code', 'link'])
        .describe(
          'How the invite is passed on: `email`, a `join_code` or a shareable `link`. No address is sent.',
        ),
      expires_at: z.iso
        .datetime({ offset: true, error: formatError(DATE_TIME_WITH_OFFSET) })
        .nullable()
        .describe('When the invite stops working, or null if it never expires.'),
    })
    .describe('Event data: the invitation, without any contact details.'),
  {
    description: 'A parent invited an adult or a child to join the family (`POST /family/invite`).',
    examples: [
      familyExample(24, 'family.invite_created', {
        invite_id: 'inv_5r8s2a',
        role: 'parent',
        delivery: 'email',
        expires_at: '2026-03-14T09:30:00.000+00:00',
      }),
    ],
  },
);

export const familyMemberJoined = familyActionEvent(
  'family.member_joined',
  z
    .strictObject({
      member_id: entityId('the new member'),
      role: memberRoleSchema,
      display_name: z.string().min(1).max(80).describe('Name the member goes by in the app (a nickname).'),
      join_method: z
        .enum(['invite', 'join_code'])
        .describe('How they joined: accepted an `invite`, or entered the family `join_code` (children).'),
      invite_id: entityId('the accepted invite')
        .nullable()
        .describe('Invite that was accepted, or null when the member joined with the family join code.'),
    })
    .describe('Event data: who joined, in which role and how.'),
  {
    description:
      'Someone became a member of the family: accepted an invite or joined with the family code (`POST /auth/child-join` and the invite-accept routes).',
    examples: [
      familyExample(
        25,
        'family.member_joined',
        {
          member_id: 'usr_c55ha7',
          role: 'child',
          display_name: 'Ellie',
          join_method: 'join_code',
          invite_id: null,
        },
        { actor: exampleChild },
      ),
    ],
  },
);
