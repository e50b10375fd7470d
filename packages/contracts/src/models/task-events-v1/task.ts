import { z } from 'zod';
import { DATE_TIME_WITH_OFFSET, formatError } from '../shared/format-error.js';

/** The task object of seed 003, as it appears in task.created/updated/completed/snoozed. */
export const taskSchema = z
  .strictObject({
    id: z.number().int().describe('Numeric task id in the task app.'),
    title: z.string().describe('Task title as the user wrote it.'),
    done: z.boolean().describe('True once the task is marked done.'),
    priority: z.number().int().min(0).max(4).describe('Priority from 0 (none) to 4 (highest).'),
    due_at: z.iso
      .datetime({ offset: true, error: formatError(DATE_TIME_WITH_OFFSET) })
      .nullable()
      .describe('When the task is due (ISO 8601 with offset or Z), or null when it has no due date.'),
    labels: z.array(z.string()).describe('Label names attached to the task.'),
    project_id: z
      .number()
      .int()
      .nullable()
      .describe('Id of the project the task belongs to, or null for the inbox.'),
    is_recurring: z.boolean().describe('True when the task repeats on a schedule.'),
    is_snoozed: z.boolean().describe('True while the task is snoozed.'),
  })
  .describe('The task as it is after the change.');

export type Task = z.output<typeof taskSchema>;
