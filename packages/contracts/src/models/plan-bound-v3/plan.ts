import type { z } from 'zod';
import { familySchema, planSchema } from '../plan-bound-v2/plan.js';
import { instant, timeZoneSchema } from './scalars.js';

/** v2's family plus the zone its timestamps are rendered in. */
export const familyV3Schema = familySchema
  .extend({ timezone: timeZoneSchema })
  .describe('The family the plan belongs to, with the time zone its timestamps are rendered in.');
export type FamilyV3 = z.output<typeof familyV3Schema>;

/**
 * v2's plan without `name` (it only ever duplicated `title`) and with instants for the window.
 * Per-event schemas narrow `status` like v2 does.
 */
export const planV3Schema = planSchema
  .omit({ name: true })
  .extend({
    start_at: instant('When the plan window opens (RFC 3339, rendered in `family.timezone`).'),
    end_at: instant('When the plan window closes (RFC 3339, rendered in `family.timezone`).'),
  })
  .describe('The daily plan the event is about.');
export type PlanV3 = z.output<typeof planV3Schema>;
