import { defineModel } from '../../registry/define-model.js';
import { taskCompleted, taskCreated, taskDeleted, taskSnoozed, taskUpdated } from './events.js';

export { type Task, taskSchema } from './task.js';

/** Seed 003: task-app webhooks in the `{ event, timestamp, data }` envelope. */
export const taskEventsV1 = defineModel({
  id: 'task_events_v1',
  title: 'Task events v1',
  description:
    'Task lifecycle events of a personal task app (create, update, complete, delete, snooze) in an `{ event, timestamp, data }` envelope.',
  events: {
    'task.created': taskCreated,
    'task.updated': taskUpdated,
    'task.completed': taskCompleted,
    'task.deleted': taskDeleted,
    'task.snoozed': taskSnoozed,
  },
});
