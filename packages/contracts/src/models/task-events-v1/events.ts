import { z } from 'zod';
import { DATE_TIME_WITH_OFFSET, formatError } from '../shared/format-error.js';
import { taskSchema } from './task.js';

const timestamp = z.iso
  .datetime({ offset: true, error: formatError(DATE_TIME_WITH_OFFSET) })
  .describe('When the event happened (ISO 8601, UTC `Z` or an offset).');

const exampleTask = {
  id: 42,
  title: 'Call dentist',
  done: false,
  priority: 2,
  due_at: '2026-02-27T14:00:00Z',
  labels: ['medical'],
  project_id: 1,
  is_recurring: false,
  is_snoozed: false,
};

export const taskCreated = z
  .strictObject({
    event: z.literal('task.created').describe('Event name.'),
    timestamp,
    data: z.strictObject({ task: taskSchema }).describe('Event data: the new task.'),
  })
  .meta({
    title: 'task.created',
    description: 'A task was created, from any client or the API.',
    examples: [{ event: 'task.created', timestamp: '2026-02-27T09:12:00.000Z', data: { task: exampleTask } }],
  });

export const taskUpdated = z
  .strictObject({
    event: z.literal('task.updated').describe('Event name.'),
    timestamp,
    data: z
      .strictObject({
        task: taskSchema,
        fields_changed: z
          .array(z.string())
          .min(1)
          .describe('Names of the task fields whose value changed, e.g. `["title", "priority"]`.'),
      })
      .describe('Event data: the task after the change and which fields changed.'),
  })
  .meta({
    title: 'task.updated',
    description: 'One or more fields of a task changed (title, priority, due date, labels, project, …).',
    examples: [
      {
        event: 'task.updated',
        timestamp: '2026-02-27T10:00:00.000Z',
        data: { task: { ...exampleTask, priority: 3 }, fields_changed: ['priority'] },
      },
    ],
  });

export const taskCompleted = z
  .strictObject({
    event: z.literal('task.completed').describe('Event name.'),
    timestamp,
    data: z.strictObject({ task: taskSchema }).describe('Event data: the completed task.'),
  })
  .meta({
    title: 'task.completed',
    description: 'A task was marked done.',
    examples: [
      {
        event: 'task.completed',
        timestamp: '2026-02-27T15:00:00.000Z',
        data: { task: { ...exampleTask, done: true } },
      },
    ],
  });

export const taskDeleted = z
  .strictObject({
    event: z.literal('task.deleted').describe('Event name.'),
    timestamp,
    data: z
      .strictObject({
        task_id: z.number().int().describe('Id of the task that was moved to the trash.'),
        title: z.string().describe('Title of the deleted task, kept so receivers can show what was removed.'),
      })
      .describe('Event data: which task was trashed.'),
  })
  .meta({
    title: 'task.deleted',
    description: 'A task was moved to the trash. Only its id and title are sent.',
    examples: [
      {
        event: 'task.deleted',
        timestamp: '2026-02-28T08:00:00.000Z',
        data: { task_id: 42, title: 'Call dentist' },
      },
    ],
  });

export const taskSnoozed = z
  .strictObject({
    event: z.literal('task.snoozed').describe('Event name.'),
    timestamp,
    data: z
      .strictObject({
        task: taskSchema,
        previous_due_at: z.iso
          .datetime({ offset: true, error: formatError(DATE_TIME_WITH_OFFSET) })
          .nullable()
          .describe('The due date before snoozing, or null if the task had none.'),
      })
      .describe('Event data: the snoozed task and its previous due date.'),
  })
  .meta({
    title: 'task.snoozed',
    description: 'A task was snoozed to a later due date.',
    examples: [
      {
        event: 'task.snoozed',
        timestamp: '2026-02-27T13:55:00.000Z',
        data: {
          task: { ...exampleTask, due_at: '2026-02-28T14:00:00Z', is_snoozed: true },
          previous_due_at: '2026-02-27T14:00:00Z',
        },
      },
    ],
  });
