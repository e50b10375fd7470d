import { buildPlanBoundV2Payload, type PayloadInput } from '@taskhooks/contracts';

/** A contract-valid plan_bound_v2 `plan.completed` payload, built from the app-side facts. */
export function planCompletedPayload(planId = 'plan-1') {
  return buildPlanBoundV2Payload({
    event: 'plan.completed',
    occurredAt: '2026-04-30T18:30:00',
    family: { id: '80a4cdcd-cd23-431e-81de-ff474f915238' },
    child: { id: 'child-1', name: 'Misi' },
    plan: {
      id: planId,
      title: 'Misi plan 2026-04-30',
      automation_key: 'homework_done',
      date: '2026-04-30',
      start_at: '2026-04-30T17:00:00',
      end_at: '2026-04-30T18:30:00',
      ordered: true,
    },
    tasks: [
      {
        id: 'task-1',
        title: 'Clean up',
        type: 'photo_proof',
        position: 0,
        required: true,
        status: 'approved',
        attempt_count: 1,
        latest_attempt_status: 'approved',
        latest_attempt_no: 1,
        score: 100,
        reward_points: 3,
      },
    ],
  });
}

/** A seed-003 `task.completed` payload. */
export const taskCompletedPayload: PayloadInput<'task_events_v1', 'task.completed'> = {
  event: 'task.completed',
  timestamp: '2026-02-27T15:00:00.000Z',
  data: {
    task: {
      id: 42,
      title: 'Call dentist',
      done: true,
      priority: 2,
      due_at: '2026-02-27T14:00:00Z',
      labels: ['medical'],
      project_id: 1,
      is_recurring: false,
      is_snoozed: false,
    },
  },
};
