import { z } from 'zod';
import { extensionEvent, extensionExample } from './envelope.js';
import { changeSourceSchema, platformId } from './values.js';

const runRefs = {
  runId: platformId('this task run (one assignment of a task to the wearer)'),
  taskId: platformId('the task definition being run'),
};

/** One value per event: the run status this event leaves the run in. An enum so lenient parsing can widen it. */
function runStatus<const Status extends string>(status: Status) {
  return z.enum([status]).describe(`Status of the run after this event; always \`${status}\` here.`);
}

export const taskAssigned = extensionEvent(
  'task.assigned',
  z
    .strictObject({
      ...runRefs,
      status: runStatus('active'),
      source: changeSourceSchema,
      overriddenRunId: platformId('the run this assignment replaced')
        .nullable()
        .describe('Run that was still active and got replaced by this one, or null when none was.'),
    })
    .describe('Event data: the new task run and who assigned it.'),
  {
    description:
      'A task was assigned to the wearer, starting a new task run (possibly replacing an active one).',
    examples: [
      extensionExample(7, 'task.assigned', {
        runId: 'tr_1739665200000',
        taskId: 'task_123',
        status: 'active',
        source: 'keyholder',
        overriddenRunId: null,
      }),
    ],
  },
);

export const taskCompleted = extensionEvent(
  'task.completed',
  z
    .strictObject({
      ...runRefs,
      status: runStatus('completed'),
      pointsAwarded: z
        .number()
        .int()
        .describe('Points given to the wearer for completing the task (whole points).'),
    })
    .describe('Event data: the completed run and the points it earned.'),
  {
    description: 'The wearer completed the task of an active run.',
    examples: [
      extensionExample(8, 'task.completed', {
        runId: 'tr_1739665200000',
        taskId: 'task_123',
        status: 'completed',
        pointsAwarded: 10,
      }),
    ],
  },
);

export const taskFailed = extensionEvent(
  'task.failed',
  z
    .strictObject({
      ...runRefs,
      status: runStatus('failed'),
      penaltyApplied: z
        .boolean()
        .describe('True when a penalty was applied to the lock because the task failed.'),
      outcomeDescription: z
        .string()
        .max(500)
        .describe('Human-readable outcome of the failure, e.g. "1 hour added".'),
    })
    .describe('Event data: the failed run and its consequence.'),
  {
    description:
      'A task run failed (not done in time or marked failed by the keyholder); a penalty may follow.',
    examples: [
      extensionExample(9, 'task.failed', {
        runId: 'tr_1739665200000',
        taskId: 'task_123',
        status: 'failed',
        penaltyApplied: true,
        outcomeDescription: '1 hour added',
      }),
    ],
  },
);
