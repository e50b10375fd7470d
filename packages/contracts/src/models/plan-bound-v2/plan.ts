import { z } from 'zod';
import { CALENDAR_DATE, formatError } from '../shared/format-error.js';
import { planStatusSchema } from './enums.js';
import { id, localDateTime, percent } from './scalars.js';

export const familySchema = z
  .strictObject({
    id: id('Id of the family whose webhook sends the event.'),
  })
  .describe('The family the plan belongs to.');
export type Family = z.output<typeof familySchema>;

export const childSchema = z
  .strictObject({
    id: id('Id of the child user the plan is for.'),
    name: z.string().nullable().describe('Display name of the child, or null when the profile has none.'),
  })
  .describe('The child the plan is for.');
export type Child = z.output<typeof childSchema>;

export const planSchema = z
  .strictObject({
    id: id('Plan id.'),
    title: z.string().describe('Plan title shown in the app, e.g. "Misi plan 2026-04-30".'),
    name: z
      .string()
      .describe('Plan name; kept next to `title` for older integrations and usually identical to it.'),
    automation_key: z
      .string()
      .nullable()
      .describe('Key a parent set on the plan for routing in automations, or null when not set.'),
    date: z.iso
      .date({ error: formatError(CALENDAR_DATE) })
      .describe('Calendar day of the daily plan (YYYY-MM-DD).'),
    status: planStatusSchema,
    start_at: localDateTime('When the plan window opens (server local time, no offset).'),
    end_at: localDateTime('When the plan window closes (server local time, no offset).'),
    ordered: z.boolean().describe('True when the child has to do the tasks in their `position` order.'),
    score_pct: percent()
      .nullable()
      .describe(
        'Share of the required reward points that is approved, in percent (rounded to 2 decimals); null when the plan has no required reward points.',
      ),
  })
  .describe('The daily plan the event is about.');
export type Plan = z.output<typeof planSchema>;
