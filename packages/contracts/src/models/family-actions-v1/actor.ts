import { z } from 'zod';

export const actorRoleSchema = z
  .enum(['parent', 'child', 'system'])
  .describe('Who acted: a `parent`, a `child`, or `system` for scheduled jobs and automations.');

/** Who performed the action. Only an id and the in-app display name: no e-mail, no legal name. */
export const actorSchema = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .max(128)
      .describe('User id of the member who acted, or the job name for `system` (e.g. `system:streak-job`).'),
    role: actorRoleSchema,
    display_name: z
      .string()
      .min(1)
      .max(80)
      .optional()
      .describe('Name shown in the family app (a nickname such as "Mum"); omitted for system actors.'),
  })
  .describe('The member (or job) who performed the action.');

export type FamilyActionsActor = z.output<typeof actorSchema>;
